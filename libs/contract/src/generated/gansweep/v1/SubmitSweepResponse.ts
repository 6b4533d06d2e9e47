// Original file: gansweep/v1/gansweep.proto


export interface SubmitSweepResponse {
  'sweepId'?: (string);
  'trials'?: (number);
  'tasks'?: (number);
}

export interface SubmitSweepResponse__Output {
  'sweepId': (string);
  'trials': (number);
  'tasks': (number);
}
