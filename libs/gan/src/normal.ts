import type { Rng } from '@gansweep/data';

/**
 * Standard normal draws by the ziggurat method (Marsaglia & Tsang 2000, 128 layers) on top of a seeded {@link Rng}.
 * The trainer draws tens of thousands of latent values per step; Box-Muller (`Rng.normal`) spends a log, a square
 * root and two trigonometric calls per pair, the ziggurat one uniform and a comparison for ~99% of draws.
 */

export const LAYERS = 128;
/** Right edge of the base layer (where the tail starts) and the common area of every layer, for 128 layers. */
export const R = 3.442619855899;
const AREA = 9.91256303526217e-3;
const M31 = 2147483648;

/**
 * The ziggurat tables, shared with the sampler's stream (sample-fast.ts): layer thresholds scaled to int32
 * magnitudes, layer widths per int32 unit, and the density at each layer edge.
 */
export const kn = new Float64Array(LAYERS);
export const wn = new Float64Array(LAYERS);
export const fn = new Float64Array(LAYERS);
{
  let dn = R;
  let tn = dn;
  const q = AREA / Math.exp(-0.5 * dn * dn);
  kn[0] = (dn / q) * M31;
  kn[1] = 0;
  wn[0] = q / M31;
  wn[LAYERS - 1] = dn / M31;
  fn[0] = 1;
  fn[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(AREA / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = (dn / tn) * M31;
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / M31;
  }
}

/** Uniform in (0, 1): the logarithms below must not see 0. */
function positive(rng: Rng): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  return u;
}

/** One standard normal value drawn from `rng`. */
export function zigguratNormal(rng: Rng): number {
  for (;;) {
    const hz = (rng.next() * 4294967296) | 0; // the generator's 32 bits as a signed integer
    const iz = hz & (LAYERS - 1);
    const x = hz * wn[iz]!;
    // inside the rectangle that lies wholly under the density: accept at once
    if (Math.abs(hz) < kn[iz]!) return x;
    if (iz === 0) {
      // the tail beyond R, by Marsaglia's exponential rejection
      let t: number;
      let y: number;
      do {
        t = -Math.log(positive(rng)) / R;
        y = -Math.log(positive(rng));
      } while (y + y < t * t);
      return hz > 0 ? R + t : -R - t;
    }
    // the wedge between the rectangle and the density
    if (fn[iz]! + rng.next() * (fn[iz - 1]! - fn[iz]!) < Math.exp(-0.5 * x * x)) return x;
  }
}
