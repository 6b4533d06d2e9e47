/**
 * The statistics bench:quality reports: mean ± std, per-dataset ranks, the Friedman test (with the Iman-Davenport
 * F), and the Wilcoxon signed-rank test. Implemented here so the report needs no Python; checked against SciPy's
 * figures in libs/trial/test/quality-protocol.test.ts.
 */
import { normalCdf } from '@gansweep/data';

export function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
}

/** Sample standard deviation (n − 1); 0 for a single value. */
export function std(xs: number[]): number {
  if (xs.length < 2) return xs.length === 1 ? 0 : Number.NaN;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
}

/** Ranks 1..n with ties given their average rank; `descending` ranks the largest value first. */
export function rankAverage(xs: number[], descending = false): number[] {
  const idx = xs.map((_, i) => i).sort((a, b) => (descending ? xs[b]! - xs[a]! : xs[a]! - xs[b]!));
  const ranks = new Array<number>(xs.length);
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && xs[idx[j + 1]!] === xs[idx[i]!]) j++;
    const r = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) ranks[idx[t]!] = r;
    i = j + 1;
  }
  return ranks;
}

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for x > 0.
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised upper incomplete gamma Q(a, x). */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }
  // Lentz continued fraction
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** P(X ≥ x) for a chi-square variable with `df` degrees of freedom. */
export function chiSquareSf(x: number, df: number): number {
  return gammaQ(df / 2, x / 2);
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < 1e-300) d = 1e-300;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = 1 + aa / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = 1 + aa / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
function betaI(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lbt = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lbt) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(lbt) * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(X ≥ f) for an F(d1, d2) variable. */
export function fSf(f: number, d1: number, d2: number): number {
  if (f <= 0) return 1;
  return betaI(d2 / 2, d1 / 2, d2 / (d2 + d1 * f));
}

/** P(Z ≥ z) for a standard normal (the project's double-precision Φ from @gansweep/data). */
export function normalSf(z: number): number {
  return normalCdf(-z);
}

export interface FriedmanResult {
  /** Datasets (blocks) and methods (treatments). */
  n: number;
  k: number;
  meanRanks: number[];
  /** Friedman chi-square, tie-corrected as SciPy's friedmanchisquare. */
  chi2: number;
  pChi2: number;
  /** Iman-Davenport F = (n−1)χ² / (n(k−1) − χ²) on (k−1, (k−1)(n−1)) degrees of freedom. */
  imanDavenport: number;
  pImanDavenport: number;
}

/**
 * Friedman test over `scores[dataset][method]` (higher is better; rank 1 = best). Needs n ≥ 2 and k ≥ 2.
 */
export function friedman(scores: number[][]): FriedmanResult {
  const n = scores.length;
  const k = scores[0]?.length ?? 0;
  const sums = new Array<number>(k).fill(0);
  let tieTerm = 0;
  for (const row of scores) {
    const r = rankAverage(row, true);
    r.forEach((v, j) => (sums[j]! += v));
    const counts = new Map<number, number>();
    for (const v of row) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (const t of counts.values()) tieTerm += t ** 3 - t;
  }
  const meanRanks = sums.map((s) => s / n);
  const ssr = sums.reduce((a, s) => a + (s - (n * (k + 1)) / 2) ** 2, 0);
  const chi2 = (12 * ssr) / (n * k * (k + 1)) / (1 - tieTerm / (n * (k ** 3 - k)));
  const denom = n * (k - 1) - chi2;
  const imanDavenport = denom > 0 ? ((n - 1) * chi2) / denom : Number.POSITIVE_INFINITY;
  return {
    n,
    k,
    meanRanks,
    chi2,
    pChi2: chiSquareSf(chi2, k - 1),
    imanDavenport,
    pImanDavenport: Number.isFinite(imanDavenport) ? fSf(imanDavenport, k - 1, (k - 1) * (n - 1)) : 0,
  };
}

export interface WilcoxonResult {
  /** Pairs with a non-zero difference (zero differences are dropped, SciPy's 'wilcox' rule). */
  n: number;
  /** Sum of ranks of positive differences (a − b > 0) and of negative ones. */
  wPlus: number;
  wMinus: number;
  /** Two-sided p-value. */
  p: number;
  method: 'exact' | 'normal';
}

/**
 * Wilcoxon signed-rank test of paired samples a, b (two-sided). Exact null distribution when n ≤ 25 and no tied
 * |differences|; otherwise the normal approximation with tie correction and continuity correction.
 */
export function wilcoxon(a: number[], b: number[]): WilcoxonResult {
  const d = a.map((v, i) => v - b[i]!).filter((v) => Math.abs(v) > 1e-12);
  const n = d.length;
  if (n === 0) return { n: 0, wPlus: 0, wMinus: 0, p: 1, method: 'exact' };
  const abs = d.map(Math.abs);
  const r = rankAverage(abs);
  let wPlus = 0;
  let wMinus = 0;
  d.forEach((v, i) => (v > 0 ? (wPlus += r[i]!) : (wMinus += r[i]!)));
  const ties = new Set(abs).size < n;
  const w = Math.min(wPlus, wMinus);
  if (n <= 25 && !ties) {
    // Number of subsets of {1..n} with each rank sum, by dynamic programming.
    const max = (n * (n + 1)) / 2;
    const count = new Float64Array(max + 1);
    count[0] = 1;
    for (let i = 1; i <= n; i++) for (let s = max; s >= i; s--) count[s]! += count[s - i]!;
    let tail = 0;
    for (let s = 0; s <= Math.floor(w); s++) tail += count[s]!;
    const p = Math.min(1, (2 * tail) / 2 ** n);
    return { n, wPlus, wMinus, p, method: 'exact' };
  }
  const mu = (n * (n + 1)) / 4;
  const counts = new Map<number, number>();
  for (const v of r) counts.set(v, (counts.get(v) ?? 0) + 1);
  let tie = 0;
  for (const t of counts.values()) tie += t ** 3 - t;
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tie / 48);
  const z = (Math.abs(w - mu) - 0.5) / sigma;
  return { n, wPlus, wMinus, p: Math.min(1, 2 * normalSf(Math.max(0, z))), method: 'normal' };
}
