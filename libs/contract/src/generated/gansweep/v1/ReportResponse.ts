// Original file: gansweep/v1/gansweep.proto


export interface ReportResponse {
  'html'?: (string);
}

export interface ReportResponse__Output {
  'html': (string);
}
