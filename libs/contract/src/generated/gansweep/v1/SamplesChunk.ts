// Original file: gansweep/v1/gansweep.proto

import type { Long } from '@grpc/proto-loader';

export interface SamplesChunk {
  /**
   * Present in the first chunk only.
   */
  'header'?: (string)[];
  /**
   * CSV text of this chunk's rows (no header).
   */
  'csv'?: (string);
  'rows'?: (number | string | Long);
}

export interface SamplesChunk__Output {
  /**
   * Present in the first chunk only.
   */
  'header': (string)[];
  /**
   * CSV text of this chunk's rows (no header).
   */
  'csv': (string);
  'rows': (number);
}
