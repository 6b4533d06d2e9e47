// Original file: gansweep/v1/gansweep.proto


export interface TaskCounts {
  'queued'?: (number);
  'running'?: (number);
  'done'?: (number);
  'failed'?: (number);
  'pruned'?: (number);
  'total'?: (number);
}

export interface TaskCounts__Output {
  'queued': (number);
  'running': (number);
  'done': (number);
  'failed': (number);
  'pruned': (number);
  'total': (number);
}
