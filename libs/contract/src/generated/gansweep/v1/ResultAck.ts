// Original file: gansweep/v1/gansweep.proto

import type { LeaseTaskResponse as _gansweep_v1_LeaseTaskResponse, LeaseTaskResponse__Output as _gansweep_v1_LeaseTaskResponse__Output } from '../../gansweep/v1/LeaseTaskResponse.ts';

export interface ResultAck {
  'accepted'?: (boolean);
  'reason'?: (string);
  /**
   * When the result asked for lease_next: the slot's next task (has_task false = none queued; lease as usual).
   */
  'next'?: (_gansweep_v1_LeaseTaskResponse | null);
}

export interface ResultAck__Output {
  'accepted': (boolean);
  'reason': (string);
  /**
   * When the result asked for lease_next: the slot's next task (has_task false = none queued; lease as usual).
   */
  'next': (_gansweep_v1_LeaseTaskResponse__Output | null);
}
