import type { Rng } from '@gansweep/data';
import { zigguratNormal } from './normal.ts';

/** Numerically stable log(1 + eˣ). */
export const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
/** Logistic sigmoid. */
export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Row-major float32 rows of one class, for batch assembly on the JS side. */
export interface ClassRows {
  data: Float32Array;
  rows: number;
}

/**
 * Copies `count` rows drawn uniformly with replacement into `out` (row stride `stride`, first `cols` columns),
 * starting at output row `at`; when `label` is given, sets the one-hot condition column cols+label.
 */
export function drawRows(
  src: ClassRows,
  cols: number,
  count: number,
  rng: Rng,
  out: Float32Array,
  stride: number,
  at: number,
  label?: number,
): void {
  for (let r = 0; r < count; r++) {
    const i = rng.int(src.rows);
    const o = (at + r) * stride;
    out.set(src.data.subarray(i * cols, (i + 1) * cols), o);
    if (label !== undefined) out[o + cols + label] = 1;
  }
}

/** Copies `count` rows of `src` (row-major, `cols` wide) into `out` at row `at` with stride; optional one-hot label. */
export function copyRows(
  src: Float32Array,
  cols: number,
  count: number,
  out: Float32Array,
  stride: number,
  at: number,
  labels?: ArrayLike<number>,
): void {
  for (let r = 0; r < count; r++) {
    const o = (at + r) * stride;
    out.set(src.subarray(r * cols, (r + 1) * cols), o);
    if (labels) out[o + cols + labels[r]!] = 1;
  }
}

/** Gradient-penalty interpolates: rows at+i = x[a+i] + ε_i·(x[b+i] − x[a+i]) over all `stride` columns. */
export function interpolateRows(x: Float32Array, stride: number, a: number, b: number, at: number, count: number, rng: Rng): void {
  for (let i = 0; i < count; i++) {
    const eps = rng.next();
    const pa = (a + i) * stride;
    const pb = (b + i) * stride;
    const po = (at + i) * stride;
    for (let k = 0; k < stride; k++) x[po + k] = x[pa + k]! + eps * (x[pb + k]! - x[pa + k]!);
  }
}

/** Latent noise rows [z ~ N(0, I) | one-hot(label)] for the generator. */
export function latentRows(rng: Rng, n: number, latentDim: number, width: number, labels?: ArrayLike<number>): Float32Array {
  const z = new Float32Array(n * width);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < latentDim; k++) z[i * width + k] = zigguratNormal(rng);
    if (labels) z[i * width + latentDim + labels[i]!] = 1;
  }
  return z;
}

/** Row-major transpose (rows×cols → cols×rows). */
export function transposeRows(x: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let k = 0; k < cols; k++) t[k * rows + i] = x[i * cols + k]!;
  return t;
}
