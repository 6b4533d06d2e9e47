// Original file: gansweep/v1/gansweep.proto

import type { CurvePoint as _gansweep_v1_CurvePoint, CurvePoint__Output as _gansweep_v1_CurvePoint__Output } from '../../gansweep/v1/CurvePoint.ts';

export interface TaskResult {
  'leaseId'?: (string);
  'taskId'?: (string);
  'ok'?: (boolean);
  'error'?: (string);
  /**
   * Validation metrics (kind = fold) or test metrics (kind = final).
   */
  'metrics'?: ({[key: string]: number | string});
  'bestStep'?: (number);
  'curve'?: (_gansweep_v1_CurvePoint)[];
  /**
   * Keys of files written for this task (generator.json, encoder.json).
   */
  'generatorKey'?: (string);
  'encoderKey'?: (string);
  /**
   * Did the error come from the task's input (permanent) rather than the worker (retry elsewhere)?
   */
  'permanent'?: (boolean);
  'resumedFromStep'?: (number);
  /**
   * The worker hands the task back unfinished (it is draining); not a failure, the task is re-queued and resumes
   * from its last checkpoint elsewhere.
   */
  'released'?: (boolean);
  /**
   * The slot that ran this task wants its next one: the ack then carries a lease as LeaseTask would (saves a round
   * trip between tasks). Ignored for released tasks. Needs worker_id.
   */
  'leaseNext'?: (boolean);
  'workerId'?: (string);
}

export interface TaskResult__Output {
  'leaseId': (string);
  'taskId': (string);
  'ok': (boolean);
  'error': (string);
  /**
   * Validation metrics (kind = fold) or test metrics (kind = final).
   */
  'metrics': ({[key: string]: number});
  'bestStep': (number);
  'curve': (_gansweep_v1_CurvePoint__Output)[];
  /**
   * Keys of files written for this task (generator.json, encoder.json).
   */
  'generatorKey': (string);
  'encoderKey': (string);
  /**
   * Did the error come from the task's input (permanent) rather than the worker (retry elsewhere)?
   */
  'permanent': (boolean);
  'resumedFromStep': (number);
  /**
   * The worker hands the task back unfinished (it is draining); not a failure, the task is re-queued and resumes
   * from its last checkpoint elsewhere.
   */
  'released': (boolean);
  /**
   * The slot that ran this task wants its next one: the ack then carries a lease as LeaseTask would (saves a round
   * trip between tasks). Ignored for released tasks. Needs worker_id.
   */
  'leaseNext': (boolean);
  'workerId': (string);
}
