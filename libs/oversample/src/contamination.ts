import type { Matrix } from '@gansweep/data';
import { takeRows } from '@gansweep/data';
import { kneighbors } from './knn.ts';

function shareWithMajority(nn: Int32Array, rows: number, k: number, ytrain: Uint8Array, atLeast: number): number {
  let hit = 0;
  for (let i = 0; i < rows; i++) {
    let maj = 0;
    for (let c = 0; c < k; c++) maj += ytrain[nn[i * k + c]!] === 0 ? 1 : 0;
    if (maj >= atLeast) hit++;
  }
  return hit / rows;
}

/**
 * contam_knn (BENCHMARK.md): the share of synthetic rows whose k nearest real training rows include at least
 * `atLeast` majority rows. NaN when there are no synthetic rows.
 */
export function contamKnn(synthetic: Matrix, Xtrain: Matrix, ytrain: Uint8Array, k = 5, atLeast = 3): number {
  if (synthetic.rows === 0 || Xtrain.rows === 0) return Number.NaN;
  const kk = Math.min(k, Xtrain.rows);
  const nn = kneighbors(Xtrain, synthetic, kk).indices;
  return shareWithMajority(nn, synthetic.rows, kk, ytrain, atLeast);
}

/**
 * contam_knn_real: the same statistic for the real minority training rows, each row's own point left out: the
 * class overlap the data already has. NaN when there are no minority rows.
 */
export function contamKnnReal(Xtrain: Matrix, ytrain: Uint8Array, k = 5, atLeast = 3): number {
  const idx: number[] = [];
  for (let i = 0; i < ytrain.length; i++) if (ytrain[i] === 1) idx.push(i);
  if (idx.length === 0 || Xtrain.rows < 2) return Number.NaN;
  const kk = Math.min(k, Xtrain.rows - 1);
  const exclude = Int32Array.from(idx);
  const nn = kneighbors(Xtrain, takeRows(Xtrain, exclude), kk, { exclude }).indices;
  return shareWithMajority(nn, idx.length, kk, ytrain, atLeast);
}
