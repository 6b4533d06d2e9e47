// Original file: gansweep/v1/gansweep.proto


export interface Task {
  'leaseId'?: (string);
  'taskId'?: (string);
  'sweepId'?: (string);
  'trialId'?: (string);
  /**
   * fold | final | sleep (a test-only task that sleeps params.ms)
   */
  'kind'?: (string);
  /**
   * The validation fold for kind = fold; -1 for final (train on all training rows, score on the test hold-out).
   */
  'fold'?: (number);
  'attempt'?: (number);
  'method'?: (string);
  'paramsJson'?: (string);
  /**
   * The classifier spec and task settings as JSON (validated by libs/sweep's schema on the worker).
   */
  'settingsJson'?: (string);
  /**
   * Artifact-store key of the prepared dataset (schema, rows, splits).
   */
  'datasetKey'?: (string);
  'seed'?: (number);
  /**
   * Where to write checkpoints; a previous attempt's checkpoint here is resumed from.
   */
  'checkpointPrefix'?: (string);
}

export interface Task__Output {
  'leaseId': (string);
  'taskId': (string);
  'sweepId': (string);
  'trialId': (string);
  /**
   * fold | final | sleep (a test-only task that sleeps params.ms)
   */
  'kind': (string);
  /**
   * The validation fold for kind = fold; -1 for final (train on all training rows, score on the test hold-out).
   */
  'fold': (number);
  'attempt': (number);
  'method': (string);
  'paramsJson': (string);
  /**
   * The classifier spec and task settings as JSON (validated by libs/sweep's schema on the worker).
   */
  'settingsJson': (string);
  /**
   * Artifact-store key of the prepared dataset (schema, rows, splits).
   */
  'datasetKey': (string);
  'seed': (number);
  /**
   * Where to write checkpoints; a previous attempt's checkpoint here is resumed from.
   */
  'checkpointPrefix': (string);
}
