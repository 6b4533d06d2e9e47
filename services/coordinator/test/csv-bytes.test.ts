import { describe, expect, it } from 'vitest';
import { buildDataset, createRng, csvLine, decodeMatrix, fitEncoder, parseCsv, type EncoderSpec } from '@gansweep/data';
import { csvDecoder } from '../src/csv-bytes.ts';

const spec: EncoderSpec = {
  version: 1,
  label: 'y',
  minority: '1',
  width: 11,
  columns: [
    { kind: 'numeric', name: 'int', offset: 0, mean: 3, std: 10, min: -50, max: 1e6, integer: true, decimals: 0 },
    { kind: 'numeric', name: 'dec2', offset: 1, mean: 0.1, std: 2.5, min: -9.99, max: 99.5, integer: false, decimals: 2 },
    { kind: 'numeric', name: 'dec12', offset: 2, mean: 0, std: 1e-3, min: -1, max: 1, integer: false, decimals: 12 },
    { kind: 'numeric', name: 'huge', offset: 3, mean: 1e17, std: 1e18, min: -1e22, max: 1e22, integer: false, decimals: 3 },
    { kind: 'numeric', name: 'odd', offset: 4, mean: 1, std: 1, min: 0, max: 5, integer: false, decimals: 17 },
    { kind: 'categorical', name: 'c', offset: 5, width: 4, levels: ['a', 'b,c', ' pad', 'q"uote'] },
    { kind: 'categorical', name: 'none', offset: 9, width: 0, levels: [] },
    { kind: 'categorical', name: 'u', offset: 9, width: 2, levels: ['é', 'x'] },
  ],
};

describe('csvDecoder', () => {
  it('writes exactly what decodeMatrix + csvLine write, for random rows, ties, NaN, infinities and rounding ties', () => {
    const rng = createRng(5);
    const rows = 20_000;
    const data = new Float64Array(rows * spec.width);
    const specials = [NaN, Infinity, -Infinity, 0, -0, 0.5, -0.5, 0.0049, 0.125, 1e300];
    for (let i = 0; i < data.length; i++) {
      const r = rng.next();
      data[i] =
        r < 0.05 ? specials[rng.int(specials.length)]! : r < 0.1 ? Math.round(rng.normal() * 8) / 8 : rng.normal() * 10 ** (rng.int(8) - 4);
    }
    // exact decimal ties of the 2-decimal column: (k + 0.5) / 100 un-scaled
    for (let i = 0; i < rows; i += 3) data[i * spec.width + 1] = ((rng.int(2000) - 1000 + 0.5) / 100 - 0.1) / 2.5;
    const m = { rows, cols: spec.width, data };
    let want = '';
    for (const r of decodeMatrix(spec, m)) want += csvLine(r);
    const got = csvDecoder(spec)(m);
    expect(got.length).toBe(want.length);
    const lines = got.split('\n');
    const wantLines = want.split('\n');
    const firstDiff = lines.findIndex((l, i) => l !== wantLines[i]);
    expect(firstDiff === -1 ? '' : `${lines[firstDiff]} vs ${wantLines[firstDiff]}`).toBe('');
  });

  it('reuses its buffer across chunks of different sizes without leaking earlier rows', () => {
    const dec = csvDecoder(spec);
    const big = { rows: 50, cols: spec.width, data: new Float64Array(50 * spec.width).fill(1) };
    const small = { rows: 2, cols: spec.width, data: new Float64Array(2 * spec.width) };
    dec(big);
    const want = decodeMatrix(spec, small).map(csvLine).join('');
    expect(dec(small)).toBe(want);
    expect(() => dec({ rows: 1, cols: 3, data: new Float64Array(3) })).toThrow(/3 columns.*11 wide/);
  });

  it('decodes quantile-encoded columns through their knots, to the same text as decodeMatrix', () => {
    const rng = createRng(9);
    const lines = ['skew,count,flat,class'];
    for (let i = 0; i < 3000; i++) {
      lines.push(`${Math.exp(1.5 * rng.normal()).toFixed(3)},${Math.floor(rng.next() ** 3 * 6)},2.5,${i % 7 === 0 ? 'B' : 'A'}`);
    }
    const ds = buildDataset(parseCsv(lines.join('\n'), 'q.csv'), { label: 'class', minority: 'B' }, 'q.csv');
    const qspec = fitEncoder(
      ds,
      ds.rows.map((_, i) => i),
      { numeric: 'quantile' },
    );
    const rows = 5000;
    const data = new Float64Array(rows * qspec.width);
    for (let i = 0; i < data.length; i++) data[i] = rng.next() < 0.02 ? [NaN, Infinity, -Infinity, 9][rng.int(4)]! : 1.5 * rng.normal();
    const m = { rows, cols: qspec.width, data };
    const want = decodeMatrix(qspec, m);
    expect(csvDecoder(qspec)(m)).toBe(want.map(csvLine).join(''));
    // The byte path really went through the knots: z-scored values of this skewed column would go negative
    // and would not pile up at the median.
    const skew = want.map((r) => Number(r[0]));
    expect(Math.min(...skew)).toBeGreaterThan(0);
    const sorted = ds.rows.map((r) => Number(r[0])).sort((a, b) => a - b);
    const median = Number(decodeMatrix(qspec, { rows: 1, cols: 3, data: new Float64Array(3) })[0]![0]);
    // 1000 knots for 3000 rows: score 0 lands between the knots around the middle ranks.
    expect(median).toBeGreaterThanOrEqual(sorted[1495]!);
    expect(median).toBeLessThanOrEqual(sorted[1505]!);
  });
});
