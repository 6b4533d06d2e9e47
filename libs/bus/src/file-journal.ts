import { mkdir, open, readFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BusError } from './ports.ts';
import type { Journal } from './ports.ts';

/** Options for {@link FileJournal}. */
export interface FileJournalOptions {
  /**
   * fsync after every append, so a resolved append survives power loss.
   * @default true
   */
  fsync?: boolean;
}

/**
 * Journal in a local JSON-lines file. Each append is one write of `json + '\n'` followed by fsync.
 * A crash mid-write leaves at most one unterminated last line: reads ignore it and opening cuts it off,
 * so the next record starts on a clean line. One writer per file.
 */
export class FileJournal implements Journal {
  readonly path: string;
  readonly location: string;
  private readonly handle: FileHandle;
  private readonly fsync: boolean;
  private tail: Promise<void> = Promise.resolve();
  private closed = false;
  /** Bytes of a torn last line cut off when the file was opened (0 when the file was clean). */
  readonly repairedBytes: number;

  private constructor(path: string, handle: FileHandle, fsync: boolean, repairedBytes: number) {
    this.path = path;
    this.location = pathToFileURL(path).href;
    this.handle = handle;
    this.fsync = fsync;
    this.repairedBytes = repairedBytes;
  }

  /** Opens (creating if needed) the journal file and cuts off a torn last line. */
  static async open(path: string, options: FileJournalOptions = {}): Promise<FileJournal> {
    const abs = resolve(path);
    await mkdir(dirname(abs), { recursive: true });
    const handle = await open(abs, 'a+');
    const content = await handle.readFile();
    const keep = content.length === 0 || content[content.length - 1] === 0x0a ? content.length : content.lastIndexOf(0x0a) + 1;
    if (keep < content.length) {
      await handle.truncate(keep);
      await handle.sync();
    }
    return new FileJournal(abs, handle, options.fsync ?? true, content.length - keep);
  }

  append(record: object): Promise<void> {
    if (this.closed) return Promise.reject(new BusError('CLOSED', `Cannot append to closed journal ${this.location}.`));
    let line: string;
    try {
      line = JSON.stringify(record);
    } catch (err) {
      return Promise.reject(
        new BusError('BAD_EVENT', `Journal record is not JSON-serialisable: ${(err as Error).message}.`, { cause: err }),
      );
    }
    if (typeof record !== 'object' || record === null || line === undefined) {
      return Promise.reject(new BusError('BAD_EVENT', 'Journal records must be JSON objects or arrays.'));
    }
    const run = async () => {
      await this.handle.appendFile(`${line}\n`);
      if (this.fsync) await this.handle.datasync();
    };
    const next = this.tail.then(run);
    this.tail = next.catch(() => undefined);
    return next;
  }

  async readAll(): Promise<object[]> {
    await this.tail;
    // Read by path: FileHandle.readFile reads from the handle's current position, which open() left at the end.
    const text = (await readFile(this.path)).toString('utf8');
    return parseJournalText(text, this.location);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.tail;
    await this.handle.close();
  }
}

/** Parses JSON lines; ignores an unterminated last line, throws CORRUPT naming the line for anything else. */
export function parseJournalText(text: string, location: string): object[] {
  const lines = text.split('\n');
  lines.pop(); // after the last '\n': empty, or a torn record that was never acknowledged
  const records: object[] = [];
  lines.forEach((line, i) => {
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new BusError(
        'CORRUPT',
        `Journal ${location} line ${i + 1} is not valid JSON (${(err as Error).message}); ` +
          `only the last line may be torn by a crash. Restore the file from a backup or remove that line.`,
        { cause: err },
      );
    }
    if (typeof value !== 'object' || value === null) {
      throw new BusError('CORRUPT', `Journal ${location} line ${i + 1} holds ${JSON.stringify(value)}, not a JSON object.`);
    }
    records.push(value);
  });
  return records;
}
