import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from '@gansweep/data';

/** |got - want| relative to |want|. */
function relErr(got: number, want: number): number {
  return want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want);
}

describe('normalCdf', () => {
  // Reference values from 40-digit arithmetic (mpmath.ncdf).
  const known: [number, number][] = [
    [-37, 5.725571222524577e-300],
    [-10, 7.619853024160525e-24],
    [-6, 9.86587645037698e-10],
    [-2, 0.02275013194817921],
    [-1, 0.15865525393145705],
    [0, 0.5],
    [0.5, 0.6914624612740131],
    [1.96, 0.9750021048517795],
    [3, 0.9986501019683699],
  ];

  it('matches high-precision values to 1e-14 relative, deep in the lower tail too', () => {
    for (const [z, p] of known) expect(relErr(normalCdf(z), p), `Φ(${z})`).toBeLessThan(1e-14);
  });

  it('is 0 and 1 at the infinities, NaN for NaN, and symmetric: Φ(-z) = 1 - Φ(z)', () => {
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(NaN)).toBeNaN();
    for (const z of [0.1, 0.7, 1.5, 1.999, 2, 2.5, 4]) expect(Math.abs(normalCdf(-z) + normalCdf(z) - 1)).toBeLessThan(2e-16);
  });

  it('never decreases across the switch between series and continued fraction', () => {
    let prev = 0;
    for (let z = -6; z <= 6; z += 1 / 1024) {
      const p = normalCdf(z);
      expect(p).toBeGreaterThanOrEqual(prev);
      prev = p;
    }
  });
});

describe('normalQuantile', () => {
  it('gives the known quantiles', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.5)).toBe(0);
    expect(relErr(normalQuantile(0.1), -1.2815515655446004)).toBeLessThan(1e-14);
    expect(relErr(normalQuantile(1e-10), -6.361340902404057)).toBeLessThan(1e-14);
    expect(relErr(normalQuantile(1e-7), -5.1993375821928165)).toBeLessThan(1e-14);
    expect(relErr(normalQuantile(1e-300), -37.0470962993612)).toBeLessThan(1e-14);
  });

  it('inverts normalCdf: Φ(Φ⁻¹(p)) = p to 1e-12 relative for p in (1e-10, 1 - 1e-10)', () => {
    const ps: number[] = [];
    // Log-spaced towards both ends, linear through the middle.
    for (let e = -10; e <= -1; e += 0.125) ps.push(10 ** e, 1 - 10 ** e);
    for (let p = 0.1; p < 0.9; p += 0.0123) ps.push(p);
    let worst = 0;
    for (const p of ps) worst = Math.max(worst, relErr(normalCdf(normalQuantile(p)), p));
    expect(worst).toBeLessThan(1e-12);
  });

  it('is antisymmetric around 1/2 and infinite at 0 and 1', () => {
    // Dyadic p, so that 1 - p is exact.
    for (const p of [2 ** -30, 1 / 128, 0.25, 0.4375]) expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 12);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(NaN)).toBeNaN();
  });
});
