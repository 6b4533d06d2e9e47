import { describe, expect, it } from 'vitest';
import { scoreBinary, tuneThreshold, averagePrecision, rocAuc } from '../src/index.ts';

// Hand-computed (and cross-checked with sklearn 1.2.1 average_precision_score / roc_auc_score / f1_score).
const y = Uint8Array.from([1, 0, 1, 1, 0, 0, 1, 0]);
const p = Float64Array.from([0.9, 0.8, 0.8, 0.6, 0.6, 0.6, 0.3, 0.1]);

describe('scoreBinary', () => {
  it('computes threshold metrics from the confusion matrix (tp 3, fp 3, fn 1, tn 1)', () => {
    const m = scoreBinary(y, p);
    expect(m.precision).toBeCloseTo(0.5, 12);
    expect(m.recall).toBeCloseTo(0.75, 12);
    expect(m.f1).toBeCloseTo(0.6, 12);
    expect(m.gmean).toBeCloseTo(Math.sqrt(0.75 * 0.25), 12);
    expect(m.balancedAccuracy).toBeCloseTo(0.5, 12);
  });

  it('scores average precision with tied scores entering as one step', () => {
    // steps: R .25 P 1; R .5 P 2/3; R .75 P 1/2; R 1 P 4/7
    expect(scoreBinary(y, p).prAuc).toBeCloseTo(0.25 + 0.25 * (2 / 3) + 0.25 * 0.5 + 0.25 * (4 / 7), 12);
    expect(averagePrecision(Uint8Array.from([0, 0, 1, 0, 1]), Float64Array.from([0.2, 0.2, 0.2, 0.7, 0.7]))).toBeCloseTo(0.45, 12);
  });

  it('counts tied positive/negative pairs as half in ROC AUC', () => {
    expect(rocAuc(y, p)).toBeCloseTo(10.5 / 16, 12);
    expect(rocAuc(Uint8Array.from([0, 0, 1, 0, 1]), Float64Array.from([0.2, 0.2, 0.2, 0.7, 0.7]))).toBeCloseTo(3.5 / 6, 12);
    expect(rocAuc(Uint8Array.from([1, 1]), Float64Array.from([0.1, 0.2]))).toBeNaN();
  });

  it('predicts positive only strictly above the threshold, like sklearn predict at 0.5', () => {
    const m = scoreBinary(Uint8Array.from([1, 0]), Float64Array.from([0.5, 0.4]));
    expect(m.recall).toBe(0);
  });

  it('returns 0 instead of NaN when nothing is predicted positive (zero_division=0)', () => {
    const m = scoreBinary(Uint8Array.from([1, 0, 0]), Float64Array.from([0.1, 0.2, 0.3]));
    expect(m.precision).toBe(0);
    expect(m.f1).toBe(0);
    expect(m.gmean).toBe(0);
    expect(m.balancedAccuracy).toBe(0.5);
  });
});

describe('tuneThreshold', () => {
  it('picks the midpoint below the score group that maximises F1', () => {
    // F1 by cut: .9 -> .4, .8 -> .571, .6 -> .6, .3 -> .727, .1 -> .667
    const t = tuneThreshold(y, p);
    expect(t).toBeCloseTo(0.2, 12);
    expect(scoreBinary(y, p, t).f1).toBeCloseTo(8 / 11, 12);
  });

  it('can choose to predict every row positive, stepping just under the lowest score', () => {
    const yy = Uint8Array.from([1, 1, 1, 0]);
    const pp = Float64Array.from([0.9, 0.2, 0.1, 0.5]);
    const t = tuneThreshold(yy, pp);
    expect(t).toBeLessThan(0.1);
    expect(t).toBeGreaterThan(0.09);
    expect(scoreBinary(yy, pp, t).recall).toBe(1);
  });
});
