// Original file: gansweep/v1/gansweep.proto


export interface LeaseTaskRequest {
  'workerId'?: (string);
}

export interface LeaseTaskRequest__Output {
  'workerId': (string);
}
