// Original file: gansweep/v1/gansweep.proto

import type { Trial as _gansweep_v1_Trial, Trial__Output as _gansweep_v1_Trial__Output } from '../../gansweep/v1/Trial.ts';

export interface BestResponse {
  'sweepId'?: (string);
  'trial'?: (_gansweep_v1_Trial | null);
  'testMetrics'?: ({[key: string]: number | string});
  /**
   * Artifact-store keys of the winner's files.
   */
  'generatorKey'?: (string);
  'encoderKey'?: (string);
  'storeLocation'?: (string);
  'hasGenerator'?: (boolean);
}

export interface BestResponse__Output {
  'sweepId': (string);
  'trial': (_gansweep_v1_Trial__Output | null);
  'testMetrics': ({[key: string]: number});
  /**
   * Artifact-store keys of the winner's files.
   */
  'generatorKey': (string);
  'encoderKey': (string);
  'storeLocation': (string);
  'hasGenerator': (boolean);
}
