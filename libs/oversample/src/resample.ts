import type { Matrix } from '@gansweep/data';
import { createRng, vstack, zeros } from '@gansweep/data';
import { OversampleError } from './errors.ts';
import { adasyn, borderlineSmote, ros, smote, splitClasses } from './methods.ts';

/** The classic baselines of BENCHMARK.md. */
export type Oversampler = 'none' | 'class-weight' | 'ros' | 'smote' | 'borderline-smote' | 'adasyn';

/** Every {@link Oversampler}, in the order the benchmark reports them. */
export const OVERSAMPLERS: readonly Oversampler[] = ['none', 'class-weight', 'ros', 'smote', 'borderline-smote', 'adasyn'];

/** What a resampler hands the classifier. */
export interface ResampleResult {
  /** Real rows first (unchanged order), then the synthetic ones. */
  X: Matrix;
  y: Uint8Array;
  /** Per-row loss weights; only 'class-weight' sets them. */
  sampleWeight?: Float64Array;
  /** Only the created rows (0 rows if none), for contamination scoring. */
  synthetic: Matrix;
}

/** Options for {@link fitResample}. */
export interface ResampleOptions {
  seed: number;
  /** Minority neighbours to interpolate toward, capped at n_min − 1. @default 5 */
  k?: number;
  /** Borderline-SMOTE's neighbourhood size in the whole set. @default 10 */
  m?: number;
  /** Minority rows wanted after resampling. @default the majority count (1:1) */
  target?: number;
}

/**
 * Rebalances (X, y) with one of imbalanced-learn's methods. `y` is 1 for the minority. For 'none' and
 * 'class-weight' the input X and y are returned as they are (not copied).
 */
export function fitResample(method: Oversampler, X: Matrix, y: Uint8Array, options: ResampleOptions): ResampleResult {
  if (y.length !== X.rows) {
    throw new OversampleError('BAD_INPUT', `${method}: X has ${X.rows} rows but y has ${y.length} labels`);
  }
  const empty = zeros(0, X.cols);
  if (method === 'none') return { X, y, synthetic: empty };
  const split = splitClasses(X, y);
  const nMin = split.minority.rows;
  if (method === 'class-weight') {
    const n = y.length;
    const wMin = n / (2 * nMin);
    const wMaj = n / (2 * split.nMaj);
    return { X, y, sampleWeight: Float64Array.from(y, (v) => (v === 1 ? wMin : wMaj)), synthetic: empty };
  }
  const count = Math.max(0, Math.round(options.target ?? split.nMaj) - nMin);
  const rng = createRng(options.seed);
  const k = options.k ?? 5;
  let synthetic: Matrix;
  switch (method) {
    case 'ros':
      synthetic = count === 0 ? empty : ros(split, count, rng);
      break;
    case 'smote':
      synthetic = count === 0 ? empty : smote(split, count, k, rng);
      break;
    case 'borderline-smote':
      synthetic = count === 0 ? empty : borderlineSmote(X, y, split, count, k, options.m ?? 10, rng);
      break;
    case 'adasyn':
      synthetic = count === 0 ? empty : adasyn(X, y, split, count, k, rng);
      break;
    default:
      throw new OversampleError(
        'UNKNOWN_METHOD',
        `fitResample: unknown method ${JSON.stringify(method)}; use one of none, class-weight, ros, smote, borderline-smote, adasyn`,
      );
  }
  if (synthetic.rows === 0) return { X, y, synthetic };
  const yOut = new Uint8Array(y.length + synthetic.rows);
  yOut.set(y);
  yOut.fill(1, y.length);
  return { X: vstack([X, synthetic]), y: yOut, synthetic };
}
