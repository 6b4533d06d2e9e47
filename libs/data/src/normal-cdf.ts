/**
 * Normal scores for the encoder's quantile rule: the standard normal CDF Φ and its inverse in double precision, and
 * the map between a column's values and the normal scores of its empirical CDF. Math has no erf, and the encoder
 * needs Φ(Φ⁻¹(p)) = p closely enough that training values survive encode → decode.
 */

const INV_SQRT_2PI = 0.3989422804014327;
const SQRT_2PI = 2.5066282746310002;
/** Below |z| = 2 the power series is accurate and short; above it the continued fraction converges fast enough. */
const SERIES_LIMIT = 2;

/** φ(a) for a ≥ 0. a² is split so that its large part is exact: exp(-a²/2) would otherwise lose ~a² ulps in the tail. */
function densityAbs(a: number): number {
  const hi = Math.round(a * 16) / 16;
  return INV_SQRT_2PI * Math.exp(-0.5 * hi * hi) * Math.exp(-0.5 * (a - hi) * (a + hi));
}

/**
 * Φ(z), the probability that a standard normal variable is at most z. Relative error below ~1e-14 everywhere, also
 * deep in the lower tail (Φ(-37) ≈ 5.7e-300); 0 and 1 at -∞ and +∞, NaN for NaN.
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const a = Math.abs(z);
  if (a < SERIES_LIMIT) {
    // Φ(z) = 1/2 + φ(z)·(z + z³/3 + z⁵/(3·5) + …): every term has the sign of z, so the sum itself does not cancel.
    const z2 = z * z;
    let term = z;
    let sum = z;
    for (let i = 3; Math.abs(term) > 1e-17 * Math.abs(sum); i += 2) {
      term *= z2 / i;
      sum += term;
    }
    return 0.5 + sum * densityAbs(a);
  }
  // Laplace's continued fraction for the tail: 1 - Φ(a) = φ(a) / (a + 1/(a + 2/(a + 3/(a + …)))), evaluated
  // bottom-up; the depth it needs for full precision shrinks like 1/a².
  const depth = Math.ceil(12 + 340 / (a * a));
  let f = a;
  for (let k = depth; k >= 1; k--) f = a + k / f;
  const tail = a === Infinity ? 0 : densityAbs(a) / f;
  return z < 0 ? tail : 1 - tail;
}

// Acklam's rational approximations of Φ⁻¹ (relative error ~1.2e-9), central region and lower tail.
const A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Acklam's approximation for p in (0, 0.5]. */
function acklamLower(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
    (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1)
  );
}

/**
 * Φ⁻¹(p), the standard normal quantile: Acklam's approximation refined by one Halley step on {@link normalCdf},
 * which brings it to full double precision. -∞ at p ≤ 0, +∞ at p ≥ 1, NaN for NaN.
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p)) return NaN;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  // Work in the lower half, where p carries full relative precision; 1 - p is exact for p ≥ 0.5.
  if (p > 0.5) return -normalQuantile(1 - p);
  const x = acklamLower(p);
  const u = (normalCdf(x) - p) * SQRT_2PI * Math.exp(0.5 * x * x);
  return x - u / (1 + 0.5 * x * u);
}

/** The most knots a quantile-encoded column keeps (scikit-learn's QuantileTransformer default). */
const MAX_KNOTS = 1000;
/**
 * Encoded CDF values stay inside [P_CLIP, 1 - P_CLIP], so normal scores stay finite (|z| ≤ 5.2). Decoding snaps
 * Φ(x) at or beyond these bounds to the end knots: the training minimum and maximum then survive a round trip.
 */
const P_CLIP = 1e-7;
const P_SNAP = P_CLIP * (1 + 1e-6);

/** The knots of a sorted sample: itself when small, else MAX_KNOTS linearly interpolated quantiles (non-decreasing). */
export function quantileKnots(sorted: number[]): number[] {
  const n = sorted.length;
  if (n === 0) return [];
  if (sorted[0] === sorted[n - 1]) return [sorted[0]!];
  if (n <= MAX_KNOTS) return sorted;
  const knots: number[] = new Array(MAX_KNOTS);
  let prev = -Infinity;
  for (let i = 0; i < MAX_KNOTS; i++) {
    const h = (i * (n - 1)) / (MAX_KNOTS - 1);
    const lo = Math.floor(h);
    const lower = sorted[lo]!;
    const upper = sorted[Math.min(n - 1, lo + 1)]!;
    // Rounding may not push a knot past its neighbours, or the map would stop being monotone.
    prev = Math.max(prev, Math.min(upper, lower + (h - lo) * (upper - lower)));
    knots[i] = prev;
  }
  return knots;
}

/** The first index in q whose knot is > v (strict) or >= v (!strict). */
function searchKnots(q: readonly number[], v: number, strict: boolean): number {
  let lo = 0;
  let hi = q.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? q[mid]! <= v : q[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Encodes a value as the normal score of its empirical CDF. A value equal to a run of knots takes the middle of
 * the run (so a value held by many rows sits at its mid-rank and the map stays strictly increasing inside the
 * training range); a value between knots interpolates linearly.
 */
export function normalScore(q: readonly number[], v: number): number {
  const k = q.length;
  if (k < 2) return 0;
  const first = searchKnots(q, v, false);
  const after = searchKnots(q, v, true);
  let t: number;
  if (after > first) t = (first + after - 1) / 2;
  else if (first === 0) t = 0;
  else if (first === k) t = k - 1;
  else t = first - 1 + (v - q[first - 1]!) / (q[first]! - q[first - 1]!);
  // The upper half goes through its own tail probability: 1 - p would lose digits and break the symmetry.
  const below = t / (k - 1);
  const above = (k - 1 - t) / (k - 1);
  return below <= above ? normalQuantile(Math.max(P_CLIP, below)) : -normalQuantile(Math.max(P_CLIP, above));
}

/** The inverse of {@link normalScore}: Φ(x) read back through the knots. */
export function quantileValue(q: readonly number[], x: number): number {
  const k = q.length;
  if (k === 1) return q[0]!;
  if (Number.isNaN(x)) x = 0;
  const tail = normalCdf(-Math.abs(x));
  if (tail <= P_SNAP) return x < 0 ? q[0]! : q[k - 1]!;
  const t = x < 0 ? tail * (k - 1) : (1 - tail) * (k - 1);
  const i = Math.floor(t);
  const f = t - i;
  return f === 0 ? q[i]! : q[i]! + f * (q[i + 1]! - q[i]!);
}
