// Original file: gansweep/v1/gansweep.proto


export interface HeartbeatRequest {
  'workerId'?: (string);
  'leaseIds'?: (string)[];
}

export interface HeartbeatRequest__Output {
  'workerId': (string);
  'leaseIds': (string)[];
}
