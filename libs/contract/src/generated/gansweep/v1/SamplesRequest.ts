// Original file: gansweep/v1/gansweep.proto

import type { Long } from '@grpc/proto-loader';

export interface SamplesRequest {
  'sweepId'?: (string);
  'rows'?: (number | string | Long);
  'seed'?: (number);
  /**
   * Rows per chunk; 0 = the server's default.
   */
  'chunkRows'?: (number);
}

export interface SamplesRequest__Output {
  'sweepId': (string);
  'rows': (number);
  'seed': (number);
  /**
   * Rows per chunk; 0 = the server's default.
   */
  'chunkRows': (number);
}
