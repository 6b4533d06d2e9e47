import { DataError } from './errors.ts';
import { createRng, type Rng } from './rng.ts';

/** Row indices of each class among `indices` (class 0 = majority, 1 = minority), in the given order. */
function byClass(y: ArrayLike<number>, indices: ArrayLike<number>): [number[], number[]] {
  const out: [number[], number[]] = [[], []];
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    out[y[i] === 1 ? 1 : 0].push(i);
  }
  return out;
}

const asc = (a: number, b: number): number => a - b;

function allIndices(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** Splits each class by `fraction`, keeping at least one row of a class on each side when it has two or more. */
function stratifiedSplit(y: ArrayLike<number>, indices: ArrayLike<number>, fraction: number, rng: Rng): { keep: number[]; out: number[] } {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`split fraction must be in [0, 1], got ${fraction}`);
  const keep: number[] = [];
  const out: number[] = [];
  for (const cls of byClass(y, indices)) {
    const shuffled = rng.fork().shuffle(cls);
    let nOut = Math.round(shuffled.length * fraction);
    if (fraction > 0 && fraction < 1 && shuffled.length >= 2) nOut = Math.min(shuffled.length - 1, Math.max(1, nOut));
    out.push(...shuffled.slice(0, nOut));
    keep.push(...shuffled.slice(nOut));
  }
  return { keep: keep.sort(asc), out: out.sort(asc) };
}

/**
 * A seeded stratified train/test split of all rows: each class is shuffled and cut at `testFraction`, with at
 * least one row of each class on each side when the class has two or more rows. Both lists are ascending.
 */
export function stratifiedHoldout(y: ArrayLike<number>, testFraction: number, seed: number): { train: number[]; test: number[] } {
  const { keep, out } = stratifiedSplit(y, allIndices(y.length), testFraction, createRng(seed));
  return { train: keep, test: out };
}

/**
 * Splits a training part into a fitting part and a stratified validation part of size `fraction` (BENCHMARK.md's
 * inner 20% used to pick the GAN checkpoint).
 */
export function innerSplit(
  y: ArrayLike<number>,
  indices: ArrayLike<number>,
  fraction: number,
  seed: number,
): { fit: number[]; val: number[] } {
  const { keep, out } = stratifiedSplit(y, indices, fraction, createRng(seed));
  return { fit: keep, val: out };
}

/**
 * Deals `indices` into k stratified folds: each class is shuffled and dealt round-robin, the minority continuing
 * where the majority stopped so fold sizes differ by at most one. Each fold is sorted ascending.
 * @throws DataError BAD_FOLDS when k < 2 or k exceeds the number of rows.
 */
export function stratifiedKFold(y: ArrayLike<number>, indices: ArrayLike<number>, k: number, seed: number): number[][] {
  if (!Number.isInteger(k) || k < 2 || k > indices.length) {
    throw new DataError('BAD_FOLDS', `cannot make ${k} folds of ${indices.length} rows; use an integer k between 2 and the row count.`, {
      k,
      rows: indices.length,
    });
  }
  const rng = createRng(seed);
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const cls of byClass(y, indices)) {
    for (const i of rng.fork().shuffle(cls)) {
      folds[next]!.push(i);
      next = (next + 1) % k;
    }
  }
  return folds.map((f) => f.sort(asc));
}

/**
 * Checks that a training part can be cross-validated with k folds, each holding a minority and a majority row.
 * `where` names the part in the message (e.g. "glass6 outer fold 2").
 * @throws DataError TOO_FEW_MINORITY or NO_MAJORITY.
 */
export function checkFoldable(y: ArrayLike<number>, indices: ArrayLike<number>, k: number, where: string): void {
  const [maj, min] = byClass(y, indices);
  if (min.length < k) {
    throw new DataError(
      'TOO_FEW_MINORITY',
      `${where} has ${min.length} minority rows in the training part, fewer than validation.folds = ${k}; lower folds or add data.`,
      { where, minorityRows: min.length, folds: k },
    );
  }
  if (maj.length < k) {
    throw new DataError(
      'NO_MAJORITY',
      `${where} has ${maj.length} majority rows in the training part, fewer than validation.folds = ${k}; check dataset.minority or lower folds.`,
      { where, majorityRows: maj.length, folds: k },
    );
  }
}

/** The train / test row indices for outer fold f of a fold-id array (test = rows whose id is f). */
export function foldIndices(fold: ArrayLike<number>, f: number): { train: number[]; test: number[] } {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < fold.length; i++) (fold[i] === f ? test : train).push(i);
  return { train, test };
}
