import { describe, expect, it } from 'vitest';
import { createRng, fromRows, zeros } from '@gansweep/data';
import type { Matrix } from '@gansweep/data';
import { createClassifier, LogisticRegression, ClassifierError } from '../src/index.ts';

/** The deterministic 40×3 problem also built in Python for the reference coefficients below. */
function referenceProblem(): { X: Matrix; y: Uint8Array } {
  const rows: number[][] = [];
  const y = new Uint8Array(40);
  for (let i = 0; i < 40; i++) {
    const r = [0, 1, 2].map((j) => Math.sin(i * 1.3 + j * 0.7) * 2 + Math.cos(i * 0.31 * (j + 1)));
    rows.push(r);
    y[i] = r[0]! + 0.5 * r[1]! - r[2]! + Math.sin(i * 5) > 0.8 ? 1 : 0;
  }
  return { X: fromRows(rows), y };
}

/*
 * Expected values produced offline with scikit-learn 1.2.1 (Debian python3-sklearn) on the problem above:
 *   LogisticRegression(C=C, solver='newton-cg', tol=1e-14[, class_weight='balanced']).fit(X, y)
 * i.e. sklearn's exact optimum (a plain numpy Newton iteration gives the same digits). sklearn's default lbfgs
 * (tol=1e-4) stops up to 1.9e-5 away from it; its C=1 answer is kept as LBFGS_DEFAULT to show we agree to 1e-4.
 */
const SKLEARN = {
  c1: { coef: [1.320526253487498, 0.7912438587865935, -1.4128266919484256], intercept: -1.5256683971408187 },
  balanced: { coef: [1.366917060720949, 0.7711810151103001, -1.4224260023716189], intercept: -1.05485230890242 },
  c01: { coef: [0.6047118582631582, 0.2753273755264923, -0.5157482062238987], intercept: -0.8250454383209785 },
};
const LBFGS_DEFAULT = { coef: [1.3205229609811229, 0.7912368362847436, -1.4128213178679074], intercept: -1.5256595504493657 };

function expectClose(actual: ArrayLike<number>, expected: number[], tol: number): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(Math.abs(actual[i]! - e)).toBeLessThan(tol));
}

describe('LogisticRegression', () => {
  it('matches scikit-learn coefficients and intercept for C = 1', () => {
    const { X, y } = referenceProblem();
    expect(y.reduce((a, b) => a + b, 0)).toBe(14); // same labels as the Python run
    const m = new LogisticRegression();
    m.fit(X, y);
    expectClose(m.coef, SKLEARN.c1.coef, 1e-8);
    expect(Math.abs(m.intercept - SKLEARN.c1.intercept)).toBeLessThan(1e-8);
    expectClose(m.coef, LBFGS_DEFAULT.coef, 1e-4);
    expect(Math.abs(m.intercept - LBFGS_DEFAULT.intercept)).toBeLessThan(1e-4);
  });

  it('matches scikit-learn for C = 0.1 (the penalty scales as 1/(2C) on the summed loss)', () => {
    const { X, y } = referenceProblem();
    const m = new LogisticRegression({ C: 0.1 });
    m.fit(X, y);
    expectClose(m.coef, SKLEARN.c01.coef, 1e-8);
    expect(Math.abs(m.intercept - SKLEARN.c01.intercept)).toBeLessThan(1e-8);
  });

  it("with balanced sample weights reproduces sklearn's class_weight='balanced' fit", () => {
    const { X, y } = referenceProblem();
    const pos = y.reduce((a, b) => a + b, 0);
    const w = Float64Array.from(y, (v) => (v === 1 ? 40 / (2 * pos) : 40 / (2 * (40 - pos))));
    const m = new LogisticRegression();
    m.fit(X, y, w);
    expectClose(m.coef, SKLEARN.balanced.coef, 1e-8);
    expect(Math.abs(m.intercept - SKLEARN.balanced.intercept)).toBeLessThan(1e-8);
    // Up-weighting the minority raises its predicted probability on every row.
    const plain = new LogisticRegression();
    plain.fit(X, y);
    const pw = m.predictProba(X);
    const pp = plain.predictProba(X);
    for (let i = 0; i < 40; i++) expect(pw[i]!).toBeGreaterThan(pp[i]!);
  });

  it('reaches near-perfect accuracy on a linearly separable set', () => {
    const rng = createRng(3);
    const n = 400;
    const X = zeros(n, 5);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < 5; j++) X.data[i * 5 + j] = rng.normal();
      const s = 2 * X.data[i * 5]! - X.data[i * 5 + 3]!;
      y[i] = s > 0.3 ? 1 : 0;
      X.data[i * 5] = X.data[i * 5]! + (y[i] ? 0.3 : -0.3); // open a margin
    }
    const m = createClassifier({ type: 'logistic' }, 0);
    m.fit(X, y);
    const p = m.predictProba(X);
    let correct = 0;
    for (let i = 0; i < n; i++) correct += (p[i]! > 0.5 ? 1 : 0) === y[i] ? 1 : 0;
    expect(correct / n).toBeGreaterThan(0.98);
  });

  it('fits 5,000 rows × 30 features in well under a few seconds', () => {
    const rng = createRng(9);
    const n = 5000;
    const d = 30;
    const X = zeros(n, d);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const v = rng.normal();
        X.data[i * d + j] = v;
        s += v * ((j % 3) - 1);
      }
      y[i] = s + rng.normal() > 2 ? 1 : 0;
    }
    const m = new LogisticRegression();
    m.fit(X, y);
    expect(m.iterations).toBeLessThan(30);
  });

  it('rejects a label vector of the wrong length with a ClassifierError', () => {
    const m = new LogisticRegression();
    expect(() => m.fit(zeros(3, 2), new Uint8Array(2))).toThrow(ClassifierError);
    expect(() => m.predictProba(zeros(1, 2))).toThrow(/before fit/);
  });
});
