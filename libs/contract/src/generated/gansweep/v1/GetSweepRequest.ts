// Original file: gansweep/v1/gansweep.proto


export interface GetSweepRequest {
  'sweepId'?: (string);
}

export interface GetSweepRequest__Output {
  'sweepId': (string);
}
