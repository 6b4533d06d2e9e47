import { describe, expect, it } from 'vitest';
import { createRng, zeros } from '@gansweep/data';
import type { Matrix } from '@gansweep/data';
import { createClassifier, MlpClassifier, scoreBinary } from '../src/index.ts';

/** A ring: class 1 inside radius 1, not linearly separable. */
function ring(n: number, d: number, seed: number): { X: Matrix; y: Uint8Array } {
  const rng = createRng(seed);
  const X = zeros(n, d);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let r2 = 0;
    for (let j = 0; j < d; j++) {
      const v = rng.normal();
      X.data[i * d + j] = v;
      if (j < 2) r2 += v * v;
    }
    y[i] = r2 < 0.8 ? 1 : 0;
  }
  return { X, y };
}

describe('MlpClassifier', () => {
  it('learns a non-linear boundary that logistic regression cannot', () => {
    const train = ring(1500, 4, 1);
    const test = ring(500, 4, 2);
    const mlp = createClassifier({ type: 'mlp' }, 7);
    mlp.fit(train.X, train.y);
    const lr = createClassifier({ type: 'logistic' }, 7);
    lr.fit(train.X, train.y);
    const fMlp = scoreBinary(test.y, mlp.predictProba(test.X)).f1;
    const fLr = scoreBinary(test.y, lr.predictProba(test.X)).f1;
    expect(fMlp).toBeGreaterThan(0.8);
    expect(fLr).toBeLessThan(0.3);
  });

  it('reproduces the same probabilities for the same seed and differs for another', () => {
    const { X, y } = ring(300, 3, 5);
    const a = new MlpClassifier(11, { epochs: 20 });
    const b = new MlpClassifier(11, { epochs: 20 });
    const c = new MlpClassifier(12, { epochs: 20 });
    a.fit(X, y);
    b.fit(X, y);
    c.fit(X, y);
    expect(Array.from(a.predictProba(X))).toEqual(Array.from(b.predictProba(X)));
    expect(Array.from(a.predictProba(X))).not.toEqual(Array.from(c.predictProba(X)));
  });

  it('stops early once the training loss stops improving by 1e-4 for 10 epochs', () => {
    const { X, y } = ring(400, 2, 8);
    // A large step size makes the loss plateau (and jitter) long before 300 epochs.
    const m = new MlpClassifier(1, { epochs: 300, lr: 0.05 });
    m.fit(X, y);
    const curve = m.lossCurve;
    expect(curve.length).toBeLessThan(300);
    const best = Math.min(...curve.slice(0, curve.length - 11));
    for (const l of curve.slice(-11)) expect(l).toBeGreaterThan(best - 1e-4);
    expect(curve[curve.length - 1]!).toBeLessThan(curve[0]!);
  });

  it('upweighting the minority raises its recall', () => {
    const { X, y } = ring(1000, 3, 4);
    // Keep only a tenth of class 1 to make it rare.
    const keep: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === 0 || i % 10 === 0) keep.push(i);
    const Xs = zeros(keep.length, 3);
    const ys = new Uint8Array(keep.length);
    keep.forEach((i, q) => {
      Xs.data.set(X.data.subarray(i * 3, i * 3 + 3), q * 3);
      ys[q] = y[i]!;
    });
    const pos = ys.reduce((s, v) => s + v, 0);
    const w = Float64Array.from(ys, (v) => (v ? keep.length / (2 * pos) : keep.length / (2 * (keep.length - pos))));
    const plain = new MlpClassifier(3);
    plain.fit(Xs, ys);
    const weighted = new MlpClassifier(3);
    weighted.fit(Xs, ys, w);
    const rPlain = scoreBinary(ys, plain.predictProba(Xs)).recall;
    const rW = scoreBinary(ys, weighted.predictProba(Xs)).recall;
    expect(rW).toBeGreaterThan(rPlain + 0.1);
  });

  it('runs exactly the requested epochs when early stopping is disabled, and learns the ring', () => {
    const { X, y } = ring(5000, 30, 6);
    const m = new MlpClassifier(2, { epochs: 40, patience: 1000 });
    m.fit(X, y);
    expect(m.lossCurve.length).toBe(40);
    expect(scoreBinary(y, m.predictProba(X)).f1).toBeGreaterThan(0.7);
  });
});
