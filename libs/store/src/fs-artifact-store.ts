import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pipeline } from 'node:stream/promises';
import type { ArtifactStore } from './artifact-store.ts';
import { assertValidKey, assertValidPrefix } from './artifact-store.ts';
import { StoreError } from './artifact-store.ts';

/** Marks in-flight temp files; keys may not contain it, so a listing can skip them. */
const TEMP_MARK = '.gansweep-tmp-';

/** Options for {@link FsArtifactStore}. */
export interface FsStoreOptions {
  /** Folder that holds the objects; created on first write. Relative paths resolve against the working directory. */
  root: string;
  /**
   * Flush each object to disk before it becomes visible, so a crash never leaves a renamed but empty file.
   * @default true
   */
  fsync?: boolean;
}

/** Artifact store on a local folder: one file per key, written to a temp file and renamed into place. */
export class FsArtifactStore implements ArtifactStore {
  readonly root: string;
  readonly location: string;
  private readonly fsync: boolean;

  constructor(options: FsStoreOptions) {
    this.root = resolve(options.root);
    this.fsync = options.fsync ?? true;
    this.location = pathToFileURL(this.root).href;
  }

  private pathOf(key: string): string {
    assertValidKey(key, this.location);
    if (key.includes(TEMP_MARK)) {
      throw new StoreError(
        'BAD_KEY',
        `Invalid artifact key "${key}" for store ${this.location}: "${TEMP_MARK}" is reserved for temp files.`,
      );
    }
    return join(this.root, ...key.split('/'));
  }

  private notFound(key: string, cause: unknown): StoreError {
    return new StoreError('NOT_FOUND', `No artifact "${key}" in store ${this.location}.`, { cause });
  }

  private async writeAtomically(key: string, write: (tempPath: string) => Promise<void>): Promise<void> {
    const target = this.pathOf(key);
    const temp = join(dirname(target), `${TEMP_MARK}${process.pid}-${randomBytes(6).toString('hex')}`);
    try {
      // A concurrent delete may prune the freshly made folder before the temp file opens: make it again.
      for (let attempt = 0; ; attempt++) {
        await mkdir(dirname(target), { recursive: true });
        try {
          await write(temp);
          break;
        } catch (err) {
          if (!isCode(err, 'ENOENT') || attempt >= 2) throw err;
        }
      }
      if (this.fsync) {
        const handle = await open(temp, 'r+');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
      }
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      if (isCode(err, 'EISDIR')) {
        throw new StoreError('BAD_KEY', `Cannot write artifact "${key}" in store ${this.location}: other keys live under it as a folder.`, {
          cause: err,
        });
      }
      if (isCode(err, 'ENOTDIR')) {
        throw new StoreError(
          'BAD_KEY',
          `Cannot write artifact "${key}" in store ${this.location}: one of its parent segments is already an object.`,
          { cause: err },
        );
      }
      throw err;
    }
  }

  async put(key: string, body: Buffer | string): Promise<void> {
    await this.writeAtomically(key, async (temp) => {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(body);
      } finally {
        await handle.close();
      }
    });
  }

  async putStream(key: string, body: NodeJS.ReadableStream): Promise<void> {
    await this.writeAtomically(key, async (temp) => {
      const handle = await open(temp, 'wx');
      await pipeline(body, handle.createWriteStream());
    });
  }

  async get(key: string): Promise<Buffer> {
    const path = this.pathOf(key);
    try {
      return await readFile(path);
    } catch (err) {
      if (isCode(err, 'ENOENT') || isCode(err, 'EISDIR') || isCode(err, 'ENOTDIR')) throw this.notFound(key, err);
      throw err;
    }
  }

  async getStream(key: string): Promise<NodeJS.ReadableStream> {
    const path = this.pathOf(key);
    // Open first so a missing key rejects here instead of erroring later on the stream.
    let handle;
    try {
      handle = await open(path, 'r');
      if (!(await handle.stat()).isFile()) {
        await handle.close();
        throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      }
    } catch (err) {
      if (isCode(err, 'ENOENT') || isCode(err, 'EISDIR') || isCode(err, 'ENOTDIR')) throw this.notFound(key, err);
      throw err;
    }
    return createReadStream(path, { fd: handle.fd, autoClose: false }).on('close', () => void handle.close());
  }

  async exists(key: string): Promise<boolean> {
    const path = this.pathOf(key);
    try {
      return (await stat(path)).isFile();
    } catch (err) {
      if (isCode(err, 'ENOENT') || isCode(err, 'ENOTDIR')) return false;
      throw err;
    }
  }

  async list(prefix: string): Promise<string[]> {
    assertValidPrefix(prefix, this.location);
    // Only walk the deepest folder the prefix fully names; the rest is a string filter.
    const cut = prefix.lastIndexOf('/');
    const dirKey = cut < 0 ? '' : prefix.slice(0, cut);
    const start = dirKey === '' ? this.root : join(this.root, ...dirKey.split('/'));
    const keys: string[] = [];
    await this.walk(start, dirKey, prefix, keys);
    return keys.sort();
  }

  private async walk(dir: string, dirKey: string, prefix: string, out: string[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (isCode(err, 'ENOENT') || isCode(err, 'ENOTDIR')) return;
      throw err;
    }
    for (const entry of entries) {
      if (entry.name.startsWith(TEMP_MARK)) continue;
      const key = dirKey === '' ? entry.name : `${dirKey}/${entry.name}`;
      if (entry.isDirectory()) {
        if (key.startsWith(prefix) || prefix.startsWith(`${key}/`)) await this.walk(join(dir, entry.name), key, prefix, out);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        out.push(key);
      }
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    try {
      if (!(await stat(path)).isFile()) return;
    } catch (err) {
      if (isCode(err, 'ENOENT') || isCode(err, 'ENOTDIR')) return;
      throw err;
    }
    await rm(path, { force: true });
    await this.pruneEmptyParents(dirname(path));
  }

  /** Removes folders left empty by a delete so `list` and the disk stay tidy; stops at the root. */
  private async pruneEmptyParents(dir: string): Promise<void> {
    let current = dir;
    while (current.startsWith(this.root + sep) && current !== this.root) {
      try {
        await rmdir(current);
      } catch {
        return; // not empty, or raced with a writer: both are fine
      }
      current = dirname(current);
    }
  }

  async close(): Promise<void> {}
}

function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}
