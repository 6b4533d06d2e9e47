import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createGanTrainer,
  createSampler,
  GanStateError,
  initBackend,
  resolveGanOptions,
  type GanLoss,
  type GanOptimizer,
  type GanVariant,
  type TrainerState,
} from '../src/index.ts';
import { mixed, separable } from './fixtures.ts';

beforeAll(async () => {
  await initBackend('wasm');
});

const small = { hidden: [16, 16], latentDim: 8, batchSize: 16 };

describe('GAN trainer', () => {
  it('releases every tensor: numTensors is unchanged after 200 steps and dispose, and constant between train calls', () => {
    const before = tf.memory().numTensors;
    const tr = createGanTrainer(separable(100, 30, 3, 1, 1), resolveGanOptions({ variant: 'gan-maj', seed: 1, ...small }));
    tr.train(10);
    const during = tf.memory().numTensors;
    tr.train(190);
    expect(tf.memory().numTensors).toBe(during);
    tr.sample(100, 1);
    tr.criticScore(separable(10, 10, 3, 1, 2).X);
    expect(tf.memory().numTensors).toBe(during);
    expect(tr.step).toBe(200);
    tr.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('continues identically after a JSON round trip of saveState', () => {
    const data = mixed(80, 40, 3);
    const opts = resolveGanOptions({ variant: 'cgan-aux', optimizer: 'oadam', seed: 4, ...small });
    const a = createGanTrainer(data, opts);
    a.train(5);
    const saved = JSON.parse(JSON.stringify(a.saveState())) as TrainerState;
    const b = createGanTrainer(data, opts, saved);
    expect(b.step).toBe(5);
    const la = a.train(4);
    const lb = b.train(4);
    expect(lb).toEqual(la);
    expect(b.step).toBe(9);
    expect(JSON.stringify(b.saveState())).toBe(JSON.stringify(a.saveState()));
    expect(Array.from(b.sample(50, 2).data)).toEqual(Array.from(a.sample(50, 2).data));
    // and the state is not a no-op: an untrained trainer samples differently
    const fresh = createGanTrainer(data, opts);
    expect(Array.from(fresh.sample(50, 2).data)).not.toEqual(Array.from(a.sample(50, 2).data));
    for (const t of [a, b, fresh]) t.dispose();
  });

  it('rejects a state saved for another variant or network shape', () => {
    const data = separable(50, 20, 3, 1, 1);
    const a = createGanTrainer(data, resolveGanOptions({ variant: 'gan-min', seed: 1, ...small }));
    const st = a.saveState();
    a.dispose();
    expect(() => createGanTrainer(data, resolveGanOptions({ variant: 'gan-maj', seed: 1, ...small }), st)).toThrow(GanStateError);
    expect(() => createGanTrainer(data, resolveGanOptions({ variant: 'gan-min', seed: 1, ...small, hidden: [8, 8] }), st)).toThrow(
      /layer sizes/,
    );
  });

  it('exportGenerator gives a sampler that reproduces trainer.sample for the same seed, after JSON', () => {
    const data = mixed(60, 30, 5);
    for (const variant of ['gan-min', 'cgan-aux'] as const) {
      const tr = createGanTrainer(data, resolveGanOptions({ variant, seed: 2, ...small }));
      tr.train(3);
      const ckpt = JSON.parse(JSON.stringify(tr.exportGenerator()));
      const s = createSampler(ckpt);
      const n = 5000; // crosses the sampler's chunk boundary
      expect(Array.from(s.sample(n, 77).data)).toEqual(Array.from(tr.sample(n, 77).data));
      expect(Array.from(s.sample(10, 1).data)).not.toEqual(Array.from(s.sample(10, 2).data));
      s.dispose();
      tr.dispose();
    }
  });

  it('samples hard one-hot categorical blocks and learns the minority category preference', () => {
    const data = mixed(200, 100, 6);
    const tr = createGanTrainer(
      data,
      resolveGanOptions({ variant: 'gan-min', seed: 3, hidden: [32, 32], latentDim: 8, batchSize: 64, lr: 1e-3 }),
    );
    tr.train(300);
    const s = tr.sample(1000, 4);
    tr.dispose();
    let cat2 = 0;
    for (let i = 0; i < s.rows; i++) {
      const r = s.data.subarray(i * 7, i * 7 + 7);
      for (const [off, w] of [
        [2, 3],
        [5, 2],
      ] as const) {
        const block = Array.from(r.subarray(off, off + w));
        expect(block.every((v) => v === 0 || v === 1)).toBe(true);
        expect(block.reduce((p, q) => p + q, 0)).toBe(1);
      }
      cat2 += r[4]!;
    }
    // the minority rows carry category 2 of the first block ~87% of the time; chance would be 33%
    expect(cat2 / s.rows).toBeGreaterThan(0.6);
  });

  const combos: [GanVariant, GanLoss, GanOptimizer][] = [];
  for (const v of ['gan-min', 'gan-maj', 'cgan-aux'] as const) {
    for (const l of ['wgan-gp', 'wgan-lp', 'ns'] as const) for (const o of ['adam', 'oadam'] as const) combos.push([v, l, o]);
  }
  combos.push(['ssgan', 'ns', 'adam'], ['ssgan', 'ns', 'oadam']);
  it.each(combos)('%s with %s and %s trains with finite losses and moves the generator', (variant, loss, optimizer) => {
    const data = mixed(60, 30, 7);
    const tr = createGanTrainer(data, resolveGanOptions({ variant, loss, optimizer, seed: 5, ...small }));
    const before = tr.sample(20, 1);
    const l = tr.train(3);
    expect(Number.isFinite(l.critic) && Number.isFinite(l.generator) && Number.isFinite(l.penalty)).toBe(true);
    // two-sided: the small initial input gradients are penalised; one-sided: norms below 1 cost nothing
    if (loss === 'wgan-gp') expect(l.penalty).toBeGreaterThan(0);
    else expect(l.penalty).toBe(0);
    if (variant === 'cgan-aux') expect(Number.isFinite(l.aux)).toBe(true);
    else expect(l.aux).toBeUndefined();
    expect(Array.from(tr.sample(20, 1).data)).not.toEqual(Array.from(before.data));
    expect(tr.criticScore(data.X).every(Number.isFinite)).toBe(true);
    expect(typeof tr.classify).toBe(variant === 'ssgan' ? 'function' : 'undefined');
    tr.dispose();
  });

  it('ssgan classify() separates the classes with its K+1 discriminator', () => {
    const train = separable(300, 60, 4, 1, 3);
    const held = separable(100, 100, 4, 1, 4);
    const tr = createGanTrainer(train, resolveGanOptions({ variant: 'ssgan', seed: 1, hidden: [32, 32], batchSize: 32, lr: 1e-3 }));
    tr.train(60);
    const p = tr.classify!(held.X);
    tr.dispose();
    expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
    let correct = 0;
    for (let i = 0; i < 200; i++) if (p[i]! > 0.5 === (held.y[i] === 1)) correct += 1;
    expect(correct / 200).toBeGreaterThan(0.9);
  });
});
