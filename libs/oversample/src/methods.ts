import type { Matrix, Rng } from '@gansweep/data';
import { takeRows, zeros } from '@gansweep/data';
import { OversampleError } from './errors.ts';
import { interpolatePerSeed, interpolateUniform, rint } from './interpolate.ts';
import { kneighbors } from './knn.ts';

/** Minority rows and where they sit in the full matrix. */
export interface ClassSplit {
  minorityIdx: Int32Array;
  minority: Matrix;
  nMaj: number;
}

export function splitClasses(X: Matrix, y: Uint8Array): ClassSplit {
  const idx: number[] = [];
  for (let i = 0; i < y.length; i++) if (y[i] === 1) idx.push(i);
  const minorityIdx = Int32Array.from(idx);
  return { minorityIdx, minority: takeRows(X, minorityIdx), nMaj: y.length - idx.length };
}

/** k = min(requested, n_min − 1), throwing when fewer than 2 minority rows leave nothing to interpolate toward. */
export function effectiveK(method: string, requested: number, nMin: number): number {
  if (nMin < 2) {
    throw new OversampleError(
      'TOO_FEW_MINORITY',
      `${method}: needs at least 2 minority rows to find a neighbour, got ${nMin}; use 'ros' or 'class-weight' for this data`,
    );
  }
  return Math.min(requested, nMin - 1);
}

/** Each minority row's k nearest other minority rows (own point left out by index). */
function minorityNeighbours(minority: Matrix, k: number, rows?: Int32Array): Int32Array {
  const query = rows ? takeRows(minority, rows) : minority;
  const exclude = rows ? rows : Int32Array.from({ length: minority.rows }, (_, i) => i);
  return kneighbors(minority, query, k, { exclude }).indices;
}

/** Random oversampling: `count` minority rows drawn uniformly with replacement. */
export function ros(split: ClassSplit, count: number, rng: Rng): Matrix {
  if (split.minority.rows === 0) {
    throw new OversampleError('TOO_FEW_MINORITY', `ros: there are no minority rows to duplicate`);
  }
  const picks = new Int32Array(count);
  for (let s = 0; s < count; s++) picks[s] = rng.int(split.minority.rows);
  return takeRows(split.minority, picks);
}

/** SMOTE: seeds uniform over all minority rows, interpolating toward one of their k minority neighbours. */
export function smote(split: ClassSplit, count: number, kReq: number, rng: Rng): Matrix {
  const k = effectiveK('smote', kReq, split.minority.rows);
  const nn = minorityNeighbours(split.minority, k);
  const seeds = Int32Array.from({ length: split.minority.rows }, (_, i) => i);
  return interpolateUniform(split.minority, seeds, nn, k, count, rng);
}

/**
 * Indices (into the minority rows) of borderline-1 "danger" rows: among their m nearest rows of the whole set
 * (own point excluded), m/2 <= majority count < m. All-majority neighbourhoods are noise and do not seed.
 */
export function dangerRows(X: Matrix, y: Uint8Array, split: ClassSplit, m: number): Int32Array {
  const mm = Math.min(m, X.rows - 1);
  const nn = kneighbors(X, split.minority, mm, { exclude: split.minorityIdx }).indices;
  const out: number[] = [];
  for (let i = 0; i < split.minority.rows; i++) {
    let maj = 0;
    for (let c = 0; c < mm; c++) maj += y[nn[i * mm + c]!] === 0 ? 1 : 0;
    if (maj >= mm / 2 && maj < mm) out.push(i);
  }
  return Int32Array.from(out);
}

/**
 * Borderline-SMOTE-1. With no danger rows imbalanced-learn skips the class (`continue`) and returns the data
 * unchanged; we do the same, so the result has 0 synthetic rows and stays imbalanced.
 */
export function borderlineSmote(X: Matrix, y: Uint8Array, split: ClassSplit, count: number, kReq: number, m: number, rng: Rng): Matrix {
  const k = effectiveK('borderline-smote', kReq, split.minority.rows);
  const danger = dangerRows(X, y, split, m);
  if (danger.length === 0) return zeros(0, X.cols);
  const nn = minorityNeighbours(split.minority, k, danger);
  return interpolateUniform(split.minority, danger, nn, k, count, rng);
}

/**
 * ADASYN's per-row counts: r_i = majority share among each minority row's k nearest rows of the whole set
 * (own point excluded), normalised to sum 1, g_i = rint(r_i · count). The total can differ from `count` by
 * rounding, exactly as in imbalanced-learn. Throws NO_DENSITY when every r_i is 0 (imbalanced-learn raises a
 * RuntimeError there: the minority has no majority neighbours and ADASYN has nothing to weight by).
 */
export function adasynCounts(X: Matrix, y: Uint8Array, split: ClassSplit, count: number, k: number): Int32Array {
  const nn = kneighbors(X, split.minority, k, { exclude: split.minorityIdx }).indices;
  const ratio = new Float64Array(split.minority.rows);
  let sum = 0;
  for (let i = 0; i < ratio.length; i++) {
    let maj = 0;
    for (let c = 0; c < k; c++) maj += y[nn[i * k + c]!] === 0 ? 1 : 0;
    ratio[i] = maj / k;
    sum += ratio[i]!;
  }
  if (sum === 0) {
    throw new OversampleError(
      'NO_DENSITY',
      `adasyn: none of the ${ratio.length} minority rows has a majority row among its ${k} nearest neighbours, so ` +
        `ADASYN's density weights are all 0 (imbalanced-learn raises here too); use 'smote' for this data`,
    );
  }
  return Int32Array.from(ratio, (r) => rint((r / sum) * count));
}

/** ADASYN: per-row counts from {@link adasynCounts}, interpolating toward the row's k minority neighbours. */
export function adasyn(X: Matrix, y: Uint8Array, split: ClassSplit, count: number, kReq: number, rng: Rng): Matrix {
  const k = effectiveK('adasyn', kReq, split.minority.rows);
  const perSeed = adasynCounts(X, y, split, count, k);
  const nn = minorityNeighbours(split.minority, k);
  return interpolatePerSeed(split.minority, nn, k, perSeed, rng);
}
