import { fromData, row, vstack, zeros, type Matrix } from '@gansweep/data';
import { createClassifier } from '@gansweep/classify';
import { contamKnn } from '@gansweep/oversample';

export type PostFilter = 'none' | 'posterior' | 'knn';

/** Decides per synthetic row whether to keep it. */
export type RowFilter = (rows: Matrix) => boolean[];

/**
 * Builds a post-filter fit on real training rows: `posterior` drops rows a class-balanced logistic regression puts in
 * the majority class; `knn` drops rows whose 5 nearest real rows hold 3 or more majority rows (the contam_knn rule).
 */
export function createRowFilter(kind: PostFilter, Xreal: Matrix, yreal: Uint8Array, seed: number): RowFilter | undefined {
  if (kind === 'none') return undefined;
  if (kind === 'posterior') {
    const clf = createClassifier({ type: 'logistic' }, seed);
    let nMin = 0;
    for (const v of yreal) nMin += v;
    const n = yreal.length;
    const w = Float64Array.from(yreal, (v) => (v === 1 ? n / (2 * nMin) : n / (2 * (n - nMin))));
    clf.fit(Xreal, yreal, w);
    return (rows) => Array.from(clf.predictProba(rows), (p) => p >= 0.5);
  }
  return (rows) => {
    const keep: boolean[] = [];
    for (let i = 0; i < rows.rows; i++) {
      keep.push(contamKnn(fromData(1, rows.cols, row(rows, i)), Xreal, yreal) === 0);
    }
    return keep;
  };
}

/**
 * Draws `n` rows from `sample`, dropping those the filter rejects and drawing again (at most 8 rounds). Returns
 * fewer rows only when the generator keeps producing rejected rows; `kept` is the acceptance rate.
 */
export function synthesize(
  sample: (n: number, seed: number) => Matrix,
  n: number,
  seed: number,
  filter?: RowFilter,
): { rows: Matrix; kept: number } {
  if (n <= 0) return { rows: zeros(0, 0), kept: 1 };
  if (!filter) return { rows: sample(n, seed), kept: 1 };
  const parts: Matrix[] = [];
  let have = 0;
  let drawn = 0;
  let accepted = 0;
  for (let round = 0; round < 8 && have < n; round++) {
    const want = Math.ceil((n - have) * 1.5) + 8;
    const batch = sample(want, seed + round * 7919);
    const keep = filter(batch);
    drawn += batch.rows;
    const idx: number[] = [];
    keep.forEach((k, i) => k && idx.length < n - have && idx.push(i));
    accepted += keep.filter(Boolean).length;
    if (idx.length > 0) {
      const m = zeros(idx.length, batch.cols);
      idx.forEach((src, dst) => m.data.set(batch.data.subarray(src * batch.cols, (src + 1) * batch.cols), dst * batch.cols));
      parts.push(m);
      have += idx.length;
    }
  }
  const cols = parts[0]?.cols ?? 0;
  return { rows: parts.length > 0 ? vstack(parts) : zeros(0, cols), kept: drawn > 0 ? accepted / drawn : 0 };
}
