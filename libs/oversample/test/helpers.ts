import { createRng, zeros } from '@gansweep/data';
import type { Matrix } from '@gansweep/data';

/** Two overlapping Gaussian blobs: majority around 0, minority around (shift, shift). */
export function blobs(nMaj: number, nMin: number, seed: number, shift = 2, d = 2): { X: Matrix; y: Uint8Array } {
  const rng = createRng(seed);
  const n = nMaj + nMin;
  const X = zeros(n, d);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const isMin = i % Math.ceil(n / nMin) === 0 && y.reduce((a, b) => a + b, 0) < nMin;
    y[i] = isMin ? 1 : 0;
    for (let j = 0; j < d; j++) X.data[i * d + j] = isMin ? shift + 0.8 * rng.normal() : rng.normal();
  }
  // Top up the minority if the stride left it short.
  for (let i = n - 1; y.reduce((a, b) => a + b, 0) < nMin; i--) {
    if (y[i] === 0) {
      y[i] = 1;
      for (let j = 0; j < d; j++) X.data[i * d + j] = shift + 0.8 * rng.normal();
    }
  }
  return { X, y };
}

export function sqDist(X: Matrix, i: number, Y: Matrix, r: number): number {
  let s = 0;
  for (let j = 0; j < X.cols; j++) {
    const diff = X.data[i * X.cols + j]! - Y.data[r * Y.cols + j]!;
    s += diff * diff;
  }
  return s;
}

/** Reference k-NN by full sort (independent of the library's insertion-list implementation). */
export function bruteKnn(data: Matrix, query: Matrix, k: number, exclude?: (q: number) => number): number[][] {
  const out: number[][] = [];
  for (let q = 0; q < query.rows; q++) {
    const cand: [number, number][] = [];
    for (let r = 0; r < data.rows; r++) if (r !== exclude?.(q)) cand.push([sqDist(query, q, data, r), r]);
    cand.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    out.push(cand.slice(0, k).map((c) => c[1]));
  }
  return out;
}

/** If s = a + u·(b − a) with u in [0, 1] (to 1e-9), returns u; otherwise undefined. */
export function onSegment(s: Float64Array, a: Float64Array, b: Float64Array): number | undefined {
  let dot = 0;
  let len = 0;
  for (let j = 0; j < s.length; j++) {
    dot += (s[j]! - a[j]!) * (b[j]! - a[j]!);
    len += (b[j]! - a[j]!) ** 2;
  }
  const u = len === 0 ? 0 : dot / len;
  if (u < -1e-12 || u > 1 + 1e-12) return undefined;
  for (let j = 0; j < s.length; j++) if (Math.abs(a[j]! + u * (b[j]! - a[j]!) - s[j]!) > 1e-9) return undefined;
  return u;
}
