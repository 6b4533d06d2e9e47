// Original file: gansweep/v1/gansweep.proto

import type { Sweep as _gansweep_v1_Sweep, Sweep__Output as _gansweep_v1_Sweep__Output } from '../../gansweep/v1/Sweep.ts';

export interface SweepEvent {
  'sweep'?: (_gansweep_v1_Sweep | null);
  /**
   * What changed, for humans ("trial t3 fold 1 done: f1 0.71").
   */
  'message'?: (string);
}

export interface SweepEvent__Output {
  'sweep': (_gansweep_v1_Sweep__Output | null);
  /**
   * What changed, for humans ("trial t3 fold 1 done: f1 0.71").
   */
  'message': (string);
}
