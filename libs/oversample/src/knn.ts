import type { Matrix } from '@gansweep/data';

/** The result of {@link kneighbors}: row-major query×k neighbour indices (into `data`) and squared distances. */
export interface Neighbours {
  k: number;
  indices: Int32Array;
  distances: Float64Array;
}

/** Options for {@link kneighbors}. */
export interface KneighborsOptions {
  /**
   * For each query row, a data row index to leave out (−1 for none): a row's own point when querying a set
   * against itself. Leaving out by index rather than "the first hit" keeps exact duplicates as real neighbours.
   */
  exclude?: Int32Array;
}

/**
 * Brute-force k nearest neighbours by squared Euclidean distance, ties broken by the lower data index.
 * Keeps a sorted k-list per query (insertion), so the cost is queries × data × cols plus a little; 5,000 × 5,000
 * × 30 runs in about a second.
 */
export function kneighbors(data: Matrix, query: Matrix, k: number, options: KneighborsOptions = {}): Neighbours {
  if (data.cols !== query.cols) {
    throw new RangeError(`kneighbors: data has ${data.cols} columns but query has ${query.cols}`);
  }
  const exclude = options.exclude;
  const available = data.rows - (exclude ? 1 : 0);
  if (k > available || k < 1) {
    throw new RangeError(`kneighbors: asked for ${k} neighbours but only ${available} candidate rows exist`);
  }
  const d = data.cols;
  const x = data.data;
  const q = query.data;
  const indices = new Int32Array(query.rows * k);
  const distances = new Float64Array(query.rows * k);
  const bestD = new Float64Array(k);
  const bestI = new Int32Array(k);
  for (let i = 0; i < query.rows; i++) {
    bestD.fill(Infinity);
    bestI.fill(-1);
    const skip = exclude ? exclude[i]! : -1;
    const qo = i * d;
    let worst = Infinity;
    for (let r = 0; r < data.rows; r++) {
      if (r === skip) continue;
      const ro = r * d;
      let s = 0;
      for (let j = 0; j < d && s < worst; j++) {
        const diff = x[ro + j]! - q[qo + j]!;
        s += diff * diff;
      }
      // Strictly closer only: equal distances keep the earlier (lower) index.
      if (s >= worst) continue;
      let p = k - 1;
      while (p > 0 && bestD[p - 1]! > s) {
        bestD[p] = bestD[p - 1]!;
        bestI[p] = bestI[p - 1]!;
        p--;
      }
      bestD[p] = s;
      bestI[p] = r;
      worst = bestD[k - 1]!;
    }
    indices.set(bestI, i * k);
    distances.set(bestD, i * k);
  }
  return { k, indices, distances };
}
