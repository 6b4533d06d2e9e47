// Original file: gansweep/v1/gansweep.proto

import type { TaskCounts as _gansweep_v1_TaskCounts, TaskCounts__Output as _gansweep_v1_TaskCounts__Output } from '../../gansweep/v1/TaskCounts.ts';
import type { Trial as _gansweep_v1_Trial, Trial__Output as _gansweep_v1_Trial__Output } from '../../gansweep/v1/Trial.ts';
import type { Long } from '@grpc/proto-loader';

/**
 * A sweep as the coordinator sees it now.
 */
export interface Sweep {
  'sweepId'?: (string);
  'name'?: (string);
  /**
   * queued | running | finalizing | done | failed | cancelled
   */
  'state'?: (string);
  'createdAtMs'?: (number | string | Long);
  'finishedAtMs'?: (number | string | Long);
  'tasks'?: (_gansweep_v1_TaskCounts | null);
  'trials'?: (_gansweep_v1_Trial)[];
  'bestTrialId'?: (string);
  'bestValF1'?: (number | string);
  /**
   * Held-out test metrics of the winner, re-fit on all training rows (filled when state = done).
   */
  'testMetrics'?: ({[key: string]: number | string});
  'error'?: (string);
  /**
   * The winner against the best baseline, in words (paired over folds).
   */
  'verdict'?: (string);
  'datasetSummary'?: (string);
}

/**
 * A sweep as the coordinator sees it now.
 */
export interface Sweep__Output {
  'sweepId': (string);
  'name': (string);
  /**
   * queued | running | finalizing | done | failed | cancelled
   */
  'state': (string);
  'createdAtMs': (number);
  'finishedAtMs': (number);
  'tasks': (_gansweep_v1_TaskCounts__Output | null);
  'trials': (_gansweep_v1_Trial__Output)[];
  'bestTrialId': (string);
  'bestValF1': (number);
  /**
   * Held-out test metrics of the winner, re-fit on all training rows (filled when state = done).
   */
  'testMetrics': ({[key: string]: number});
  'error': (string);
  /**
   * The winner against the best baseline, in words (paired over folds).
   */
  'verdict': (string);
  'datasetSummary': (string);
}
