import { DataError } from './errors.ts';
import type { ColumnInfo, Dataset } from './schema.ts';

interface DatasetPayload {
  v: 1;
  source: string;
  label: string;
  minority: string;
  columns: ColumnInfo[];
  rows: string[][];
  /** base64 of the y bytes. */
  y: string;
  classCounts: Record<string, number>;
}

/** A compact JSON string of a dataset, for shipping it to workers through an artifact store. */
export function serializeDataset(ds: Dataset): string {
  const payload: DatasetPayload = {
    v: 1,
    source: ds.source,
    label: ds.label,
    minority: ds.minority,
    columns: ds.columns,
    rows: ds.rows,
    y: Buffer.from(ds.y.buffer, ds.y.byteOffset, ds.y.byteLength).toString('base64'),
    classCounts: ds.classCounts,
  };
  return JSON.stringify(payload);
}

function bad(what: string): never {
  throw new DataError('BAD_PAYLOAD', `serialized dataset is malformed: ${what}. Re-create it with serializeDataset.`, { what });
}

/**
 * Reverses {@link serializeDataset}, checking the shape so a truncated or foreign artifact fails here rather
 * than deep inside training.
 * @throws DataError BAD_PAYLOAD.
 */
export function deserializeDataset(text: string): Dataset {
  let p: Partial<DatasetPayload>;
  try {
    p = JSON.parse(text) as Partial<DatasetPayload>;
  } catch (err) {
    return bad(`not JSON (${(err as Error).message})`);
  }
  if (p === null || typeof p !== 'object' || p.v !== 1) bad('missing version 1 marker');
  if (typeof p.source !== 'string' || typeof p.label !== 'string' || typeof p.minority !== 'string') {
    bad('source, label and minority must be strings');
  }
  if (!Array.isArray(p.columns) || !Array.isArray(p.rows) || typeof p.y !== 'string') bad('columns, rows or y missing');
  if (typeof p.classCounts !== 'object' || p.classCounts === null) bad('classCounts missing');
  const y = new Uint8Array(Buffer.from(p.y, 'base64'));
  if (y.length !== p.rows.length) bad(`y has ${y.length} entries for ${p.rows.length} rows`);
  const width = p.columns.length;
  p.rows.forEach((r, i) => {
    if (!Array.isArray(r) || r.length !== width) bad(`row ${i + 1} does not have ${width} cells`);
  });
  return {
    source: p.source,
    label: p.label,
    minority: p.minority,
    columns: p.columns,
    rows: p.rows,
    y,
    classCounts: p.classCounts,
  };
}
