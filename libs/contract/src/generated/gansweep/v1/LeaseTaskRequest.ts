// Original file: gansweep/v1/gansweep.proto


export interface LeaseTaskRequest {
  'workerId'?: (string);
  /**
   * Long poll: when no task is queued, the coordinator may hold the call up to this long (it caps the wait at about
   * a second) and answers as soon as a task is queued. 0 = answer at once (has_task false, retry_after_ms).
   */
  'waitMs'?: (number);
}

export interface LeaseTaskRequest__Output {
  'workerId': (string);
  /**
   * Long poll: when no task is queued, the coordinator may hold the call up to this long (it caps the wait at about
   * a second) and answers as soon as a task is queued. 0 = answer at once (has_task false, retry_after_ms).
   */
  'waitMs': (number);
}
