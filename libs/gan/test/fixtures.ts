import { createRng, type Matrix } from '@gansweep/data';
import type { GanData, OutputBlock } from '../src/index.ts';

export const numericBlocks = (cols: number): OutputBlock[] =>
  Array.from({ length: cols }, (_, k) => ({ column: `x${k}`, kind: 'numeric' as const, offset: k, width: 1 }));

/** Two classes in `cols` dimensions: A around −shift, B around +shift along every axis; `nB` minority rows. */
export function separable(nA: number, nB: number, cols: number, shift: number, seed: number): GanData {
  const rng = createRng(seed);
  const n = nA + nB;
  const data = new Float64Array(n * cols);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i < nB ? 1 : 0;
    for (let k = 0; k < cols; k++) data[i * cols + k] = (y[i] ? shift : -shift) + 0.5 * rng.normal();
  }
  return { X: { rows: n, cols, data }, y, blocks: numericBlocks(cols) };
}

/** Mixed data: 2 numeric columns and two categorical blocks (widths 3 and 2), minority prefers category 2 of the first. */
export function mixed(nA: number, nB: number, seed: number): GanData {
  const rng = createRng(seed);
  const n = nA + nB;
  const cols = 7;
  const data = new Float64Array(n * cols);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const b = i < nB;
    y[i] = b ? 1 : 0;
    data[i * cols] = rng.normal() + (b ? 1 : -1);
    data[i * cols + 1] = rng.normal();
    data[i * cols + 2 + (b ? (rng.next() < 0.8 ? 2 : rng.int(2)) : rng.int(3))] = 1;
    data[i * cols + 5 + rng.int(2)] = 1;
  }
  const blocks: OutputBlock[] = [
    { column: 'n0', kind: 'numeric', offset: 0, width: 1 },
    { column: 'n1', kind: 'numeric', offset: 1, width: 1 },
    { column: 'c0', kind: 'categorical', offset: 2, width: 3 },
    { column: 'c1', kind: 'categorical', offset: 5, width: 2 },
  ];
  return { X: { rows: n, cols, data }, y, blocks };
}

/** Column means and the covariance matrix of a sample. */
export function moments(m: Matrix): { mean: number[]; cov: number[][] } {
  const mean = new Array<number>(m.cols).fill(0);
  for (let i = 0; i < m.rows; i++) for (let k = 0; k < m.cols; k++) mean[k]! += m.data[i * m.cols + k]! / m.rows;
  const cov = Array.from({ length: m.cols }, () => new Array<number>(m.cols).fill(0));
  for (let i = 0; i < m.rows; i++) {
    for (let a = 0; a < m.cols; a++) {
      for (let b = 0; b < m.cols; b++) {
        cov[a]![b]! += ((m.data[i * m.cols + a]! - mean[a]!) * (m.data[i * m.cols + b]! - mean[b]!)) / (m.rows - 1);
      }
    }
  }
  return { mean, cov };
}
