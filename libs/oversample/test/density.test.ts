import { describe, expect, it } from 'vitest';
import { fromRows, row, takeRows } from '@gansweep/data';
import { adasynCounts, dangerRows, fitResample, OversampleError, splitClasses } from '../src/index.ts';
import { blobs, bruteKnn, onSegment } from './helpers.ts';

describe('borderline-smote', () => {
  const { X, y } = blobs(200, 30, 7, 1.5);
  const split = splitClasses(X, y);

  /** Danger rows recomputed here from a full sort: m/2 <= majority among 10 nearest < m. */
  function referenceDanger(): number[] {
    const nn = bruteKnn(X, split.minority, 10, (q) => split.minorityIdx[q]!);
    return nn.flatMap((list, i) => {
      const maj = list.filter((r) => y[r] === 0).length;
      return maj >= 5 && maj < 10 ? [i] : [];
    });
  }

  it('flags exactly the minority rows with 5 to 9 majority rows among their 10 nearest', () => {
    const ref = referenceDanger();
    expect(ref.length).toBeGreaterThan(3);
    expect(ref.length).toBeLessThan(30); // safe and noise rows exist too, so the filter matters
    expect(Array.from(dangerRows(X, y, split, 10))).toEqual(ref);
  });

  it('seeds only from danger rows, toward one of their 5 nearest minority rows', () => {
    const danger = new Set(referenceDanger());
    const r = fitResample('borderline-smote', X, y, { seed: 3 });
    expect(r.synthetic.rows).toBe(170);
    const nn = bruteKnn(split.minority, split.minority, 5, (q) => q);
    const seedsUsed = new Set<number>();
    for (let s = 0; s < r.synthetic.rows; s++) {
      const sr = row(r.synthetic, s);
      const explainers: number[] = [];
      for (let a = 0; a < split.minority.rows; a++) {
        if (nn[a]!.some((b) => onSegment(sr, row(split.minority, a), row(split.minority, b)) !== undefined)) explainers.push(a);
      }
      const fromDanger = explainers.filter((a) => danger.has(a));
      expect(fromDanger.length).toBeGreaterThan(0);
      if (explainers.length === 1) seedsUsed.add(explainers[0]!);
    }
    expect(seedsUsed.size).toBeGreaterThan(1);
  });

  it('returns the data unchanged when no row is in danger, as imbalanced-learn does', () => {
    const far = blobs(60, 15, 2, 20);
    const r = fitResample('borderline-smote', far.X, far.y, { seed: 1 });
    expect(r.synthetic.rows).toBe(0);
    expect(r.X.rows).toBe(75);
  });
});

describe('adasyn', () => {
  const { X, y } = blobs(200, 30, 9, 1.5);
  const split = splitClasses(X, y);

  it('gives each minority row rint(G · r_i / Σr) new rows, r_i = majority share of its 5 nearest rows', () => {
    const nn = bruteKnn(X, split.minority, 5, (q) => split.minorityIdx[q]!);
    const ratio = nn.map((list) => list.filter((r) => y[r] === 0).length / 5);
    const sum = ratio.reduce((a, b) => a + b, 0);
    const expected = ratio.map((r) => Math.round((r / sum) * 170)); // no exact .5 ties occur in this data
    expect(Array.from(adasynCounts(X, y, split, 170, 5))).toEqual(expected);
    // Rows with more majority neighbours get more samples; pure-minority neighbourhoods get none.
    expect(expected.some((g) => g === 0)).toBe(true);
    const r = fitResample('adasyn', X, y, { seed: 2 });
    expect(r.synthetic.rows).toBe(expected.reduce((a, b) => a + b, 0));
    // Rows come out grouped by seed in minority order: check each block starts at its seed.
    const knn = bruteKnn(split.minority, split.minority, 5, (q) => q);
    let s = 0;
    expected.forEach((g, i) => {
      for (let c = 0; c < g; c++, s++) {
        const sr = row(r.synthetic, s);
        expect(knn[i]!.some((b) => onSegment(sr, row(split.minority, i), row(split.minority, b)) !== undefined)).toBe(true);
      }
    });
  });

  it('balances to within rounding of 1:1', () => {
    const r = fitResample('adasyn', X, y, { seed: 2 });
    const pos = r.y.reduce((a, b) => a + b, 0);
    expect(Math.abs(pos - (r.y.length - pos))).toBeLessThanOrEqual(15);
  });

  it('throws NO_DENSITY when no minority row has a majority neighbour, as imbalanced-learn raises', () => {
    const far = blobs(60, 15, 2, 20);
    expect(() => fitResample('adasyn', far.X, far.y, { seed: 1 })).toThrow(OversampleError);
    try {
      fitResample('adasyn', far.X, far.y, { seed: 1 });
    } catch (e) {
      expect((e as OversampleError).code).toBe('NO_DENSITY');
    }
  });

  it('rounds half to even like numpy rint', () => {
    // Two minority rows with one majority neighbour each (r = 1/2, 1/2); G = 3 -> 1.5 each -> rint 2, 2.
    const X2 = fromRows([[0], [10], [0.1], [10.1], [50], [51], [52]]);
    const y2 = Uint8Array.from([1, 1, 0, 0, 0, 0, 0]);
    const s2 = splitClasses(X2, y2);
    expect(Array.from(adasynCounts(X2, y2, s2, 3, 1))).toEqual([2, 2]);
    expect(takeRows(X2, [0]).rows).toBe(1);
  });
});
