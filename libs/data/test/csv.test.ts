import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createCsvWriter, DataError, parseCsv, readCsvFile, toCsv } from '@gansweep/data';

function codeOf(fn: () => unknown): DataError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DataError) return err;
    throw err;
  }
  throw new Error('expected a DataError');
}

describe('parseCsv', () => {
  it('keeps quoted commas, quotes and line breaks inside one cell and trims cells', () => {
    const t = parseCsv('a, b ,c\n"x, y","say ""hi""","two\nlines"\n  1 , 2,3\n', 'q.csv');
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.rows).toEqual([
      ['x, y', 'say "hi"', 'two\nlines'],
      ['1', '2', '3'],
    ]);
  });

  it('skips blank lines and lines holding only separators', () => {
    const t = parseCsv('a,b\n\n1,2\n   \n,\n3,4\n\n', 'b.csv');
    expect(t.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(t.lines).toEqual([3, 6]);
  });

  it('strips a byte-order mark from the first header name', () => {
    expect(parseCsv('\uFEFFa,b\n1,2\n', 'bom.csv').header).toEqual(['a', 'b']);
  });

  it('rejects a ragged row naming the file, the row, its line and the cell counts', () => {
    const e = codeOf(() => parseCsv('a,b,c\n1,2,3\n\n4,5\n', 'r.csv'));
    expect(e.code).toBe('CSV_PARSE');
    expect(e.message).toBe(
      'r.csv: row 2 (line 4) has 2 cells, the header has 3. Fix that row (a stray or missing comma, or an unquoted comma inside a value).',
    );
  });

  it('rejects duplicate and empty header names', () => {
    const dup = codeOf(() => parseCsv('a,b,a\n1,2,3\n', 'd.csv'));
    expect(dup.code).toBe('CSV_PARSE');
    expect(dup.message).toContain('header name "a" appears twice (columns 1 and 3)');
    const empty = codeOf(() => parseCsv('a,,c\n1,2,3\n', 'e.csv'));
    expect(empty.message).toContain('e.csv: header column 2 has an empty name');
  });

  it('reports an unclosed quote with its line', () => {
    const e = codeOf(() => parseCsv('a,b\n1,2\n"3,4\n', 'u.csv'));
    expect(e.code).toBe('CSV_PARSE');
    expect(e.message).toMatch(/^u\.csv: CSV syntax error near line 3/);
  });

  it('reports an empty file as EMPTY', () => {
    const e = codeOf(() => parseCsv('\n\n', 'empty.csv'));
    expect(e.code).toBe('EMPTY');
    expect(e.message).toContain('empty.csv');
  });
});

describe('toCsv', () => {
  it('quotes only cells that need it and parses back to the same table', () => {
    const rows = [
      ['plain', 'with,comma', 'with "quote"'],
      ['line\nbreak', ' padded ', ''],
    ];
    const text = toCsv(['x', 'y', 'z'], rows);
    expect(text.split('\n')[1]).toBe('plain,"with,comma","with ""quote"""');
    // The reader trims unquoted cells, so edge whitespace survives only when quoted.
    expect(text).toContain('" padded "');
    expect(parseCsv(text, 't').rows).toEqual(rows);
  });
});

describe('readCsvFile', () => {
  it('names the missing path', async () => {
    const err = await readCsvFile('nowhere/missing.csv').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).code).toBe('FILE_NOT_FOUND');
    expect((err as DataError).message).toMatch(/^nowhere\/missing\.csv: no such file/);
  });
});

/** A slow sink with a small buffer that records how much was ever queued at once. */
class SlowSink extends Writable {
  bytes = 0;
  newlines = 0;
  peakBuffered = 0;
  drains = 0;
  head = '';
  tail = '';
  constructor() {
    super({ highWaterMark: 16 * 1024, decodeStrings: false });
    this.on('drain', () => this.drains++);
  }
  override _write(chunk: string, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.peakBuffered = Math.max(this.peakBuffered, this.writableLength);
    this.bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk.charCodeAt(i) === 10) this.newlines++;
    if (this.head.length < 200) this.head += chunk.slice(0, 200);
    this.tail = (this.tail + chunk).slice(-200);
    setImmediate(cb);
  }
}

describe('createCsvWriter', () => {
  const dir = mkdtemp(join(tmpdir(), 'csvw-'));
  afterAll(async () => rm(await dir, { recursive: true, force: true }));

  it('streams 200k rows while waiting for drain, so the queued text stays near one chunk', async () => {
    const sink = new SlowSink();
    const w = createCsvWriter(sink, ['id', 'value', 'label'], { chunkChars: 8192 });
    const batch = 10_000;
    for (let b = 0; b < 20; b++) {
      const rows: string[][] = [];
      for (let i = 0; i < batch; i++) {
        const id = b * batch + i;
        rows.push([String(id), (id * 0.5).toFixed(1), id % 7 === 0 ? 'B, rare' : 'A']);
      }
      await w.write(rows);
    }
    await w.end();
    expect(sink.newlines).toBe(200_001);
    expect(sink.head.startsWith('id,value,label\n0,0.0,"B, rare"\n1,0.5,A\n')).toBe(true);
    expect(sink.tail.endsWith('199999,99999.5,A\n')).toBe(true);
    // ~4 MB went through a 16 KB buffer: the writer must have paused on drain many times.
    expect(sink.bytes).toBeGreaterThan(3_000_000);
    expect(sink.drains).toBeGreaterThan(50);
    expect(sink.peakBuffered).toBeLessThan(16 * 1024 + 2 * 8192);
  });

  it('writes the header alone when no rows come, and ends the stream', async () => {
    const sink = new SlowSink();
    const w = createCsvWriter(sink, ['a', 'b']);
    await w.end();
    expect(sink.head).toBe('a,b\n');
    expect(sink.writableFinished).toBe(true);
  });

  it('writes a file that reads back through readCsvFile', async () => {
    const { createWriteStream } = await import('node:fs');
    const path = join(await dir, 'out.csv');
    const w = createCsvWriter(createWriteStream(path), ['x', 'y']);
    await w.write([
      ['1', 'a,b'],
      ['2', 'c'],
    ]);
    await w.end();
    expect((await readCsvFile(path)).rows).toEqual([
      ['1', 'a,b'],
      ['2', 'c'],
    ]);
  });
});
