// Original file: gansweep/v1/gansweep.proto

import type { Sweep as _gansweep_v1_Sweep, Sweep__Output as _gansweep_v1_Sweep__Output } from '../../gansweep/v1/Sweep.ts';

export interface ListSweepsResponse {
  'sweeps'?: (_gansweep_v1_Sweep)[];
}

export interface ListSweepsResponse__Output {
  'sweeps': (_gansweep_v1_Sweep__Output)[];
}
