import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArtifactStore, parseS3Url, readUri, StoreError } from '@gansweep/store';
import { startS3Server } from '../../../test/support/s3-server.ts';
import type { S3ServerHandle } from '../../../test/support/s3-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'gansweep-uri-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function failure(p: Promise<unknown>): Promise<StoreError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreError);
  return err as StoreError;
}

describe('createArtifactStore URL handling', () => {
  it('lists every missing GANSWEEP_S3_* variable in a BAD_URL error', async () => {
    const err = await failure(createArtifactStore('s3://gansweep/x', { GANSWEEP_S3_ENDPOINT: 'http://127.0.0.1:9' }));
    expect(err.code).toBe('BAD_URL');
    expect(err.message).toContain('GANSWEEP_S3_ACCESS_KEY');
    expect(err.message).toContain('GANSWEEP_S3_SECRET_KEY');
    expect(err.message).not.toContain('GANSWEEP_S3_ENDPOINT needs');
  });

  it('rejects unknown schemes, bad bucket names and non-http endpoints with BAD_URL', async () => {
    expect((await failure(createArtifactStore('gs://bucket/x', {}))).code).toBe('BAD_URL');
    expect((await failure(createArtifactStore('s3://Bad_Bucket/x', {}))).code).toBe('BAD_URL');
    const env = { GANSWEEP_S3_ENDPOINT: 'ftp://h:1', GANSWEEP_S3_ACCESS_KEY: 'a', GANSWEEP_S3_SECRET_KEY: 'b' };
    const err = await failure(createArtifactStore('s3://bucket/x', env));
    expect(err.code).toBe('BAD_URL');
    expect(err.message).toMatch(/http:\/\//);
    expect((await failure(createArtifactStore('file://relative/host', {}))).code).toBe('BAD_URL');
  });

  it('splits s3 URLs into bucket and prefix', () => {
    expect(parseS3Url('s3://gansweep/sweeps/s1/')).toEqual({ bucket: 'gansweep', path: 'sweeps/s1' });
    expect(parseS3Url('s3://gansweep')).toEqual({ bucket: 'gansweep', path: '' });
  });
});

describe('readUri', () => {
  let s3: S3ServerHandle;
  beforeAll(async () => {
    s3 = await startS3Server();
  });
  afterAll(async () => {
    await s3?.cleanup();
  });

  it('reads a dataset CSV from s3://bucket/key', async () => {
    const store = await createArtifactStore('s3://datasets', s3.env);
    await store.put('credit/train.csv', 'a,b,label\n1,2,0\n');
    expect((await readUri('s3://datasets/credit/train.csv', s3.env)).toString()).toBe('a,b,label\n1,2,0\n');
    expect((await failure(readUri('s3://datasets/credit/none.csv', s3.env))).code).toBe('NOT_FOUND');
  });

  it('reads plain paths and file URLs, and reports a missing file as NOT_FOUND', async () => {
    const file = join(dir, 'd.csv');
    writeFileSync(file, 'x\n1\n');
    expect((await readUri(file, {})).toString()).toBe('x\n1\n');
    expect((await readUri(new URL(`file://${file}`).href, {})).toString()).toBe('x\n1\n');
    const err = await failure(readUri(join(dir, 'nope.csv'), {}));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toContain('nope.csv');
  });
});
