import { describe, expect, it } from 'vitest';
import { createRng } from '@gansweep/data';
import { zigguratNormal } from '../src/normal.ts';

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 erf, |error| < 1.5e-7). */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

describe('ziggurat normal draws', () => {
  const n = 400_000;
  const rng = createRng(12345);
  const xs = Float64Array.from({ length: n }, () => zigguratNormal(rng));

  it('match the standard normal distribution (Kolmogorov-Smirnov distance below the 1% critical value)', () => {
    const s = Float64Array.from(xs).sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = phi(s[i]!);
      d = Math.max(d, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
    }
    expect(d).toBeLessThan(1.63 / Math.sqrt(n));
  });

  it('have mean 0, variance 1, no skew and normal kurtosis and tail mass beyond the ziggurat base (|z| > 3.44)', () => {
    let m = 0;
    for (const x of xs) m += x / n;
    let v = 0;
    let sk = 0;
    let ku = 0;
    let tail = 0;
    for (const x of xs) {
      v += (x - m) ** 2 / n;
      sk += (x - m) ** 3 / n;
      ku += (x - m) ** 4 / n;
      if (Math.abs(x) > 3.442619855899) tail += 1;
    }
    expect(Math.abs(m)).toBeLessThan(0.01);
    expect(Math.abs(v - 1)).toBeLessThan(0.01);
    expect(Math.abs(sk)).toBeLessThan(0.03);
    expect(Math.abs(ku - 3)).toBeLessThan(0.06);
    // P(|Z| > 3.4426) = 5.76e-4, i.e. ~230 of 400k; the tail branch is taken and lands where it should
    expect(tail).toBeGreaterThan(170);
    expect(tail).toBeLessThan(290);
  });

  it('are reproducible from the seed and differ between seeds', () => {
    const a = createRng(9);
    const b = createRng(9);
    const c = createRng(10);
    const ra = Array.from({ length: 50 }, () => zigguratNormal(a));
    expect(Array.from({ length: 50 }, () => zigguratNormal(b))).toEqual(ra);
    expect(Array.from({ length: 50 }, () => zigguratNormal(c))).not.toEqual(ra);
  });
});
