// Original file: gansweep/v1/gansweep.proto


export interface RegisterResponse {
  'workerId'?: (string);
  'heartbeatIntervalMs'?: (number);
  'leaseTimeoutMs'?: (number);
  /**
   * Where tasks' inputs and checkpoints live: a folder path or s3://bucket/prefix.
   */
  'storeUrl'?: (string);
  /**
   * Where to publish per-step metrics: empty = report over gRPC only; nats://... otherwise.
   */
  'busUrl'?: (string);
}

export interface RegisterResponse__Output {
  'workerId': (string);
  'heartbeatIntervalMs': (number);
  'leaseTimeoutMs': (number);
  /**
   * Where tasks' inputs and checkpoints live: a folder path or s3://bucket/prefix.
   */
  'storeUrl': (string);
  /**
   * Where to publish per-step metrics: empty = report over gRPC only; nats://... otherwise.
   */
  'busUrl': (string);
}
