// Original file: gansweep/v1/gansweep.proto


export interface CancelSweepRequest {
  'sweepId'?: (string);
}

export interface CancelSweepRequest__Output {
  'sweepId': (string);
}
