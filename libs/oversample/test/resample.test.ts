import { describe, expect, it } from 'vitest';
import { fromRows, row, takeRows } from '@gansweep/data';
import type { Matrix } from '@gansweep/data';
import { fitResample, OversampleError, OVERSAMPLERS } from '../src/index.ts';
import type { Oversampler } from '../src/index.ts';
import { blobs, bruteKnn, onSegment } from './helpers.ts';

function minorityOf(X: Matrix, y: Uint8Array): { rows: Matrix; idx: number[] } {
  const idx: number[] = [];
  y.forEach((v, i) => v === 1 && idx.push(i));
  return { rows: takeRows(X, idx), idx };
}

/** For each synthetic row, the seed positions (into the minority) that explain it as seed→kNN interpolation. */
function explainingSeeds(synthetic: Matrix, minority: Matrix, k: number): number[][] {
  const nn = bruteKnn(minority, minority, k, (q) => q);
  const out: number[][] = [];
  for (let s = 0; s < synthetic.rows; s++) {
    const sr = row(synthetic, s);
    const seeds: number[] = [];
    for (let a = 0; a < minority.rows; a++) {
      if (nn[a]!.some((b) => onSegment(sr, row(minority, a), row(minority, b)) !== undefined)) seeds.push(a);
    }
    out.push(seeds);
  }
  return out;
}

describe('fitResample', () => {
  const { X, y } = blobs(150, 25, 1);

  it('smote puts every new row on a segment from a minority row to one of its 5 nearest minority rows', () => {
    const r = fitResample('smote', X, y, { seed: 4 });
    const { rows: minority } = minorityOf(X, y);
    expect(r.synthetic.rows).toBe(125);
    for (const seeds of explainingSeeds(r.synthetic, minority, 5)) expect(seeds.length).toBeGreaterThan(0);
    // The neighbour choice really is limited to 5: with only the nearest 1 allowed, most rows are unexplained.
    const tight = explainingSeeds(r.synthetic, minority, 1).filter((s) => s.length === 0).length;
    expect(tight).toBeGreaterThan(50);
  });

  it('balances the classes 1:1 for ros, smote and borderline-smote, and appends rows after the real ones', () => {
    for (const method of ['ros', 'smote', 'borderline-smote'] as Oversampler[]) {
      const r = fitResample(method, X, y, { seed: 2 });
      const pos = r.y.reduce((a, b) => a + b, 0);
      expect([method, pos]).toEqual([method, r.y.length - pos]);
      expect(Array.from(r.X.data.subarray(0, X.data.length))).toEqual(Array.from(X.data));
      expect(Array.from(r.X.data.subarray(X.data.length))).toEqual(Array.from(r.synthetic.data));
    }
  });

  it('ros duplicates real minority rows only', () => {
    const r = fitResample('ros', X, y, { seed: 3 });
    const { rows: minority } = minorityOf(X, y);
    const keys = new Set(Array.from({ length: minority.rows }, (_, i) => row(minority, i).join(',')));
    for (let s = 0; s < r.synthetic.rows; s++) expect(keys.has(row(r.synthetic, s).join(','))).toBe(true);
  });

  it("class-weight adds no rows and weights each class n/(2·n_class) like sklearn's 'balanced'", () => {
    const r = fitResample('class-weight', X, y, { seed: 0 });
    expect(r.X.rows).toBe(175);
    expect(r.synthetic.rows).toBe(0);
    const w = r.sampleWeight!;
    expect(w[y.indexOf(1)]).toBeCloseTo(175 / 50, 12);
    expect(w[y.indexOf(0)]).toBeCloseTo(175 / 300, 12);
    const sumMin = Array.from(w).reduce((a, v, i) => a + (y[i] ? v : 0), 0);
    expect(sumMin).toBeCloseTo(87.5, 9);
  });

  it('none returns the data untouched with no weights', () => {
    const r = fitResample('none', X, y, { seed: 0 });
    expect(r.X).toBe(X);
    expect(r.sampleWeight).toBeUndefined();
    expect(r.synthetic.rows).toBe(0);
  });

  it('reproduces the same rows for the same seed and different rows for another seed', () => {
    for (const method of ['ros', 'smote', 'borderline-smote', 'adasyn'] as Oversampler[]) {
      const a = fitResample(method, X, y, { seed: 10 }).synthetic.data;
      const b = fitResample(method, X, y, { seed: 10 }).synthetic.data;
      const c = fitResample(method, X, y, { seed: 11 }).synthetic.data;
      expect(Array.from(a)).toEqual(Array.from(b));
      expect(Array.from(a)).not.toEqual(Array.from(c));
    }
  });

  it('honours a custom target minority count', () => {
    const r = fitResample('smote', X, y, { seed: 1, target: 60 });
    expect(r.synthetic.rows).toBe(35);
    expect(fitResample('smote', X, y, { seed: 1, target: 10 }).synthetic.rows).toBe(0);
  });

  it('adapts k to n_min − 1 with 3 minority rows', () => {
    const X3 = fromRows([
      [0, 0],
      [1, 0],
      [0, 1],
      [0.6, 0.6],
      [6, 5],
      [5, 6],
      [6, 6],
      [7, 7],
    ]);
    const y3 = Uint8Array.from([1, 1, 1, 0, 0, 0, 0, 0]);
    for (const method of ['smote', 'adasyn', 'borderline-smote'] as Oversampler[]) {
      const r = fitResample(method, X3, y3, { seed: 5, m: 4 });
      // adasyn: three equal densities, rint(2/3) = 1 each, so 3 rows (rounding, as in imbalanced-learn)
      expect([method, r.X.rows]).toEqual([method, method === 'adasyn' ? 11 : 10]);
    }
    const r = fitResample('smote', X3, y3, { seed: 5 });
    const { rows: minority } = minorityOf(X3, y3);
    for (const seeds of explainingSeeds(r.synthetic, minority, 2)) expect(seeds.length).toBeGreaterThan(0);
  });

  it('throws TOO_FEW_MINORITY naming the method and the count when only one minority row exists', () => {
    const X1 = fromRows([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    const y1 = Uint8Array.from([1, 0, 0, 0]);
    for (const method of ['smote', 'borderline-smote', 'adasyn'] as Oversampler[]) {
      let err: unknown;
      try {
        fitResample(method, X1, y1, { seed: 0 });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(OversampleError);
      expect((err as OversampleError).code).toBe('TOO_FEW_MINORITY');
      expect((err as OversampleError).message).toContain(`${method}:`);
      expect((err as OversampleError).message).toContain('got 1');
    }
    expect(fitResample('ros', X1, y1, { seed: 0 }).synthetic.rows).toBe(2);
  });

  it('lists every method once', () => {
    expect([...OVERSAMPLERS].sort()).toEqual(['adasyn', 'borderline-smote', 'class-weight', 'none', 'ros', 'smote']);
  });
});
