import * as tf from '@tensorflow/tfjs-core';
import { LEAK, scoped, type Net } from './net.ts';

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
  const L = net.depth - 1;
  let loss = 0;
  let penaltyValue = 0;
  let c: Float32Array = new Float32Array(0);
  const grads = scoped(() => {
    const { acts, masks: M } = net.forward(tf.tensor2d(x, [rows, fin]));
    const out = outputLoss(acts[L + 1]!.dataSync() as Float32Array);
    c = out.c;
    loss = out.loss;
    const cCol = tf.tensor2d(c, [rows, 1]);
    const cRow = tf.reshape(cCol, [1, rows]) as tf.Tensor2D;
    const delta: tf.Tensor2D[] = new Array<tf.Tensor2D>(L);
    delta[L - 1] = tf.mul(M[L - 1]!, tf.reshape(net.W[L]!, [1, net.sizes[L]!]));
    for (let j = L - 2; j >= 0; j--) delta[j] = tf.mul(tf.matMul(delta[j + 1]!, net.WT[j + 1]!), M[j]!);

    let G: Float32Array | undefined;
    const from = penalty?.from ?? 0;
    const count = penalty?.count ?? 0;
    const rowsOf = (t: tf.Tensor2D) => tf.slice(t, [from, 0], [count, -1]);
    if (penalty) {
      const g = tf.matMul(rowsOf(delta[0]!), net.WT[0]!).dataSync() as Float32Array;
      const p = penalty.fn(g, count, fin);
      G = p.G;
      penaltyValue = p.value;
    }
    // (c⊙x + G)ᵀ is built on the JS side, where x already is: no transpose kernel for the widest left factor.
    const left0T = new Float32Array(fin * rows);
    for (let i = 0; i < rows; i++) {
      const ci = c[i]!;
      const gi = G && i >= from && i < from + count ? (i - from) * fin : -1;
      for (let k = 0; k < fin; k++) left0T[k * rows + i] = ci * x[i * fin + k]! + (gi >= 0 ? G![gi + k]! : 0);
    }
    const parts: tf.Tensor[] = [tf.matMul(tf.tensor2d(left0T, [fin, rows]), delta[0]!), tf.matMul(cRow, delta[0]!)];
    let dDelta = G ? tf.matMul(tf.tensor2d(G, [count, fin]), net.W[0]!) : undefined;
    for (let j = 1; j < L; j++) {
      const du = dDelta ? tf.mul(dDelta, rowsOf(M[j - 1]!)) : undefined;
      const cA = tf.mul(cCol, acts[j]!);
      const left = du ? tf.add(cA, tf.pad(du, [[from, rows - from - count], [0, 0]])) : cA;
      parts.push(tf.matMul(tf.transpose(left), delta[j]!), tf.matMul(cRow, delta[j]!));
      dDelta = du ? tf.matMul(du, net.W[j]!) : undefined;
    }
    let dOutW = tf.matMul(cRow, acts[L]!);
    if (dDelta) dOutW = tf.add(dOutW, tf.matMul(net.onesRow(count), tf.mul(dDelta, rowsOf(M[L - 1]!))));
    parts.push(dOutW);
    return tf.concat(parts.map((t) => tf.reshape(t, [-1]))).dataSync() as Float32Array;
  });
  // The output bias gradient is Σc; it is the last parameter of the layout.
  const flat = new Float32Array(net.params.length);
  flat.set(grads, 0);
  let sc = 0;
  for (let i = 0; i < rows; i++) sc += c[i]!;
  flat[flat.length - 1] = sc;
  return { grads: flat, loss, penalty: penaltyValue };
}

/** Gradient of Σ_i c_i·D(x_i) with respect to the input rows, for a scalar-output net (used to train G). */
export function scalarInputGrad(net: Net, x: Float32Array, rows: number, outputLoss: OutputLoss): { dx: Float32Array; loss: number } {
  let loss = 0;
  const dx = scoped(() => {
    const fwd = net.forward(tf.tensor2d(x, [rows, net.sizes[0]!]));
    const out = outputLoss(fwd.acts[net.depth]!.dataSync() as Float32Array);
    loss = out.loss;
    return net.backward(fwd, tf.tensor2d(out.c, [rows, 1]), undefined, true).dIn!.dataSync() as Float32Array;
  });
  return { dx, loss };
}

/** Forward pass only: the raw outputs (rows×out, row-major). */
export function netOutputs(net: Net, x: Float32Array, rows: number): Float32Array {
  return scoped(() => net.forward(tf.tensor2d(x, [rows, net.sizes[0]!])).acts[net.depth]!.dataSync() as Float32Array);
}
