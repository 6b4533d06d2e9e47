import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { DataError } from './errors.ts';

/** A CSV file as text cells: the header row and the data rows (trimmed, blank lines dropped). */
export interface RawTable {
  header: string[];
  rows: string[][];
  /** The 1-based file line on which each data row ends, for error messages. */
  lines?: number[];
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** Names data row i in messages: its 1-based position among the data rows and, when known, its file line. */
export function rowRef(table: Pick<RawTable, 'lines'>, i: number): string {
  const line = table.lines?.[i];
  return line === undefined ? `row ${i + 1}` : `row ${i + 1} (line ${line})`;
}

/**
 * Parses CSV text with a header row. Cells are trimmed and blank lines (including lines of only separators) are
 * skipped. `source` names the text in error messages (usually the file path).
 * @throws DataError CSV_PARSE on malformed quoting, ragged rows, or empty / duplicate header names; EMPTY when
 * there is no header.
 */
export function parseCsv(text: string, source: string): RawTable {
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as ParsedRecord[];
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw new DataError(
      'CSV_PARSE',
      `${source}: CSV syntax error near line ${e.lines ?? '?'}: ${e.message ?? String(err)}. Fix the quoting on that line.`,
      { source, line: e.lines },
    );
  }
  records = records.filter((r) => r.record.some((c) => c !== ''));
  const first = records[0];
  if (first === undefined) {
    throw new DataError('EMPTY', `${source}: the file has no header row and no data. Point dataset.file at a CSV with a header row.`, {
      source,
    });
  }
  const header = first.record;
  const seen = new Map<string, number>();
  header.forEach((name, j) => {
    if (name === '') {
      throw new DataError('CSV_PARSE', `${source}: header column ${j + 1} has an empty name. Give every column a name in the first line.`, {
        source,
        column: j + 1,
      });
    }
    const prev = seen.get(name);
    if (prev !== undefined) {
      throw new DataError(
        'CSV_PARSE',
        `${source}: header name "${name}" appears twice (columns ${prev + 1} and ${j + 1}). Rename one of them.`,
        { source, column: name },
      );
    }
    seen.set(name, j);
  });
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r]!;
    if (rec.record.length !== header.length) {
      throw new DataError(
        'CSV_PARSE',
        `${source}: row ${r} (line ${rec.info.lines}) has ${rec.record.length} cells, ` +
          `the header has ${header.length}. Fix that row (a stray or missing comma, or an unquoted comma inside a value).`,
        { source, row: r, line: rec.info.lines, cells: rec.record.length, expected: header.length },
      );
    }
    rows.push(rec.record);
    lines.push(rec.info.lines);
  }
  return { header, rows, lines };
}

/**
 * Reads and parses a CSV file.
 * @throws DataError FILE_NOT_FOUND naming the path, or any error of {@link parseCsv}.
 */
export async function readCsvFile(path: string): Promise<RawTable> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? String(err)})`;
    throw new DataError('FILE_NOT_FOUND', `${path}: ${what}. Check dataset.file (relative paths resolve from the working directory).`, {
      path,
      cause: code,
    });
  }
  return parseCsv(text, path);
}

const SPACE = /\s/;

/**
 * True when a cell would not survive a round trip unquoted: a comma, quote, CR or LF anywhere, or whitespace (regex
 * `\s`) at either end. A char-code scan: this runs for every cell of every sampled row.
 */
function needsQuotes(value: string): boolean {
  const n = value.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c === 44 || c === 34 || c === 10 || c === 13) return true;
  }
  return edgeSpace(value.charCodeAt(0)) || edgeSpace(value.charCodeAt(n - 1));
}

/** Whether a code unit is what the regex class \s matches (ASCII fast path). */
function edgeSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return SPACE.test(String.fromCharCode(c));
}

/** Quotes one cell when it holds a comma, quote, line break or edge whitespace (which a reader would trim). */
export function csvCell(value: string): string {
  return needsQuotes(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line including its trailing newline. */
export function csvLine(cells: readonly string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i > 0 ? ',' : '') + csvCell(cells[i]!);
  return line + '\n';
}

/** Renders a whole table as CSV text with a header line. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  let out = csvLine(header);
  for (const r of rows) out += csvLine(r);
  return out;
}
