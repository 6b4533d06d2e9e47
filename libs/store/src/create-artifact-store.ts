import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ArtifactStore } from './artifact-store.ts';
import { FsArtifactStore } from './fs-artifact-store.ts';
import { S3ArtifactStore } from './s3-artifact-store.ts';
import type { S3StoreOptions } from './s3-artifact-store.ts';
import { StoreError } from './artifact-store.ts';

/** Environment variables read for `s3://` URLs. */
export const S3_ENV = {
  endpoint: 'GANSWEEP_S3_ENDPOINT',
  accessKey: 'GANSWEEP_S3_ACCESS_KEY',
  secretKey: 'GANSWEEP_S3_SECRET_KEY',
  region: 'GANSWEEP_S3_REGION',
} as const;

/** Options for {@link createArtifactStore} and {@link readUri}. */
export interface CreateStoreOptions {
  /**
   * For S3: how long to retry refused connections before UNREACHABLE.
   * @default 15000
   */
  connectTimeoutMs?: number;
}

type Env = Record<string, string | undefined>;

/**
 * Opens the store a URL names: a plain path or `file:///abs/dir` gives a local folder store,
 * `s3://bucket/prefix` an S3 store whose endpoint and keys come from GANSWEEP_S3_* variables in `env`.
 * Rejects with BAD_URL (naming what to fix), UNREACHABLE or AUTH.
 */
export async function createArtifactStore(url: string, env: Env = process.env, options: CreateStoreOptions = {}): Promise<ArtifactStore> {
  if (typeof url !== 'string' || url.trim() === '') {
    throw new StoreError('BAD_URL', 'Empty artifact store URL: give a folder path, file:///abs/dir or s3://bucket/prefix.');
  }
  if (url.startsWith('s3://')) {
    const { bucket, path } = parseS3Url(url);
    return S3ArtifactStore.open(s3OptionsFromEnv(url, bucket, path, env, options));
  }
  return new FsArtifactStore({ root: localPath(url) });
}

/**
 * Reads one object or file named by a URI: `s3://bucket/key.csv` (GANSWEEP_S3_* from `env`), `file:///abs/x.csv`
 * or a plain path. Used to load dataset CSVs from wherever the sweep file points.
 */
export async function readUri(uri: string, env: Env = process.env, options: CreateStoreOptions = {}): Promise<Buffer> {
  if (uri.startsWith('s3://')) {
    const { bucket, path } = parseS3Url(uri);
    if (path === '') throw new StoreError('BAD_URL', `S3 URI "${uri}" names no object: use s3://bucket/path/to/file.csv.`);
    const store = await S3ArtifactStore.open(s3OptionsFromEnv(uri, bucket, '', env, options));
    try {
      return await store.get(path);
    } finally {
      await store.close();
    }
  }
  const path = localPath(uri);
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT' || code === 'EISDIR') {
      throw new StoreError('NOT_FOUND', `Cannot read "${uri}": no such file (${code}). Check the path in the sweep file.`, { cause: err });
    }
    throw err;
  }
}

function localPath(url: string): string {
  if (url.startsWith('file:')) {
    try {
      return fileURLToPath(url);
    } catch (err) {
      throw new StoreError('BAD_URL', `Bad file URL "${url}": use file:///absolute/path (three slashes) or a plain path.`, { cause: err });
    }
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url);
  if (scheme) {
    throw new StoreError(
      'BAD_URL',
      `Unsupported store URL scheme "${scheme[1]}://" in "${url}": use a folder path, file:///abs/dir or s3://bucket/prefix.`,
    );
  }
  return url;
}

/** Splits `s3://bucket/some/prefix` into bucket and path; validates the bucket name like S3 does. */
export function parseS3Url(url: string): { bucket: string; path: string } {
  const rest = url.slice('s3://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash + 1).replace(/\/+$/, '');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new StoreError(
      'BAD_URL',
      `Bad bucket "${bucket}" in "${url}": bucket names are 3-63 characters of lowercase letters, digits, '.' and '-'.`,
    );
  }
  return { bucket, path };
}

function s3OptionsFromEnv(url: string, bucket: string, prefix: string, env: Env, options: CreateStoreOptions): S3StoreOptions {
  const missing = [S3_ENV.endpoint, S3_ENV.accessKey, S3_ENV.secretKey].filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new StoreError(
      'BAD_URL',
      `Store URL "${url}" needs ${missing.join(', ')} to be set ` +
        `(e.g. ${S3_ENV.endpoint}=http://127.0.0.1:9000; ${S3_ENV.region} is optional, default us-east-1).`,
    );
  }
  const endpointText = env[S3_ENV.endpoint] as string;
  let endpoint: URL;
  try {
    endpoint = new URL(endpointText);
  } catch (err) {
    throw new StoreError('BAD_URL', `${S3_ENV.endpoint}="${endpointText}" is not a URL: use http://host:port or https://host:port.`, {
      cause: err,
    });
  }
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') {
    throw new StoreError('BAD_URL', `${S3_ENV.endpoint}="${endpointText}" must start with http:// or https://.`);
  }
  const useSSL = endpoint.protocol === 'https:';
  const region = env[S3_ENV.region];
  return {
    endPoint: endpoint.hostname.replace(/^\[|\]$/g, ''),
    port: endpoint.port === '' ? (useSSL ? 443 : 80) : Number(endpoint.port),
    useSSL,
    accessKey: env[S3_ENV.accessKey] as string,
    secretKey: env[S3_ENV.secretKey] as string,
    bucket,
    prefix,
    ...(region ? { region } : {}),
    ...(options.connectTimeoutMs !== undefined ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
  };
}
