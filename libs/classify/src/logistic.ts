import type { Matrix } from '@gansweep/data';
import type { Classifier } from './classifier.ts';
import { checkFitInput, sigmoid } from './classifier.ts';
import { ClassifierError } from './errors.ts';
import { choleskyInPlace, choleskySolve } from './linalg.ts';

/** Options for {@link LogisticRegression}. */
export interface LogisticOptions {
  /** Inverse L2 strength: the objective is Σ wᵢ·loglossᵢ + ||β||²/(2C), intercept unpenalised. @default 1 */
  C?: number;
  /** Newton iterations before giving up on tighter convergence. @default 100 */
  maxIter?: number;
  /** Stop when the largest gradient component falls below this. @default 1e-10 */
  tol?: number;
}

/** log(1 + exp(z)) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/**
 * L2-regularised logistic regression solved by Newton's method with a Cholesky solve and a backtracking line
 * search. Solving to a tight gradient tolerance (rather than lbfgs' 1e-4) makes the coefficients the exact
 * optimum of scikit-learn's objective, so the two agree to rounding rather than to solver noise.
 */
export class LogisticRegression implements Classifier {
  private readonly C: number;
  private readonly maxIter: number;
  private readonly tol: number;
  /** Feature coefficients after fit. */
  coef: Float64Array = new Float64Array(0);
  /** Unpenalised intercept after fit. */
  intercept = 0;
  /** Newton iterations the last fit used. */
  iterations = 0;
  private fitted = false;

  constructor(options: LogisticOptions = {}) {
    this.C = options.C ?? 1;
    this.maxIter = options.maxIter ?? 100;
    this.tol = options.tol ?? 1e-10;
    if (!(this.C > 0)) throw new ClassifierError('BAD_SPEC', `logistic: C must be > 0, got ${this.C}`);
  }

  fit(X: Matrix, y: Uint8Array, sampleWeight?: Float64Array): void {
    const w = checkFitInput(X, y, sampleWeight);
    const n = X.rows;
    const d = X.cols;
    const p = d + 1; // last parameter is the intercept
    const lambda = 1 / this.C;
    const x = X.data;
    let theta = new Float64Array(p);
    const z = new Float64Array(n);

    const objective = (t: Float64Array, zOut: Float64Array): number => {
      let f = 0;
      for (let i = 0; i < n; i++) {
        let s = t[d]!;
        const off = i * d;
        for (let j = 0; j < d; j++) s += x[off + j]! * t[j]!;
        zOut[i] = s;
        f += w[i]! * softplus(y[i] === 1 ? -s : s);
      }
      let r = 0;
      for (let j = 0; j < d; j++) r += t[j]! * t[j]!;
      return f + 0.5 * lambda * r;
    };

    let f = objective(theta, z);
    const grad = new Float64Array(p);
    const hess = new Float64Array(p * p);
    const zTry = new Float64Array(n);
    this.iterations = 0;
    for (let iter = 0; iter < this.maxIter; iter++) {
      grad.fill(0);
      hess.fill(0);
      for (let i = 0; i < n; i++) {
        const pi = sigmoid(z[i]!);
        const r = w[i]! * (pi - y[i]!);
        const s = w[i]! * pi * (1 - pi);
        const off = i * d;
        for (let j = 0; j < d; j++) {
          const xj = x[off + j]!;
          grad[j]! += r * xj;
          const sx = s * xj;
          const hrow = j * p;
          // Lower triangle only; mirrored below.
          for (let k = 0; k <= j; k++) hess[hrow + k]! += sx * x[off + k]!;
          hess[d * p + j]! += sx;
        }
        grad[d]! += r;
        hess[d * p + d]! += s;
      }
      for (let j = 0; j < d; j++) {
        grad[j]! += lambda * theta[j]!;
        hess[j * p + j]! += lambda;
      }
      let gmax = 0;
      for (let j = 0; j < p; j++) gmax = Math.max(gmax, Math.abs(grad[j]!));
      this.iterations = iter;
      if (gmax < this.tol) break;
      for (let j = 0; j < p; j++) for (let k = j + 1; k < p; k++) hess[j * p + k] = hess[k * p + j]!;

      const step = this.newtonStep(hess, grad, p);
      let dirDeriv = 0;
      for (let j = 0; j < p; j++) dirDeriv += step[j]! * grad[j]!;
      // Near the optimum the predicted decrease drops below float64 resolution of f, where a line search only
      // sees rounding noise; the full Newton step is safe there (quadratic convergence), so take it directly.
      if (dirDeriv < 1e-9 * (1 + Math.abs(f))) {
        let stepMax = 0;
        let thetaMax = 0;
        for (let j = 0; j < p; j++) {
          theta[j] = theta[j]! - step[j]!;
          stepMax = Math.max(stepMax, Math.abs(step[j]!));
          thetaMax = Math.max(thetaMax, Math.abs(theta[j]!));
        }
        f = objective(theta, z);
        if (stepMax < 1e-13 * (1 + thetaMax)) break;
        continue;
      }
      // Backtracking (damped Newton): full steps near the optimum, shorter ones while far away or saturated.
      let t = 1;
      let accepted = false;
      const next = new Float64Array(p);
      for (let ls = 0; ls < 60; ls++) {
        for (let j = 0; j < p; j++) next[j] = theta[j]! - t * step[j]!;
        const fTry = objective(next, zTry);
        if (fTry <= f - 1e-4 * t * dirDeriv) {
          theta = Float64Array.from(next);
          f = fTry;
          z.set(zTry);
          accepted = true;
          break;
        }
        t *= 0.5;
      }
      if (!accepted) break; // no decrease representable in float64: at the optimum to rounding
    }
    this.coef = theta.slice(0, d);
    this.intercept = theta[d]!;
    this.fitted = true;
  }

  /** Newton direction H⁻¹g, adding a growing ridge when H is numerically singular (e.g. C huge, separable data). */
  private newtonStep(hess: Float64Array, grad: Float64Array, p: number): Float64Array {
    let ridge = 0;
    let scale = 0;
    for (let j = 0; j < p; j++) scale = Math.max(scale, hess[j * p + j]!);
    for (let attempt = 0; attempt < 30; attempt++) {
      const a = Float64Array.from(hess);
      if (ridge > 0) for (let j = 0; j < p; j++) a[j * p + j]! += ridge;
      if (choleskyInPlace(a, p)) return choleskySolve(a, p, grad);
      ridge = ridge === 0 ? Math.max(scale, 1) * 1e-10 : ridge * 100;
    }
    return Float64Array.from(grad); // gradient descent as last resort
  }

  predictProba(X: Matrix): Float64Array {
    if (!this.fitted) {
      throw new ClassifierError('NOT_FITTED', 'logistic: predictProba called before fit');
    }
    if (X.cols !== this.coef.length) {
      throw new ClassifierError('BAD_INPUT', `logistic: X has ${X.cols} columns, the model was fitted on ${this.coef.length}`);
    }
    const out = new Float64Array(X.rows);
    const d = X.cols;
    for (let i = 0; i < X.rows; i++) {
      let s = this.intercept;
      for (let j = 0; j < d; j++) s += X.data[i * d + j]! * this.coef[j]!;
      out[i] = sigmoid(s);
    }
    return out;
  }
}
