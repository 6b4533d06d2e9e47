import type { Matrix } from '@gansweep/data';
import { ClassifierError } from './errors.ts';

/** A binary probabilistic classifier; class 1 is the minority class B. */
export interface Classifier {
  /** Fits on encoded rows; `sampleWeight` multiplies each row's loss (how sklearn's class_weight works). */
  fit(X: Matrix, y: Uint8Array, sampleWeight?: Float64Array): void;
  /** P(y = 1) for each row. */
  predictProba(X: Matrix): Float64Array;
}

/** Logistic regression options. */
export interface LogisticSpec {
  type: 'logistic';
  /** Inverse L2 strength as in scikit-learn. @default 1 */
  C?: number;
}

/** One-hidden-layer ReLU network options (scikit-learn MLPClassifier defaults). */
export interface MlpSpec {
  type: 'mlp';
  /** Hidden units. @default 64 */
  hidden?: number;
  /** Maximum epochs. @default 300 */
  epochs?: number;
  /** Adam learning rate. @default 1e-3 */
  lr?: number;
  /** Minibatch size, capped at the row count like sklearn's min(200, n). @default 200 */
  batchSize?: number;
}

/** Which downstream classifier to build. */
export type ClassifierSpec = LogisticSpec | MlpSpec;

/** Checks the shapes shared by every fit call and returns the effective weights (all ones when absent). */
export function checkFitInput(X: Matrix, y: Uint8Array, sampleWeight?: Float64Array): Float64Array {
  if (y.length !== X.rows) {
    throw new ClassifierError('BAD_INPUT', `fit: X has ${X.rows} rows but y has ${y.length} labels; pass one label per row`);
  }
  if (X.rows === 0) throw new ClassifierError('BAD_INPUT', 'fit: X has no rows; a classifier needs training data');
  if (sampleWeight && sampleWeight.length !== X.rows) {
    throw new ClassifierError(
      'BAD_INPUT',
      `fit: sampleWeight has ${sampleWeight.length} values but X has ${X.rows} rows; pass one weight per row`,
    );
  }
  for (let i = 0; i < y.length; i++) {
    if (y[i]! > 1) throw new ClassifierError('BAD_INPUT', `fit: y[${i}] = ${y[i]}; labels must be 0 or 1`);
  }
  return sampleWeight ?? new Float64Array(X.rows).fill(1);
}

/** Numerically safe logistic function. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
