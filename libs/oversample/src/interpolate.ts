import type { Matrix, Rng } from '@gansweep/data';
import { zeros } from '@gansweep/data';

/**
 * SMOTE's sample maker: each new row is seed + u·(neighbour − seed), u ~ U[0,1), where the seed is drawn
 * uniformly from `seeds` and the neighbour uniformly from that seed's k neighbours (as imbalanced-learn's
 * _make_samples draws a flat index into the seeds×k neighbour table).
 *
 * @param minority all minority rows (the neighbours index into it)
 * @param seeds indices into `minority` of the rows allowed to seed
 * @param nn row-major seeds.length×k neighbour indices into `minority`
 */
export function interpolateUniform(minority: Matrix, seeds: Int32Array, nn: Int32Array, k: number, count: number, rng: Rng): Matrix {
  const out = zeros(count, minority.cols);
  for (let s = 0; s < count; s++) {
    const flat = rng.int(seeds.length * k);
    const seedPos = Math.floor(flat / k);
    writeBetween(minority, seeds[seedPos]!, nn[flat]!, rng.next(), out, s);
  }
  return out;
}

/**
 * ADASYN's sample maker: seed row i contributes exactly perSeed[i] rows, each toward a uniformly drawn one of
 * its k neighbours.
 */
export function interpolatePerSeed(minority: Matrix, nn: Int32Array, k: number, perSeed: Int32Array, rng: Rng): Matrix {
  let total = 0;
  for (const g of perSeed) total += g;
  const out = zeros(total, minority.cols);
  let s = 0;
  for (let i = 0; i < perSeed.length; i++) {
    for (let c = 0; c < perSeed[i]!; c++) {
      writeBetween(minority, i, nn[i * k + rng.int(k)]!, rng.next(), out, s++);
    }
  }
  return out;
}

function writeBetween(m: Matrix, from: number, to: number, u: number, out: Matrix, at: number): void {
  const d = m.cols;
  for (let j = 0; j < d; j++) {
    const a = m.data[from * d + j]!;
    out.data[at * d + j] = a + u * (m.data[to * d + j]! - a);
  }
}

/** numpy's rint: round half to even, so ADASYN's per-row counts match imbalanced-learn's. */
export function rint(v: number): number {
  const f = Math.floor(v);
  const diff = v - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}
