// Original file: gansweep/v1/gansweep.proto


export interface ResultAck {
  'accepted'?: (boolean);
  'reason'?: (string);
}

export interface ResultAck__Output {
  'accepted': (boolean);
  'reason': (string);
}
