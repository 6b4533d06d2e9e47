import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, type Matrix } from '@gansweep/data';
import { createGanTrainer, initBackend, resolveGanOptions } from '../src/index.ts';
import { moments, numericBlocks, separable } from './fixtures.ts';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('GAN training quality on toy data (wasm backend)', () => {
  // ~10 s of training on an idle core (1000 steps, batch 256, hidden 32-32); no wall-time assertion, the machine is shared
  it('fits the mean (±0.2) and covariance (±0.3) of a correlated 2-D Gaussian (wgan-lp)', () => {
    // target: mean (1, −1), covariance [[1, 0.8], [0.8, 1]]
    const rng = createRng(5);
    const n = 1000;
    const data = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const u = rng.normal();
      const v = rng.normal();
      data[2 * i] = 1 + u;
      data[2 * i + 1] = -1 + 0.8 * u + 0.6 * v;
    }
    const X: Matrix = { rows: n, cols: 2, data };
    const tr = createGanTrainer(
      { X, y: new Uint8Array(n).fill(1), blocks: numericBlocks(2) },
      // wgan-lp: on this toy the two-sided penalty keeps orbiting the target (as in the PyTorch reference), the one-sided settles
      resolveGanOptions({ variant: 'gan-min', loss: 'wgan-lp', seed: 3, hidden: [32, 32], latentDim: 8, batchSize: 256 }),
    );
    tr.train(1000);
    const { mean, cov } = moments(tr.sample(4000, 9));
    tr.dispose();
    expect(Math.abs(mean[0]! - 1)).toBeLessThan(0.2);
    expect(Math.abs(mean[1]! + 1)).toBeLessThan(0.2);
    expect(Math.abs(cov[0]![0]! - 1)).toBeLessThan(0.3);
    expect(Math.abs(cov[1]![1]! - 1)).toBeLessThan(0.3);
    expect(Math.abs(cov[0]![1]! - 0.8)).toBeLessThan(0.3);
  });

  // ~8 s on an idle core. A two-component mixture needs both modes: a generator that collapses onto one misses the mean by 2 and the x
  // variance by 4, far outside the tolerances.
  it('fits the mean (±0.25), covariance (±0.5) and mode weights (0.5 ± 0.1) of a 2-D two-Gaussian mixture (wgan-lp)', () => {
    // components N((−2, 1), 0.5²·I) and N((2, −1), 0.5²·I), equal weights: mean (0, 0), covariance [[4.25, −2], [−2, 1.25]]
    const rng = createRng(11);
    const n = 1000;
    const data = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const s = i % 2 === 0 ? 1 : -1;
      data[2 * i] = 2 * s + 0.5 * rng.normal();
      data[2 * i + 1] = -s + 0.5 * rng.normal();
    }
    const tr = createGanTrainer(
      { X: { rows: n, cols: 2, data }, y: new Uint8Array(n).fill(1), blocks: numericBlocks(2) },
      resolveGanOptions({ variant: 'gan-min', loss: 'wgan-lp', seed: 4, hidden: [64, 64], latentDim: 8, batchSize: 256, lr: 5e-4 }),
    );
    tr.train(1000);
    const fake = tr.sample(4000, 9);
    tr.dispose();
    const { mean, cov } = moments(fake);
    let right = 0;
    for (let i = 0; i < fake.rows; i++) right += fake.data[2 * i]! > 0 ? 1 : 0;
    expect(Math.abs(mean[0]!)).toBeLessThan(0.25);
    expect(Math.abs(mean[1]!)).toBeLessThan(0.25);
    expect(Math.abs(cov[0]![0]! - 4.25)).toBeLessThan(0.5);
    expect(Math.abs(cov[1]![1]! - 1.25)).toBeLessThan(0.5);
    expect(Math.abs(cov[0]![1]! + 2)).toBeLessThan(0.5);
    expect(Math.abs(right / fake.rows - 0.5)).toBeLessThan(0.1);
  });

  it('gan-maj: the critic scores held-out majority rows below held-out minority rows', () => {
    const train = separable(400, 60, 4, 1, 1);
    const held = separable(200, 200, 4, 1, 2);
    const tr = createGanTrainer(train, resolveGanOptions({ variant: 'gan-maj', seed: 1, hidden: [32, 32], batchSize: 32 }));
    tr.train(150);
    const s = tr.criticScore(held.X);
    tr.dispose();
    let meanB = 0;
    let meanA = 0;
    let below = 0;
    for (let i = 0; i < held.X.rows; i++) {
      if (held.y[i]) meanB += s[i]! / 200;
      else meanA += s[i]! / 200;
    }
    // pairwise: the share of (A, B) pairs ranked correctly (a ROC-AUC of the critic as an A-vs-B score)
    for (let i = 0; i < 200; i++) for (let j = 200; j < 400; j++) if (s[i]! > s[j]!) below += 1;
    // separable() puts the minority first: rows 0..199 are B, 200..399 are A
    expect(meanA).toBeLessThan(meanB);
    expect(below / (200 * 200)).toBeGreaterThan(0.9);
  });
});
