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

/**
 * Where sweeps keep shards, checkpoints and reports. Keys are '/'-separated relative paths
 * (`sweeps/s1/trials/t3/ckpt-000100.bin`); the same key means the same object on every adapter.
 */
export interface ArtifactStore {
  /** Writes (or overwrites) an object; readers never see a half-written object. */
  put(key: string, body: Buffer | string): Promise<void>;
  /** Reads a whole object; rejects with NOT_FOUND when it does not exist. */
  get(key: string): Promise<Buffer>;
  /** Opens an object for streaming; rejects with NOT_FOUND before any byte when it does not exist. */
  getStream(key: string): Promise<NodeJS.ReadableStream>;
  /** Writes an object from a stream (large checkpoints) without holding it all in memory. */
  putStream?(key: string, body: NodeJS.ReadableStream): Promise<void>;
  /** True when an object exists under exactly this key. */
  exists(key: string): Promise<boolean>;
  /** Every key that starts with `prefix` (a plain string prefix, '' lists all), sorted. */
  list(prefix: string): Promise<string[]>;
  /** Removes an object; removing a missing key is not an error, so retries are safe. */
  delete(key: string): Promise<void>;
  /** Human-readable location for logs (`file:///data/store`, `s3://bucket/prefix at http://host:9000`); never holds secrets. */
  readonly location: string;
  /** Releases connections; further calls are not supported. */
  close(): Promise<void>;
}

// Control characters are exactly what this pattern exists to reject.
// eslint-disable-next-line no-control-regex
const SEGMENT_FORBIDDEN = /[\u0000-\u001f\\]/;

/**
 * Checks a key against the rules shared by all adapters and returns it unchanged.
 * Rejecting '..', '.', empty segments and absolute keys keeps the fs adapter inside its root
 * and makes S3 keys map one-to-one onto files.
 */
export function assertValidKey(key: unknown, location: string): string {
  const bad = (why: string): never => {
    throw new StoreError(
      'BAD_KEY',
      `Invalid artifact key ${JSON.stringify(key)} for store ${location}: ${why}. ` +
        `Use a relative '/'-separated path such as "sweeps/s1/ckpt.bin".`,
    );
  };
  if (typeof key !== 'string' || key.length === 0) return bad('a key must be a non-empty string');
  if (key.startsWith('/')) return bad('absolute keys are not allowed');
  if (/^[A-Za-z]:/.test(key)) return bad('drive-letter keys are not allowed');
  if (key.length > 1024) return bad('keys are limited to 1024 characters');
  for (const segment of key.split('/')) {
    if (segment === '') return bad('empty path segments (leading, trailing or doubled "/") are not allowed');
    if (segment === '..' || segment === '.') return bad(`"${segment}" segments are not allowed`);
    if (SEGMENT_FORBIDDEN.test(segment)) return bad('backslashes and control characters are not allowed');
  }
  return key;
}

/** Checks a list prefix: '' or a key-like string that may end with '/'. */
export function assertValidPrefix(prefix: unknown, location: string): string {
  if (prefix === '') return '';
  if (typeof prefix !== 'string') {
    throw new StoreError('BAD_KEY', `Invalid list prefix ${JSON.stringify(prefix)} for store ${location}: must be a string.`);
  }
  const trimmed = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  if (trimmed !== '') assertValidKey(trimmed, location);
  return prefix;
}
