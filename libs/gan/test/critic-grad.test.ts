import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { describe, expect, it } from 'vitest';
import { createRng } from '@gansweep/data';
import { initBackend } from '../src/index.ts';
import { scalarCriticGrad } from '../src/critic-grad.ts';
import { gradientPenalty, criticLoss } from '../src/losses.ts';
import type { GanLoss as GanLossName } from '../src/options.ts';
import { Net, scoped } from '../src/net.ts';

// tf.backend() is global: each test selects its backend and creates its tensors on it
const onBackend = async (b: 'cpu' | 'wasm') => {
  await initBackend(b);
  expect(tf.getBackend()).toBe(b);
};

/** [W_0, b_0, W_1, b_1, …] as tensors read from the flat parameters. Call inside tf.tidy. */
function paramTensors(net: Net): tf.Tensor[] {
  const ps: tf.Tensor[] = [];
  for (let j = 0; j < net.depth; j++) {
    const n = net.sizes[j]!;
    const m = net.sizes[j + 1]!;
    ps.push(
      tf.tensor2d(net.params.slice(net.wOff[j]!, net.wOff[j]! + n * m), [n, m]),
      tf.tensor1d(net.params.slice(net.bOff[j]!, net.bOff[j]! + m)),
    );
  }
  return ps;
}

/** Reference: the same critic loss + penalty through tfjs autodiff (double backprop), LeakyReLU as 0.2x + 0.8relu(x). */
function autodiffGrad(
  net: Net,
  x: Float32Array,
  rows: number,
  w: Float32Array,
  lambda: number,
  from: number,
  features: number,
  oneSided: boolean,
): Float32Array {
  const fin = net.sizes[0]!;
  return tf.tidy(() => {
    const X = tf.tensor2d(x, [rows, fin]);
    const cw = tf.tensor2d(w, [rows, 1]);
    const critic = (xx: tf.Tensor2D, ps: tf.Tensor[]): tf.Tensor2D => {
      let a: tf.Tensor2D = xx;
      for (let j = 0; j < net.depth; j++) {
        const h = tf.add(tf.matMul(a, ps[2 * j] as tf.Tensor2D), ps[2 * j + 1]!) as tf.Tensor2D;
        a = j + 1 < net.depth ? (tf.add(tf.mul(h, 0.2), tf.mul(tf.relu(h), 0.8)) as tf.Tensor2D) : h;
      }
      return a;
    };
    const f = (...ps: tf.Tensor[]): tf.Scalar => {
      const d = critic(X, ps);
      const g = tf.grad((xx: tf.Tensor) => tf.sum(critic(xx as tf.Tensor2D, ps)))(X);
      const gp = tf.slice(g, [from, 0], [rows - from, features]);
      const norm = tf.sqrt(tf.add(tf.sum(tf.square(gp), 1), 1e-12));
      const diff = oneSided ? tf.relu(tf.sub(norm, 1)) : tf.sub(norm, 1);
      return tf.add(tf.sum(tf.mul(cw, d)), tf.mul(lambda, tf.mean(tf.square(diff)))) as tf.Scalar;
    };
    const gs = tf.grads(f)(paramTensors(net));
    return tf.concat(gs.map((g) => tf.reshape(g, [-1]))).dataSync() as Float32Array;
  });
}

describe('hand-derived critic gradient', () => {
  const cases: [GanLossName, 'cpu' | 'wasm', number[]][] = [];
  for (const backend of ['cpu', 'wasm'] as const) {
    for (const loss of ['wgan-gp', 'wgan-lp'] as const) cases.push([loss, backend, [6, 7]]);
    cases.push(['wgan-gp', backend, [6]], ['wgan-gp', backend, [6, 7, 5]]);
  }
  it.each(cases)(
    'matches tfjs double-backprop autodiff for the %s critic loss including the penalty on %s, hidden %j',
    async (loss, backend, hidden) => {
      await onBackend(backend);
      const rng = createRng(7);
      const net = new Net([5, ...hidden, 1]);
      net.init(rng);
      // larger weights give input-gradient norms around and above 1, so the one-sided penalty is active too
      for (let i = 0; i < net.params.length; i++) net.params[i] = net.params[i]! * 3;
      net.upload();
      const rows = 9;
      const x = Float32Array.from({ length: rows * 5 }, () => rng.normal() * 2);
      const w = Float32Array.from([-1 / 3, -1 / 3, -1 / 3, 0.2, 0.3, 0.5, 0, 0, 0]);
      // penalise rows 6..8 over the first 4 columns (the 5th plays a condition column)
      const ours = scalarCriticGrad(net, x, rows, criticLoss(loss, w), gradientPenalty(loss, 10, 6, 3, 4));
      const ref = autodiffGrad(net, x, rows, w, 10, 6, 4, loss === 'wgan-lp');
      expect(ours.grads.length).toBe(ref.length);
      let maxErr = 0;
      let maxAbs = 0;
      for (let i = 0; i < ref.length; i++) {
        maxErr = Math.max(maxErr, Math.abs(ours.grads[i]! - ref[i]!));
        maxAbs = Math.max(maxAbs, Math.abs(ref[i]!));
      }
      expect(maxAbs).toBeGreaterThan(0.1);
      expect(maxErr / maxAbs).toBeLessThan(1e-4);
      expect(ours.penalty).toBeGreaterThan(0);
      net.disposeTensors();
    },
  );

  it('refuses a loss weight on a penalty row', async () => {
    await onBackend('cpu');
    const net = new Net([2, 3, 1]);
    const x = new Float32Array(6);
    const w = Float32Array.from([-1, 1, 0.5]);
    expect(() => scalarCriticGrad(net, x, 3, criticLoss('wgan-gp', w), gradientPenalty('wgan-gp', 10, 2, 1, 2))).toThrow(/penalty row 2/);
    net.disposeTensors();
  });

  it('matches autodiff for the non-saturating loss without a penalty', async () => {
    await onBackend('wasm');
    const rng = createRng(3);
    const net = new Net([4, 8, 1]);
    net.init(rng);
    const rows = 6;
    const x = Float32Array.from({ length: rows * 4 }, () => rng.normal());
    const w = Float32Array.from([-0.5, -0.5, 0.25, 0.25, 0.25, 0.25]);
    const ours = scalarCriticGrad(net, x, rows, criticLoss('ns', w));
    const ref = tf.tidy(() => {
      const X = tf.tensor2d(x, [rows, 4]);
      const sgn = tf.tensor2d(
        Array.from(w, (v) => (v < 0 ? -1 : 1)),
        [rows, 1],
      );
      const aw = tf.tensor2d(Array.from(w, Math.abs), [rows, 1]);
      const f = (W0: tf.Tensor, b0: tf.Tensor, W1: tf.Tensor, b1: tf.Tensor): tf.Scalar => {
        const h = tf.add(tf.matMul(X, W0 as tf.Tensor2D), b0);
        const a = tf.add(tf.mul(h, 0.2), tf.mul(tf.relu(h), 0.8)) as tf.Tensor2D;
        const d = tf.add(tf.matMul(a, W1 as tf.Tensor2D), b1);
        return tf.sum(tf.mul(aw, tf.softplus(tf.mul(sgn, d)))) as tf.Scalar;
      };
      const gs = tf.grads(f)(paramTensors(net));
      return tf.concat(gs.map((g) => tf.reshape(g, [-1]))).dataSync();
    });
    for (let i = 0; i < ref.length; i++) expect(ours.grads[i]!).toBeCloseTo(ref[i]!, 5);
    net.disposeTensors();
  });
});

describe('network backward pass', () => {
  it('matches autodiff for the parameter and input gradients of a multi-output net', async () => {
    await onBackend('wasm');
    const rng = createRng(11);
    const net = new Net([3, 6, 5, 4]);
    net.init(rng);
    const rows = 7;
    const x = Float32Array.from({ length: rows * 3 }, () => rng.normal());
    const dOut = Float32Array.from({ length: rows * 4 }, () => rng.normal());
    const ours = scoped(() => {
      const fwd = net.forward(x, rows);
      const r = net.backward(fwd, tf.tensor2d(dOut, [rows, 4]), true, true);
      return [r.grads!, r.dIn!];
    });
    const ref = tf.tidy(() => {
      const D = tf.tensor2d(dOut, [rows, 4]);
      const f = (xx: tf.Tensor, ...ps: tf.Tensor[]): tf.Scalar => {
        let a = xx as tf.Tensor2D;
        for (let j = 0; j < net.depth; j++) {
          const h = tf.add(tf.matMul(a, ps[2 * j] as tf.Tensor2D), ps[2 * j + 1]!) as tf.Tensor2D;
          a = j + 1 < net.depth ? (tf.add(tf.mul(h, 0.2), tf.mul(tf.relu(h), 0.8)) as tf.Tensor2D) : h;
        }
        return tf.sum(tf.mul(a, D)) as tf.Scalar;
      };
      const gs = tf.grads(f)([tf.tensor2d(x, [rows, 3]), ...paramTensors(net)]);
      return [tf.concat(gs.slice(1).map((g) => tf.reshape(g, [-1]))).dataSync(), gs[0]!.dataSync()];
    });
    for (let k = 0; k < 2; k++) {
      expect(ours[k]!.length).toBe(ref[k]!.length);
      for (let i = 0; i < ref[k]!.length; i++) expect(ours[k]![i]!).toBeCloseTo(ref[k]![i]!, 4);
    }
    net.disposeTensors();
  });
});
