// Original file: gansweep/v1/gansweep.proto

import type { Trial as _gansweep_v1_Trial, Trial__Output as _gansweep_v1_Trial__Output } from '../../gansweep/v1/Trial.ts';

export interface BestResponse {
  'sweepId'?: (string);
  'trial'?: (_gansweep_v1_Trial | null);
  'testMetrics'?: ({[key: string]: number | string});
  /**
   * Artifact-store keys of the generator handed over: the winner's when a GAN won, else the best GAN trial's.
   */
  'generatorKey'?: (string);
  'encoderKey'?: (string);
  'storeLocation'?: (string);
  'hasGenerator'?: (boolean);
  /**
   * The GAN trial whose generator is handed over, and its held-out test metrics.
   */
  'generatorTrial'?: (_gansweep_v1_Trial | null);
  'generatorTestMetrics'?: ({[key: string]: number | string});
  /**
   * False when a baseline won: the generator is then handed over with that warning.
   */
  'winnerIsGan'?: (boolean);
}

export interface BestResponse__Output {
  'sweepId': (string);
  'trial': (_gansweep_v1_Trial__Output | null);
  'testMetrics': ({[key: string]: number});
  /**
   * Artifact-store keys of the generator handed over: the winner's when a GAN won, else the best GAN trial's.
   */
  'generatorKey': (string);
  'encoderKey': (string);
  'storeLocation': (string);
  'hasGenerator': (boolean);
  /**
   * The GAN trial whose generator is handed over, and its held-out test metrics.
   */
  'generatorTrial': (_gansweep_v1_Trial__Output | null);
  'generatorTestMetrics': ({[key: string]: number});
  /**
   * False when a baseline won: the generator is then handed over with that warning.
   */
  'winnerIsGan': (boolean);
}
