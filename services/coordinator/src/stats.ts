/** Small statistics for leaderboards: mean, sample std, and a paired t interval over folds. */

export function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

export function std(xs: number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
}

/** Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom (beyond: the normal 1.96). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** Mean paired difference a − b over folds with a 95% t interval. */
export function pairedInterval(a: number[], b: number[]): { mean: number; low: number; high: number } {
  const d = a.map((x, i) => x - (b[i] ?? NaN)).filter((x) => !Number.isNaN(x));
  const m = mean(d);
  if (d.length < 2) return { mean: m, low: NaN, high: NaN };
  const half = (T975[d.length - 2] ?? 1.96) * (std(d) / Math.sqrt(d.length));
  return { mean: m, low: m - half, high: m + half };
}
