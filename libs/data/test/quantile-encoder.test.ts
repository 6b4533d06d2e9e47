import { describe, expect, it } from 'vitest';
import {
  buildDataset,
  createRng,
  decodeMatrix,
  decodeNumeric,
  encodeRows,
  fitEncoder,
  fromRows,
  normalQuantile,
  parseCsv,
  type Dataset,
  type EncodedNumeric,
} from '@gansweep/data';

/** A dataset from columns of cells (a class column is added: every tenth row is B). */
function table(cols: Record<string, string[]>): Dataset {
  const names = Object.keys(cols);
  const n = cols[names[0]!]!.length;
  const lines = [[...names, 'class'].join(',')];
  for (let i = 0; i < n; i++) lines.push([...names.map((c) => cols[c]![i]!), i % 10 === 0 ? 'B' : 'A'].join(','));
  return buildDataset(parseCsv(lines.join('\n'), 'q.csv'), { label: 'class', minority: 'B' }, 'q.csv');
}

const all = (ds: Dataset) => ds.rows.map((_, i) => i);
/** The encoded values of column j. */
const column = (ds: Dataset, spec: ReturnType<typeof fitEncoder>, rows: string[][], j: number) => {
  const m = encodeRows(spec, rows);
  const off = spec.columns[j]!.offset;
  return Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols + off]!);
};

const rng = createRng(7);
/** 801 skewed decimals with repeats (lognormal, 3 decimals) and a 0/1/2 count with long runs of ties. */
const skewed = Array.from({ length: 801 }, () => Math.exp(1.2 * rng.normal()).toFixed(3));
const counts = Array.from({ length: 801 }, (_, i) => String(i % 10 < 7 ? 0 : i % 10 < 9 ? 1 : 2));
const ds = table({ x: skewed, n: counts });
const spec = fitEncoder(ds, all(ds), { numeric: 'quantile' });

describe('fitEncoder with numeric: quantile', () => {
  it('keeps the z-score rule (and no knots) when no option is given', () => {
    const z = fitEncoder(ds, all(ds));
    expect('quantiles' in z.columns[0]!).toBe(false);
    const x = z.columns[0] as EncodedNumeric;
    expect(column(ds, z, [['2', '0']], 0)[0]).toBeCloseTo((2 - x.mean) / x.std, 12);
  });

  it('maps values through a strictly increasing map inside the training range, clipped outside it', () => {
    const probes = [-5, 0, 0.05, 0.1, 0.3, 0.5, 0.77, 1, 1.5, 2, 3, 5, 8, 13, 21, 1e6];
    const z = column(ds, spec, [...probes.map((v) => [String(v), '0'])], 0);
    const x = spec.columns[0] as EncodedNumeric;
    for (let i = 1; i < probes.length; i++) {
      const inside = probes[i - 1]! >= x.min && probes[i]! <= x.max;
      if (inside) expect(z[i]!, `${probes[i - 1]} < ${probes[i]}`).toBeGreaterThan(z[i - 1]!);
      else expect(z[i]!).toBeGreaterThanOrEqual(z[i - 1]!);
    }
    // Below the minimum and above the maximum: the clipped CDF, 1e-7 from 0 and 1.
    expect(z[0]).toBeCloseTo(normalQuantile(1e-7), 12);
    expect(z.at(-1)).toBeCloseTo(-normalQuantile(1e-7), 12);
  });

  it('maps the training median to 0 and a missing cell to 0, which decodes to the median', () => {
    // 801 distinct skewed values whose median (the 401st) is exp(0) = 1.
    const d = table({ v: Array.from({ length: 801 }, (_, i) => Math.exp(1.2 * normalQuantile((800 - i + 0.5) / 801)).toFixed(6)) });
    const s = fitEncoder(d, all(d), { numeric: 'quantile' });
    const z = column(d, s, [['1'], ['NA'], ['1.000001']], 0);
    expect(Math.abs(z[0]!)).toBeLessThan(1e-12);
    expect(z[1]).toBe(0);
    expect(z[2]).toBeGreaterThan(0);
    expect(decodeMatrix(s, fromRows([[0]]))[0]).toEqual(['1']);
  });

  it('gives the training values back as the same text: decimals to 3 places, integers with ties exactly', () => {
    expect(decodeMatrix(spec, encodeRows(spec, ds.rows))).toEqual(ds.rows.map((r) => [String(Number(r[0])), r[1]]));
    // A tied value sits at the middle of its run: 70% zeros -> CDF 0.35, 20% ones -> about 0.8.
    const [zero, one] = column(
      ds,
      spec,
      [
        ['1', '0'],
        ['1', '1'],
      ],
      1,
    );
    expect(zero).toBeCloseTo(normalQuantile(0.35), 2);
    expect(one).toBeCloseTo(normalQuantile(0.8), 2);
  });

  it('turns a heavy-tailed (lognormal) column into roughly standard normal scores', () => {
    const r = createRng(11);
    const ln = table({ v: Array.from({ length: 3000 }, () => Math.exp(2 * r.normal()).toFixed(4)) });
    const z = column(ln, fitEncoder(ln, all(ln), { numeric: 'quantile' }), ln.rows, 0);
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const sd = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length);
    const skew = z.reduce((a, b) => a + ((b - mean) / sd) ** 3, 0) / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
    expect(Math.abs(skew)).toBeLessThan(0.05);
    expect(z.filter((v) => Math.abs(v) < 1.959963984540054).length / z.length).toBeCloseTo(0.95, 2);
    // The same column z-scored stays badly skewed.
    const zs = column(ln, fitEncoder(ln, all(ln)), ln.rows, 0);
    expect(zs.reduce((a, b) => a + b ** 3, 0) / zs.length).toBeGreaterThan(5);
  });

  it('decodes generated scores beyond the knots to the training minimum and maximum', () => {
    const x = spec.columns[0] as EncodedNumeric;
    expect([decodeNumeric(x, -40), decodeNumeric(x, -6), decodeNumeric(x, 6), decodeNumeric(x, Infinity)]).toEqual([
      x.min,
      x.min,
      x.max,
      x.max,
    ]);
    expect(decodeNumeric(x, NaN)).toBe(decodeNumeric(x, 0));
  });

  it('encodes a constant column to 0 and decodes any score to its value', () => {
    const c = table({ k: Array.from({ length: 50 }, () => '4.5') });
    const cs = fitEncoder(c, all(c), { numeric: 'quantile' });
    expect((cs.columns[0] as EncodedNumeric).quantiles).toEqual([4.5]);
    expect(column(c, cs, c.rows, 0).every((v) => v === 0)).toBe(true);
    expect(decodeMatrix(cs, fromRows([[-3], [0], [4]])).map((r) => r[0])).toEqual(['4.5', '4.5', '4.5']);
  });

  it('keeps at most 1000 sorted knots spanning the range, and still round-trips the training values', () => {
    const r = createRng(3);
    const big = table({ u: Array.from({ length: 5000 }, (_, i) => (i + r.next()).toFixed(3)) });
    const bs = fitEncoder(big, all(big), { numeric: 'quantile' });
    const u = bs.columns[0] as EncodedNumeric;
    expect(u.quantiles).toHaveLength(1000);
    expect([u.quantiles![0], u.quantiles![999]]).toEqual([u.min, u.max]);
    for (let i = 1; i < 1000; i++) expect(u.quantiles![i]!).toBeGreaterThanOrEqual(u.quantiles![i - 1]!);
    expect(decodeMatrix(bs, encodeRows(bs, big.rows))).toEqual(big.rows.map((row) => [String(Number(row[0]))]));
  });

  it('survives a JSON round trip (the worker stores it as encoder.json) and decodes the same afterwards', () => {
    const back = JSON.parse(JSON.stringify(spec)) as typeof spec;
    expect(back).toEqual(spec);
    const m = fromRows([
      [-1.3, 0.2],
      [0.7, 2.1],
    ]);
    expect(decodeMatrix(back, m)).toEqual(decodeMatrix(spec, m));
  });
});
