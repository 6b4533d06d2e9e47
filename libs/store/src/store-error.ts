/** Why an artifact-store operation failed; callers branch on this, never on message text. */
export type StoreErrorCode = 'NOT_FOUND' | 'UNREACHABLE' | 'BAD_KEY' | 'AUTH' | 'BAD_URL';

/**
 * Error raised by every {@link ArtifactStore} adapter and by the store factory.
 * The message says what failed, where (store location and key) and what to check.
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

/** True when `err` is a {@link StoreError} with the given code. */
export function isStoreError(err: unknown, code?: StoreErrorCode): err is StoreError {
  return err instanceof StoreError && (code === undefined || err.code === code);
}
