// Original file: gansweep/v1/gansweep.proto


export interface GetBestRequest {
  'sweepId'?: (string);
}

export interface GetBestRequest__Output {
  'sweepId': (string);
}
