import { csvLine } from './csv.ts';

/** Streams CSV rows to a writable without holding more than one chunk in memory. */
export interface CsvWriter {
  /** Writes rows (the header goes out before the first batch); resolves once the stream can take more. */
  write(rows: readonly (readonly string[])[]): Promise<void>;
  /** Writes the header if nothing was written yet, ends the stream and resolves when it has flushed. */
  end(): Promise<void>;
}

/** Options for {@link createCsvWriter}. */
export interface CsvWriterOptions {
  /**
   * Characters collected before handing a chunk to the stream; bigger chunks mean fewer writes.
   * @default 65536
   */
  chunkChars?: number;
}

/**
 * A CSV writer over any Node writable (file, socket, stdout). It honours back-pressure: whenever
 * `stream.write` returns false it waits for 'drain' before producing more text, so writing millions of generated
 * rows keeps memory flat as long as the caller awaits each `write`.
 */
export function createCsvWriter(stream: NodeJS.WritableStream, header: readonly string[], options: CsvWriterOptions = {}): CsvWriter {
  const chunkChars = options.chunkChars ?? 65536;
  let headerDone = false;
  let failure: Error | undefined;
  let ended = false;
  const onError = (err: Error): void => {
    failure = err;
  };
  stream.on('error', onError);

  const waitDrain = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const cleanup = (): void => {
        stream.removeListener('drain', onDrain);
        stream.removeListener('error', onErr);
        stream.removeListener('close', onClose);
      };
      const onDrain = (): void => {
        cleanup();
        resolve();
      };
      const onErr = (err: Error): void => {
        cleanup();
        reject(err);
      };
      const onClose = (): void => {
        cleanup();
        reject(new Error('CSV output stream closed before all rows were written'));
      };
      stream.on('drain', onDrain);
      stream.on('error', onErr);
      stream.on('close', onClose);
    });

  const push = async (text: string): Promise<void> => {
    if (failure) throw failure;
    if (!stream.write(text)) await waitDrain();
  };

  return {
    async write(rows) {
      if (ended) throw new Error('CsvWriter.write called after end()');
      let buf = '';
      if (!headerDone) {
        buf = csvLine(header);
        headerDone = true;
      }
      for (const r of rows) {
        buf += csvLine(r);
        if (buf.length >= chunkChars) {
          await push(buf);
          buf = '';
        }
      }
      if (buf !== '') await push(buf);
    },
    async end() {
      if (ended) return;
      if (!headerDone) {
        headerDone = true;
        await push(csvLine(header));
      }
      ended = true;
      if (failure) throw failure;
      await new Promise<void>((resolve, reject) => {
        const onErr = (err: Error): void => reject(err);
        stream.once('error', onErr);
        stream.end(() => {
          stream.removeListener('error', onErr);
          resolve();
        });
      });
      stream.removeListener('error', onError);
    },
  };
}
