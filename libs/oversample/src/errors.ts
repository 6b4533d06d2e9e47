/** Codes carried by {@link OversampleError}. */
export type OversampleErrorCode = 'TOO_FEW_MINORITY' | 'NO_DENSITY' | 'BAD_INPUT' | 'UNKNOWN_METHOD';

/** Thrown when an oversampler cannot run on the given data; the message names the method and what to change. */
export class OversampleError extends Error {
  override readonly name = 'OversampleError';
  constructor(
    readonly code: OversampleErrorCode,
    message: string,
  ) {
    super(message);
  }
}
