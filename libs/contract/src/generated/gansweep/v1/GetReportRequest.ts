// Original file: gansweep/v1/gansweep.proto


export interface GetReportRequest {
  'sweepId'?: (string);
}

export interface GetReportRequest__Output {
  'sweepId': (string);
}
