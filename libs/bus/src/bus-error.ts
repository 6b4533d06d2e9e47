/** Why a metrics-bus or journal operation failed; callers branch on this, never on message text. */
export type BusErrorCode =
  | 'UNREACHABLE'
  | 'AUTH'
  | 'BAD_URL'
  | 'BAD_EVENT'
  | 'NO_JETSTREAM'
  | 'CORRUPT'
  | 'CLOSED';

/**
 * Error raised by {@link MetricsBus} and {@link Journal} adapters and their factories.
 * The message names the server or file involved and what to check.
 */
export class BusError extends Error {
  override readonly name = 'BusError';
  readonly code: BusErrorCode;

  constructor(code: BusErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

/** True when `err` is a {@link BusError} with the given code. */
export function isBusError(err: unknown, code?: BusErrorCode): err is BusError {
  return err instanceof BusError && (code === undefined || err.code === code);
}
