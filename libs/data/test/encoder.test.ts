import { describe, expect, it } from 'vitest';
import {
  buildDataset,
  decodeMatrix,
  encodeRows,
  fitEncoder,
  fromRows,
  header,
  outputBlocks,
  parseCsv,
  type EncodedNumeric,
} from '@gansweep/data';

const text = [
  'size,colour,weight,count,flat,class',
  '1.5,red,0.455,3,7,A',
  '2.5,blue,0.35,10,7,A',
  '3.5,red,0.2245,,7,B',
  '4.5,green,NA,5,7,A',
  '0.5,violet,0.1,1,7,B',
].join('\n');
const ds = buildDataset(parseCsv(text, 't.csv'), { label: 'class', minority: 'B' }, 't.csv');
const train = [0, 1, 2, 3];

describe('fitEncoder', () => {
  const spec = fitEncoder(ds, train);

  it('z-scores numeric columns with statistics of the training rows only', () => {
    const size = spec.columns[0] as EncodedNumeric;
    expect(size.mean).toBeCloseTo(3, 12);
    expect(size.std).toBeCloseTo(Math.sqrt(1.25), 12);
    expect([size.min, size.max]).toEqual([1.5, 4.5]);
    // The missing weight in row 3 is ignored, not counted as zero.
    expect((spec.columns[2] as EncodedNumeric).mean).toBeCloseTo((0.455 + 0.35 + 0.2245) / 3, 12);
  });

  it('one-hot encodes only the levels present in the training rows', () => {
    expect(spec.columns[1]).toEqual({ kind: 'categorical', name: 'colour', offset: 1, width: 3, levels: ['blue', 'green', 'red'] });
    expect(spec.width).toBe(1 + 3 + 1 + 1 + 1);
    expect(header(spec)).toEqual(['size', 'colour', 'weight', 'count', 'flat']);
    expect(outputBlocks(spec)).toEqual([
      { column: 'size', kind: 'numeric', offset: 0, width: 1 },
      { column: 'colour', kind: 'categorical', offset: 1, width: 3 },
      { column: 'weight', kind: 'numeric', offset: 4, width: 1 },
      { column: 'count', kind: 'numeric', offset: 5, width: 1 },
      { column: 'flat', kind: 'numeric', offset: 6, width: 1 },
    ]);
  });

  it('divides a constant column by 1 so it encodes to zeros', () => {
    const flat = spec.columns[4] as EncodedNumeric;
    expect([flat.mean, flat.std]).toEqual([7, 1]);
    const m = encodeRows(spec, ds.rows);
    for (let i = 0; i < m.rows; i++) expect(m.data[i * m.cols + 6]).toBe(0);
    expect(decodeMatrix(spec, m).map((r) => r[4])).toEqual(['7', '7', '7', '7', '7']);
  });

  it('survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });
});

describe('encodeRows', () => {
  const spec = fitEncoder(ds, train);

  it('encodes a level seen only in test rows, and missing cells, as zeros / the mean', () => {
    const m = encodeRows(spec, ds.rows, [4, 3, 2]);
    expect(m.rows).toBe(3);
    const r = (i: number) => Array.from(m.data.slice(i * m.cols, (i + 1) * m.cols));
    expect(r(0).slice(1, 4)).toEqual([0, 0, 0]); // violet never occurred in training
    expect(r(1)[4]).toBe(0); // weight NA -> training mean
    expect(r(2)[5]).toBe(0); // count '' -> training mean
    expect(r(1).slice(1, 4)).toEqual([0, 1, 0]); // green
    expect(r(0)[0]).toBeCloseTo((0.5 - 3) / Math.sqrt(1.25), 12);
  });
});

describe('decodeMatrix', () => {
  it('gives back categorical values exactly and numeric values to the column decimals', () => {
    const spec = fitEncoder(ds, [0, 1, 2, 3, 4]);
    const decoded = decodeMatrix(spec, encodeRows(spec, ds.rows));
    expect(decoded.map((r) => r[1])).toEqual(['red', 'blue', 'red', 'green', 'violet']);
    expect(decoded.map((r) => r[0])).toEqual(['1.5', '2.5', '3.5', '4.5', '0.5']);
    expect(decoded.map((r) => r[2])).toEqual(['0.455', '0.35', '0.2245', '0.2824', '0.1']); // NA -> mean, 4 decimals
    expect(decoded.map((r) => r[3])).toEqual(['3', '10', '5', '5', '1']); // '' -> mean 4.75 -> integer 5
  });

  it('clips to the training range, rounds integer columns and leaves no float noise', () => {
    const spec = fitEncoder(ds, train);
    const m = fromRows([
      [100, 0.2, 0.9, 0.1, 1e-17, 0.49, 0],
      [-100, 0.5, 0.5, 0.5, -1e-17, 3, 0],
    ]);
    const out = decodeMatrix(spec, m);
    expect(out[0]![0]).toBe('4.5');
    expect(out[1]![0]).toBe('1.5');
    expect(out[0]![2]).toBe('0.3432'); // 1e-17 z-score -> the mean, to 4 decimals
    const count = spec.columns[3] as EncodedNumeric;
    expect(out[0]![3]).toBe(String(Math.round(count.mean + 0.49 * count.std)));
    expect(out[0]![3]).toBe('7');
    expect(out[1]![3]).toBe('10');
    expect(out[1]![2]).toBe('0.3432');
  });

  it('picks the largest value of a block, the first one on ties', () => {
    const spec = fitEncoder(ds, train);
    const out = decodeMatrix(
      spec,
      fromRows([
        [0, 0.2, 0.9, 0.1, 0, 0, 0],
        [0, 0.5, 0.5, 0.5, 0, 0, 0],
        [0, -3, -2, -1, 0, 0, 0],
      ]),
    );
    expect(out.map((r) => r[1])).toEqual(['green', 'blue', 'red']);
  });

  it('round-trips numeric and categorical columns of a real-sized random table', () => {
    const lines = ['x,k,n,class'];
    for (let i = 0; i < 500; i++) {
      lines.push(`${(((i * 7919) % 1000) / 1000 - 0.5).toFixed(3)},${'pqrs'[i % 4]},${(i * 31) % 97},${i % 10 === 0 ? 'B' : 'A'}`);
    }
    const big = buildDataset(parseCsv(lines.join('\n'), 'r.csv'), { label: 'class', minority: 'B' }, 'r.csv');
    const all = big.rows.map((_, i) => i);
    const spec = fitEncoder(big, all);
    expect(decodeMatrix(spec, encodeRows(spec, big.rows))).toEqual(big.rows.map((r) => [String(Number(r[0])), r[1], r[2]]));
  });
});
