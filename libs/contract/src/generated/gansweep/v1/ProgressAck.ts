// Original file: gansweep/v1/gansweep.proto


export interface ProgressAck {
  /**
   * True when the task should stop now (pruned by early stopping, cancelled, or its lease was lost).
   */
  'stop'?: (boolean);
  'reason'?: (string);
}

export interface ProgressAck__Output {
  /**
   * True when the task should stop now (pruned by early stopping, cancelled, or its lease was lost).
   */
  'stop': (boolean);
  'reason': (string);
}
