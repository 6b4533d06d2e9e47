// Original file: gansweep/v1/gansweep.proto


export interface HeartbeatResponse {
  /**
   * Leases the coordinator no longer honours (expired, cancelled, pruned): stop work on them.
   */
  'revokedLeaseIds'?: (string)[];
}

export interface HeartbeatResponse__Output {
  /**
   * Leases the coordinator no longer honours (expired, cancelled, pruned): stop work on them.
   */
  'revokedLeaseIds': (string)[];
}
