const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
]);

/** True for failures of the network path (refused, reset, DNS), as opposed to answers from the server. */
export function isConnectionError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message, errors } = err as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  if (typeof message === 'string' && /socket hang up/i.test(message)) return true;
  // Node reports "connect to any of several addresses failed" as an AggregateError.
  return Array.isArray(errors) && errors.some(isConnectionError);
}

/** Options for {@link withRetry}. */
export interface RetryOptions {
  /** Give up once this much time has passed since the first attempt. */
  deadlineMs: number;
  /** Only failures for which this returns true are retried. */
  retryIf: (err: unknown) => boolean;
  /** @default 100 */
  initialDelayMs?: number;
  /** @default 2000 */
  maxDelayMs?: number;
}

/** Runs `op` until it succeeds, fails with a non-retryable error, or the deadline leaves no room for another try. */
export async function withRetry<T>(op: () => Promise<T>, options: RetryOptions): Promise<T> {
  const started = Date.now();
  let delay = options.initialDelayMs ?? 100;
  const maxDelay = options.maxDelayMs ?? 2000;
  for (;;) {
    try {
      return await op();
    } catch (err) {
      const left = options.deadlineMs - (Date.now() - started);
      if (!options.retryIf(err) || left <= 0) throw err;
      await new Promise((r) => setTimeout(r, Math.min(delay, left)));
      delay = Math.min(delay * 2, maxDelay);
    }
  }
}
