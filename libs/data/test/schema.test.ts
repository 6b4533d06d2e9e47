import { describe, expect, it } from 'vitest';
import { buildDataset, DataError, deserializeDataset, parseCsv, serializeDataset, type DatasetOptions } from '@gansweep/data';

const opts: DatasetOptions = { label: 'class', minority: 'B' };

function load(text: string, options: DatasetOptions = opts) {
  return buildDataset(parseCsv(text, 'x.csv'), options, 'x.csv');
}

function errorOf(fn: () => unknown): DataError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DataError) return err;
    throw err;
  }
  throw new Error('expected a DataError');
}

const sample = ['a,b,class,c,d', '1,red,A,0.5,NA', '2,blue,B,1.25,?', ',red,A,-3e-2,None', 'n/a,NULL,B,7,', '5,green,A,2,nan'].join('\n');

describe('buildDataset inference', () => {
  it('infers numeric and categorical columns, ignoring every spelling of a missing cell', () => {
    const ds = load(sample);
    expect(ds.columns.map((c) => [c.name, c.kind])).toEqual([
      ['a', 'numeric'],
      ['b', 'categorical'],
      ['c', 'numeric'],
      ['d', 'categorical'],
    ]);
    expect(ds.columns[0]).toMatchObject({ integer: true, decimals: 0 });
    expect(ds.columns[1]!.levels).toEqual(['blue', 'green', 'red']);
    expect(ds.columns[2]).toMatchObject({ integer: false, decimals: 2 });
    // All cells missing: nothing to scale, so it becomes a level-less categorical.
    expect(ds.columns[3]!.levels).toEqual([]);
  });

  it('drops the label from the features and encodes it as y with class counts', () => {
    const ds = load(sample);
    expect(ds.rows[1]).toEqual(['2', 'blue', '1.25', '?']);
    expect([...ds.y]).toEqual([0, 1, 0, 1, 0]);
    expect(ds.classCounts).toEqual({ A: 3, B: 2 });
    expect(ds.source).toBe('x.csv');
  });

  it('sorts numeric-looking levels by value and honours declared kinds and dropped columns', () => {
    const ds = load('id,size,class\n1,10,A\n2,9,B\n3,100,A\n', { ...opts, features: { size: 'categorical' }, drop: ['id'] });
    expect(ds.columns).toEqual([{ name: 'size', kind: 'categorical', integer: false, decimals: 0, levels: ['9', '10', '100'] }]);
    expect(ds.rows).toEqual([['10'], ['9'], ['100']]);
  });

  it('keeps a constant column', () => {
    const ds = load('k,v,class\n3,1,A\n3,2,B\n3,3,A\n');
    expect(ds.columns[0]).toMatchObject({ name: 'k', kind: 'numeric', integer: true });
  });

  it('treats hex-like codes as categories rather than numbers', () => {
    expect(load('h,class\n0x1F,A\n12,B\n').columns[0]!.kind).toBe('categorical');
  });
});

describe('buildDataset errors', () => {
  it('MISSING_LABEL lists the columns when the label column is absent', () => {
    const e = errorOf(() => load('a,b,class\n1,2,A\n', { label: 'klass', minority: 'B' }));
    expect(e.code).toBe('MISSING_LABEL');
    expect(e.message).toBe('x.csv: label column "klass" not found; columns are: a, b, class. Set dataset.label to one of them.');
  });

  it('MISSING_LABEL names the row whose label cell is empty', () => {
    const e = errorOf(() => load('a,class\n1,A\n2,B\n3,NA\n'));
    expect(e.code).toBe('MISSING_LABEL');
    expect(e.message).toContain('x.csv: row 3 (line 4) has no value in label column "class"');
  });

  it('MINORITY_ABSENT shows the values that do occur with their counts', () => {
    const rows = ['a,class', ...Array.from({ length: 1000 }, (_, i) => `${i},${i < 900 ? 'A' : 'B'}`)].join('\n');
    const e = errorOf(() => load(rows, { label: 'class', minority: 'C' }));
    expect(e.code).toBe('MINORITY_ABSENT');
    expect(e.message).toBe(
      'x.csv: minority value "C" never occurs in column "class" (values: A ×900, B ×100). Set dataset.minority to one of them.',
    );
  });

  it('NO_MAJORITY when every row is the minority value', () => {
    const e = errorOf(() => load('a,class\n1,B\n2,B\n'));
    expect(e.code).toBe('NO_MAJORITY');
    expect(e.message).toContain('no majority class');
  });

  it('EMPTY when there is a header but no rows', () => {
    const e = errorOf(() => load('a,class\n'));
    expect(e.code).toBe('EMPTY');
    expect(e.message).toBe('x.csv: the file has a header but no data rows. Add data rows below the header.');
  });

  it('TOO_MANY_LEVELS suggests dropping the column or raising the cap', () => {
    const text = ['name,class', ...Array.from({ length: 12 }, (_, i) => `n${i},${i % 2 ? 'A' : 'B'}`)].join('\n');
    const e = errorOf(() => load(text, { ...opts, maxLevels: 10 }));
    expect(e.code).toBe('TOO_MANY_LEVELS');
    expect(e.message).toContain('column "name" has 12 distinct values, more than the cap of 10');
    expect(e.message).toContain('dataset.drop');
    expect(load(text, { ...opts, maxLevels: 12 }).columns[0]!.levels).toHaveLength(12);
  });

  it('BAD_COLUMN names row and value when a declared numeric column holds text', () => {
    const e = errorOf(() => load('a,class\n1,A\n2,B\nthree,A\n', { ...opts, features: { a: 'numeric' } }));
    expect(e.code).toBe('BAD_COLUMN');
    expect(e.message).toBe(
      'x.csv: column "a" is declared numeric but row 3 (line 4) holds "three". Fix the cell, or declare the column categorical in dataset.features.',
    );
    expect(e.details).toMatchObject({ column: 'a', row: 3, value: 'three' });
  });

  it('BAD_COLUMN when features or drop name a column that is not in the file', () => {
    const e = errorOf(() => load('a,class\n1,A\n2,B\n', { ...opts, drop: ['zz'] }));
    expect(e.code).toBe('BAD_COLUMN');
    expect(e.message).toContain('dataset.drop names column "zz", which is not in the file; columns are: a, class');
  });
});

describe('serializeDataset', () => {
  it('round-trips a dataset through a JSON string, y included', () => {
    const ds = load(sample);
    const text = serializeDataset(ds);
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    const back = deserializeDataset(text);
    expect(back).toEqual(ds);
    expect(back.y).toBeInstanceOf(Uint8Array);
  });

  it('rejects a truncated payload with BAD_PAYLOAD', () => {
    const text = serializeDataset(load(sample));
    const e = errorOf(() => deserializeDataset(text.slice(0, 40)));
    expect(e.code).toBe('BAD_PAYLOAD');
    expect(e.message).toMatch(/^serialized dataset is malformed: not JSON .*Re-create it with serializeDataset\.$/);
    const short = JSON.parse(text) as { y: string };
    short.y = Buffer.from([1, 0]).toString('base64');
    expect(errorOf(() => deserializeDataset(JSON.stringify(short))).message).toContain('y has 2 entries for 5 rows');
  });
});
