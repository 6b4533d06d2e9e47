import { Readable } from 'node:stream';
import { Client, S3Error } from 'minio';
import type { ArtifactStore } from './artifact-store.ts';
import { assertValidKey, assertValidPrefix } from './artifact-store.ts';
import { StoreError } from './artifact-store.ts';
import { isConnectionError, withRetry } from './retry.ts';

/** Options for {@link S3ArtifactStore}; the names follow the `minio` client. */
export interface S3StoreOptions {
  /** Host name or IP of the S3 endpoint, without scheme or port. */
  endPoint: string;
  /** TCP port of the endpoint. */
  port: number;
  /** Use HTTPS. */
  useSSL: boolean;
  accessKey: string;
  secretKey: string;
  /** Bucket that holds the objects; created when missing. */
  bucket: string;
  /**
   * Key prefix inside the bucket, so several sweeps or tools can share one bucket.
   * @default ''
   */
  prefix?: string;
  /**
   * Region sent to the server; setting it spares the client a bucket-location request.
   * @default 'us-east-1'
   */
  region?: string;
  /**
   * How long to keep retrying, with exponential backoff, while the endpoint refuses or drops connections,
   * before failing with UNREACHABLE. Applies to every call, not only the first.
   * @default 15000
   */
  connectTimeoutMs?: number;
}

/** The minio client's default part size: below it an upload is a single PUT. */
const SINGLE_PUT_LIMIT = 64 * 1024 * 1024;

const AUTH_CODES = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'InvalidToken', 'ExpiredToken']);
const NOT_FOUND_CODES = new Set(['NoSuchKey', 'NotFound', 'NoSuchObject']);

/** Artifact store on an S3 bucket (MinIO, AWS S3, s3rver, ...) through the `minio` client. */
export class S3ArtifactStore implements ArtifactStore {
  readonly location: string;
  readonly bucket: string;
  readonly prefix: string;
  /** `http(s)://host:port` of the endpoint, for messages. */
  readonly endpoint: string;
  private readonly client: Client;
  private readonly deadlineMs: number;

  private constructor(options: S3StoreOptions) {
    this.bucket = options.bucket;
    const rawPrefix = (options.prefix ?? '').replace(/^\/+|\/+$/g, '');
    this.prefix = rawPrefix === '' ? '' : `${rawPrefix}/`;
    this.endpoint = `${options.useSSL ? 'https' : 'http'}://${options.endPoint}:${options.port}`;
    this.location = `s3://${this.bucket}/${this.prefix} at ${this.endpoint}`;
    this.deadlineMs = options.connectTimeoutMs ?? 15_000;
    this.client = new Client({
      endPoint: options.endPoint,
      port: options.port,
      useSSL: options.useSSL,
      accessKey: options.accessKey,
      secretKey: options.secretKey,
      region: options.region ?? 'us-east-1',
      pathStyle: true,
    });
  }

  /**
   * Connects, checks the credentials and creates the bucket when missing.
   * Rejects with UNREACHABLE after `connectTimeoutMs` of refused connections, AUTH on rejected credentials.
   */
  static async open(options: S3StoreOptions): Promise<S3ArtifactStore> {
    const store = new S3ArtifactStore(options);
    await store.call('check bucket', undefined, async () => {
      if (!(await store.client.bucketExists(store.bucket))) {
        try {
          await store.client.makeBucket(store.bucket, options.region ?? 'us-east-1');
        } catch (err) {
          // Another process may have created it between our check and our create.
          const code = err instanceof S3Error ? err.code : undefined;
          if (code !== 'BucketAlreadyOwnedByYou' && code !== 'BucketAlreadyExists') throw err;
        }
      }
    });
    return store;
  }

  private objectName(key: string): string {
    return this.prefix + assertValidKey(key, this.location);
  }

  /** Runs one S3 request with connection retries and maps its failure to a {@link StoreError}. */
  private async call<T>(what: string, key: string | undefined, op: () => Promise<T>): Promise<T> {
    try {
      return await withRetry(op, { deadlineMs: this.deadlineMs, retryIf: isConnectionError });
    } catch (err) {
      throw this.mapError(what, key, err);
    }
  }

  private mapError(what: string, key: string | undefined, err: unknown): unknown {
    if (err instanceof StoreError) return err;
    const where = key === undefined ? this.location : `"${key}" in ${this.location}`;
    if (isConnectionError(err)) {
      const detail = (err as { code?: string }).code ?? (err as Error).message;
      return new StoreError(
        'UNREACHABLE',
        `S3 endpoint ${this.endpoint} unreachable (${detail}) for ${what} ${where}, still failing after ${this.deadlineMs} ms of retries. ` +
          `Check that the S3 server runs and that GANSWEEP_S3_ENDPOINT (host, port, http vs https) points at it.`,
        { cause: err },
      );
    }
    const code = err instanceof S3Error ? err.code : (err as { code?: string } | undefined)?.code;
    if (code !== undefined && AUTH_CODES.has(code)) {
      return new StoreError(
        'AUTH',
        `S3 endpoint ${this.endpoint} rejected the credentials (${code}) for ${what} ${where}. ` +
          `Check GANSWEEP_S3_ACCESS_KEY and GANSWEEP_S3_SECRET_KEY, and that the key may use bucket "${this.bucket}".`,
        { cause: err },
      );
    }
    if (code !== undefined && NOT_FOUND_CODES.has(code) && key !== undefined) {
      return new StoreError('NOT_FOUND', `No artifact "${key}" in store ${this.location}.`, { cause: err });
    }
    return err;
  }

  async put(key: string, body: Buffer | string): Promise<void> {
    const name = this.objectName(key);
    const buf = typeof body === 'string' ? Buffer.from(body) : body;
    await this.call('put', key, () => this.client.putObject(this.bucket, name, buf, buf.length));
  }

  /**
   * Streams an upload. Bodies up to `SINGLE_PUT_LIMIT` are gathered and sent as one PUT (with retries);
   * larger ones go multipart, which real S3/MinIO support but s3rver does not (no ListMultipartUploads).
   */
  async putStream(key: string, body: NodeJS.ReadableStream): Promise<void> {
    const name = this.objectName(key);
    const chunks: Buffer[] = [];
    let size = 0;
    const iterator = body[Symbol.asyncIterator]();
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        const buf = Buffer.concat(chunks, size);
        await this.call('put', key, () => this.client.putObject(this.bucket, name, buf, buf.length));
        return;
      }
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : (next.value as Buffer);
      chunks.push(chunk);
      size += chunk.length;
      if (size > SINGLE_PUT_LIMIT) break;
    }
    // Too big to gather: hand the client what was read so far followed by the rest of the stream.
    const rest = Readable.from(
      (async function* () {
        yield* chunks;
        for (let n = await iterator.next(); !n.done; n = await iterator.next()) yield n.value as Buffer;
      })(),
    );
    try {
      await this.client.putObject(this.bucket, name, rest);
    } catch (err) {
      throw this.mapError('put', key, err);
    }
  }

  async get(key: string): Promise<Buffer> {
    const stream = await this.getStream(key);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return Buffer.concat(chunks);
  }

  async getStream(key: string): Promise<NodeJS.ReadableStream> {
    const name = this.objectName(key);
    return this.call('get', key, () => this.client.getObject(this.bucket, name));
  }

  async exists(key: string): Promise<boolean> {
    const name = this.objectName(key);
    try {
      await this.call('stat', key, () => this.client.statObject(this.bucket, name));
      return true;
    } catch (err) {
      if (err instanceof StoreError && err.code === 'NOT_FOUND') return false;
      throw err;
    }
  }

  async list(prefix: string): Promise<string[]> {
    assertValidPrefix(prefix, this.location);
    const names = await this.call('list', undefined, async () => {
      const out: string[] = [];
      for await (const item of this.client.listObjectsV2(this.bucket, this.prefix + prefix, true)) {
        if (typeof item.name === 'string') out.push(item.name);
      }
      return out;
    });
    return names.map((n) => n.slice(this.prefix.length)).sort();
  }

  async delete(key: string): Promise<void> {
    const name = this.objectName(key);
    await this.call('delete', key, () => this.client.removeObject(this.bucket, name));
  }

  async close(): Promise<void> {}
}
