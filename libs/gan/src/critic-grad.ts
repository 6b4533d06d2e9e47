import * as tf from '@tensorflow/tfjs-core';
import { scoped, type Net } from './net.ts';

/** Per-row loss derivative c_i = ∂loss/∂d_i for critic outputs d, and the loss value. */
export type OutputLoss = (d: Float32Array) => { c: Float32Array; loss: number };

/**
 * Gradient penalty over rows [from, from+count): given the critic's input gradients g of those rows (count×cols,
 * row-major), returns G = ∂penalty/∂g (same shape, zero in columns that are not penalised) and the penalty value.
 */
export interface Penalty {
  from: number;
  count: number;
  fn: (g: Float32Array, count: number, cols: number) => { G: Float32Array; value: number };
}

/**
 * Exact parameter gradient of Σ_i c_i·D(x_i) + penalty(∇ₓD) for a scalar-output LeakyReLU critic, derived by hand.
 *
 * With masks M_j = step(h_j, 0.2) (piecewise constant, so they carry no gradient), δ_{L−1} = M_{L−1}⊙w_outᵀ,
 * δ_j = (δ_{j+1}W_{j+1}ᵀ)⊙M_j and g = δ_0W_0ᵀ. The loss part contributes (c⊙a_j)ᵀδ_j; the penalty part, pushed back
 * through g = δ_0W_0ᵀ, contributes Gᵀδ_0 to W_0 and du_{j−1}ᵀδ_j to W_j with du = (dδ)⊙M, dδ_j = du_{j−1}W_j. Both share
 * the right factor δ_j, so each weight gradient is a single product (c⊙a_j + du_{j−1})ᵀδ_j over all rows at once: loss
 * rows (real, fake) and penalty rows (interpolates) travel in one batch, and only the penalty chain is restricted to
 * the penalty rows. Returns the flat gradient (Net layout), the loss Σc·d and the penalty value.
 */
export function scalarCriticGrad(
  net: Net,
  x: Float32Array,
  rows: number,
  outputLoss: OutputLoss,
  penalty?: Penalty,
): { grads: Float32Array; loss: number; penalty: number } {
  const fin = net.sizes[0]!;
  const w = fin + 1; // augmented width: trailing ones column
  const L = net.depth - 1;
  const hL = net.sizes[L]! + 1;
  let loss = 0;
  let penaltyValue = 0;
  const grads = new Float32Array(net.params.length);
  scoped(() => {
    const { acts, masks: M } = net.forward(x, rows);
    const out = outputLoss(acts[L + 1]!.dataSync() as Float32Array);
    const c = out.c;
    loss = out.loss;
    const cCol = tf.tensor2d(c, [rows, 1]);
    const delta: tf.Tensor2D[] = new Array<tf.Tensor2D>(L);
    delta[L - 1] = tf.mul(M[L - 1]!, net.outRow!);
    for (let j = L - 2; j >= 0; j--) delta[j] = tf.mul(tf.matMul(delta[j + 1]!, net.WT[j + 1]!), M[j]!);

    let G: Float32Array | undefined;
    const from = penalty?.from ?? 0;
    const count = penalty?.count ?? 0;
    const rowsOf = (t: tf.Tensor2D) => tf.slice(t, [from, 0], [count, -1]);
    if (penalty) {
      const g = tf.matMul(rowsOf(delta[0]!), net.WT[0]!).dataSync() as Float32Array;
      const p = penalty.fn(g, count, w);
      G = p.G;
      penaltyValue = p.value;
    }
    // (c⊙x̂ + G)ᵀ is built on the JS side, where x already is: no transpose kernel for the widest left factor.
    const left0T = new Float32Array(w * rows);
    for (let i = 0; i < rows; i++) {
      const ci = c[i]!;
      const gi = G && i >= from && i < from + count ? (i - from) * w : -1;
      for (let k = 0; k < fin; k++) left0T[k * rows + i] = ci * x[i * fin + k]! + (gi >= 0 ? G![gi + k]! : 0);
      left0T[fin * rows + i] = ci;
    }
    const parts: tf.Tensor[] = [tf.matMul(tf.tensor2d(left0T, [w, rows]), delta[0]!)];
    let dDelta = G ? tf.matMul(tf.tensor2d(G, [count, w]), net.W[0]!) : undefined;
    for (let j = 1; j < L; j++) {
      const du = dDelta ? tf.mul(dDelta, rowsOf(M[j - 1]!)) : undefined;
      const cA = tf.mul(cCol, acts[j]!);
      const left = du ? tf.add(cA, tf.pad(du, [[from, rows - from - count], [0, 0]])) : cA;
      parts.push(tf.matMul(tf.transpose(left), delta[j]!));
      dDelta = du ? tf.matMul(du, net.W[j]!) : undefined;
    }
    // The output layer's gradient Σ_i c_i·â_L,i (+ the penalty's column sums) is reduced on the JS side: as a
    // 1-row product its N×H operand would be repacked by XNNPACK, as a Sum over axis 0 transposed first.
    parts.push(acts[L]!);
    if (dDelta) parts.push(tf.mul(dDelta, rowsOf(M[L - 1]!)));
    const buf = tf.concat(parts.map((t) => tf.reshape(t, [-1]))).dataSync() as Float32Array;
    let off = 0;
    for (let j = 0; j < L; j++) off = net.collect(buf, off, j, net.sizes[j + 1]! + 1, grads);
    const outW = new Float64Array(hL);
    for (let i = 0; i < rows; i++) {
      const ci = c[i]!;
      if (ci === 0) continue;
      for (let k = 0; k < hL; k++) outW[k]! += ci * buf[off + i * hL + k]!;
    }
    off += rows * hL;
    if (dDelta) for (let i = 0; i < count * hL; i++) outW[i % hL]! += buf[off + i]!;
    grads.set(outW, net.wOff[L]!);
  });
  return { grads, loss, penalty: penaltyValue };
}

/** Gradient of Σ_i c_i·D(x_i) with respect to the input rows, for a scalar-output net (used to train G). */
export function scalarInputGrad(net: Net, x: Float32Array, rows: number, outputLoss: OutputLoss): { dx: Float32Array; loss: number } {
  let loss = 0;
  const dx = scoped(() => {
    const fwd = net.forward(x, rows);
    const out = outputLoss(fwd.acts[net.depth]!.dataSync() as Float32Array);
    loss = out.loss;
    return net.backward(fwd, tf.tensor2d(out.c, [rows, 1]), false, true).dIn!;
  });
  return { dx, loss };
}
