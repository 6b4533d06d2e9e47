// Original file: gansweep/v1/gansweep.proto


export interface ProgressReport {
  'leaseId'?: (string);
  'taskId'?: (string);
  'step'?: (number);
  'metrics'?: ({[key: string]: number | string});
}

export interface ProgressReport__Output {
  'leaseId': (string);
  'taskId': (string);
  'step': (number);
  'metrics': ({[key: string]: number});
}
