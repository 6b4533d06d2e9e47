// Original file: gansweep/v1/gansweep.proto


export interface WatchSweepRequest {
  'sweepId'?: (string);
}

export interface WatchSweepRequest__Output {
  'sweepId': (string);
}
