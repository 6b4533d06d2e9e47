import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArtifactStore, FsArtifactStore, S3ArtifactStore, StoreError } from '@gansweep/store';
import type { ArtifactStore } from '@gansweep/store';
import { freePort } from '../../../test/support/free-port.ts';
import { startS3Server } from '../../../test/support/s3-server.ts';
import type { S3ServerHandle } from '../../../test/support/s3-server.ts';

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(chunks);
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return (err as StoreError).code;
  }
  return 'resolved';
}

/** The behaviour every ArtifactStore adapter must share. */
function artifactStoreContract(name: string, open: () => Promise<ArtifactStore>): void {
  describe(`${name} artifact store`, () => {
    let store: ArtifactStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });

    it('returns exactly the bytes that were put, for buffers and strings', async () => {
      const bytes = Buffer.from([0, 1, 2, 254, 255]);
      await store.put('rt/bin', bytes);
      await store.put('rt/text.txt', 'héllo\n');
      expect([...(await store.get('rt/bin'))]).toEqual([0, 1, 2, 254, 255]);
      expect((await store.get('rt/text.txt')).toString('utf8')).toBe('héllo\n');
    });

    it('streams an object that was put and reports existence', async () => {
      await store.put('st/a.csv', 'x,y\n1,2\n');
      expect((await readAll(await store.getStream('st/a.csv'))).toString()).toBe('x,y\n1,2\n');
      expect(await store.exists('st/a.csv')).toBe(true);
      expect(await store.exists('st/b.csv')).toBe(false);
      expect(await store.exists('st')).toBe(false);
    });

    it('rejects reads of missing keys with NOT_FOUND naming the key', async () => {
      await expect(store.get('missing/key.bin')).rejects.toThrow(/missing\/key\.bin/);
      expect(await codeOf(store.get('missing/key.bin'))).toBe('NOT_FOUND');
      expect(await codeOf(store.getStream('missing/key.bin'))).toBe('NOT_FOUND');
    });

    it('rejects "..", absolute, empty-segment and empty keys with BAD_KEY', async () => {
      for (const key of ['../escape', 'a/../../b', '/abs/key', 'a//b', '', 'a/./b', 'trailing/']) {
        expect(await codeOf(store.put(key, 'x')), key).toBe('BAD_KEY');
        expect(await codeOf(store.get(key)), key).toBe('BAD_KEY');
      }
      expect(await codeOf(store.list('../'))).toBe('BAD_KEY');
    });

    it('overwrites an existing key with the new content', async () => {
      await store.put('ow/k', 'first version, longer');
      await store.put('ow/k', 'second');
      expect((await store.get('ow/k')).toString()).toBe('second');
      expect(await store.list('ow/')).toEqual(['ow/k']);
    });

    it('lists keys by string prefix, sorted, across nested folders', async () => {
      await store.put('ls/s1/t2/ckpt', '2');
      await store.put('ls/s1/t1/ckpt', '1');
      await store.put('ls/s1/t10/ckpt', '10');
      await store.put('ls/s2/t1/ckpt', 'other sweep');
      expect(await store.list('ls/s1/')).toEqual(['ls/s1/t1/ckpt', 'ls/s1/t10/ckpt', 'ls/s1/t2/ckpt']);
      expect(await store.list('ls/s1/t1')).toEqual(['ls/s1/t1/ckpt', 'ls/s1/t10/ckpt']);
      expect(await store.list('ls/')).toHaveLength(4);
      expect(await store.list('nothing-here/')).toEqual([]);
      expect(await store.list('')).toContain('ls/s2/t1/ckpt');
    });

    it('deletes a key, and deleting a missing key is not an error', async () => {
      await store.put('del/a', 'a');
      await store.put('del/b', 'b');
      await store.delete('del/a');
      await store.delete('del/never-existed');
      expect(await store.exists('del/a')).toBe(false);
      expect(await store.list('del/')).toEqual(['del/b']);
      expect(await codeOf(store.get('del/a'))).toBe('NOT_FOUND');
    });

    it('round-trips a 5 MB object byte for byte', async () => {
      const big = Buffer.alloc(5 * 1024 * 1024);
      for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
      await store.put('big/ckpt.bin', big);
      const back = await store.get('big/ckpt.bin');
      expect(back.length).toBe(big.length);
      expect(back.equals(big)).toBe(true);
      expect((await readAll(await store.getStream('big/ckpt.bin'))).equals(big)).toBe(true);
    });

    it('stores a streamed upload when the adapter supports putStream', async () => {
      expect(typeof store.putStream).toBe('function');
      await store.putStream!('ps/obj', Readable.from([Buffer.from('part one,'), Buffer.from('part two')]));
      expect((await store.get('ps/obj')).toString()).toBe('part one,part two');
    });

    it('describes its location without secrets', () => {
      expect(store.location.length).toBeGreaterThan(5);
      expect(store.location).not.toMatch(/S3RVER/);
    });
  });
}

const fsRoot = mkdtempSync(join(tmpdir(), 'gansweep-store-'));
afterAll(() => rmSync(fsRoot, { recursive: true, force: true }));
artifactStoreContract('fs', async () => createArtifactStore(join(fsRoot, 'contract')));

let s3: S3ServerHandle;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.cleanup();
});
artifactStoreContract('s3 (s3rver)', async () => createArtifactStore('s3://gansweep-test/contract/run1', s3.env));

describe('fs artifact store specifics', () => {
  it('leaves no temp files behind after writes and removes emptied folders on delete', async () => {
    const store = new FsArtifactStore({ root: join(fsRoot, 'tidy') });
    await store.put('a/b/c.bin', Buffer.alloc(1000, 7));
    await store.put('a/b/c.bin', Buffer.alloc(10, 8));
    expect(readdirSync(join(fsRoot, 'tidy', 'a', 'b'))).toEqual(['c.bin']);
    await store.delete('a/b/c.bin');
    expect(readdirSync(join(fsRoot, 'tidy'))).toEqual([]);
  });

  it('accepts file:/// URLs and gives the same objects as the plain path', async () => {
    const byPath = await createArtifactStore(join(fsRoot, 'same'));
    const byUrl = await createArtifactStore(new URL(`file://${join(fsRoot, 'same')}`).href);
    await byPath.put('k', 'v');
    expect((await byUrl.get('k')).toString()).toBe('v');
    expect(byUrl.location).toBe(byPath.location);
  });
});

describe('s3 artifact store specifics', () => {
  it('keeps stores with different prefixes in one bucket apart', async () => {
    const a = await createArtifactStore('s3://gansweep-test/iso/a', s3.env);
    const b = await createArtifactStore('s3://gansweep-test/iso/b', s3.env);
    await a.put('k', 'from a');
    expect(await b.exists('k')).toBe(false);
    expect(await a.list('')).toEqual(['k']);
  });

  it('rejects an unknown access key with AUTH telling which variables to check', async () => {
    const err = await createArtifactStore('s3://gansweep-test/auth', { ...s3.env, GANSWEEP_S3_ACCESS_KEY: 'NOT-A-KEY' }).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.code).toBe('AUTH');
    expect(err.message).toMatch(/GANSWEEP_S3_ACCESS_KEY/);
  });

  // No wrong-secret test: s3rver does not verify SigV4 signatures (any secret passes for a known key).
  // A real MinIO answers SignatureDoesNotMatch, which the adapter maps to AUTH like an unknown key.

  it('fails with UNREACHABLE naming the endpoint once the retry deadline passes', async () => {
    const port = await freePort();
    const started = Date.now();
    const err = await S3ArtifactStore.open({
      endPoint: '127.0.0.1',
      port,
      useSSL: false,
      accessKey: 'S3RVER',
      secretKey: 'S3RVER',
      bucket: 'nowhere',
      connectTimeoutMs: 1200,
    }).catch((e) => e);
    const elapsed = Date.now() - started;
    expect(err).toBeInstanceOf(StoreError);
    expect(err.code).toBe('UNREACHABLE');
    expect(err.message).toContain(`http://127.0.0.1:${port}`);
    expect(err.message).toMatch(/GANSWEEP_S3_ENDPOINT/);
    expect(elapsed).toBeGreaterThanOrEqual(1100);
    expect(elapsed).toBeLessThan(5000);
  });

  it('retries a request while the server is briefly down and succeeds once it is back', async () => {
    const server = await startS3Server();
    try {
      const open = (connectTimeoutMs: number) =>
        S3ArtifactStore.open({
          endPoint: '127.0.0.1',
          port: server.port,
          useSSL: false,
          accessKey: server.accessKey,
          secretKey: server.secretKey,
          bucket: 'flaky',
          connectTimeoutMs,
        });
      const patient = await open(15_000);
      const hasty = await open(300);
      await patient.put('k', 'before');
      await server.stop();
      expect((await hasty.get('k').catch((e) => e)).code).toBe('UNREACHABLE');
      const pending = patient.get('k');
      await new Promise((r) => setTimeout(r, 400));
      await server.restart();
      expect((await pending).toString()).toBe('before');
    } finally {
      await server.cleanup();
    }
  });
});
