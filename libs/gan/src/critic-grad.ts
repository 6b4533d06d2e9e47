import * as tf from '@tensorflow/tfjs-core';
import { rowsOf, scoped, type Net } from './net.ts';

/** Per-row loss derivative c_i = ∂loss/∂d_i for critic outputs d, and the loss value. */
export type OutputLoss = (d: Float32Array) => { c: Float32Array; loss: number };

/**
 * Gradient penalty over rows [from, from+count): given the critic's input gradients g of those rows (count×cols,
 * row-major), returns G = ∂penalty/∂g (same shape, zero in columns that are not penalised) and the penalty value.
 * Penalty rows must carry no loss term (c_i = 0 there: interpolates are scored only through their gradient).
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
 * δ_j = (δ_{j+1}W_{j+1}ᵀ)⊙M_j and g = δ_0W_0ᵀ. The loss part contributes (c⊙â_j)ᵀδ_j; the penalty part, pushed back
 * through g = δ_0W_0ᵀ, contributes Gᵀδ_0 to W_0 and du_{j−1}ᵀδ_j to W_j with du = (dδ)⊙M, dδ_j = du_{j−1}W_j. Both share
 * the right factor δ_j, so each weight gradient is one product ℓ_jᵀδ_j with ℓ_j = c⊙â_j + du_j over all rows.
 *
 * The left factors need no per-part kernels: ℓ_0 = c⊙x̂ + G is built on the JS side (where x, c and G are), and
 * since c⊙ĥ_{j+1} + dδ_{j+1} = ℓ_jŴ_j, the next one is ℓ_{j+1} = M_j⊙(ℓ_jŴ_j): one product and one multiply, with no
 * slicing or padding of penalty rows (G is zero on loss rows, c on penalty rows). The output layer's gradient
 * Σ_i c_iâ_L,i + Σ_p du_L,p is reduced on the JS side from â_L (read back anyway) and dδ_L of the penalty rows, whose
 * mask is the sign of â_L: as a product its N×H operand would be packed by XNNPACK on every call.
 * Returns the flat gradient (Net layout), the loss Σc·d and the penalty value.
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
  const from = penalty?.from ?? 0;
  const count = penalty?.count ?? 0;
  let loss = 0;
  let penaltyValue = 0;
  const grads = new Float32Array(net.params.length);
  scoped(() => {
    const { acts, masks: M } = net.forward(x, rows);
    const out = outputLoss(acts[L + 1]!.dataSync() as Float32Array);
    const c = out.c;
    loss = out.loss;
    for (let i = from; i < from + count; i++) {
      if (c[i] !== 0) throw new RangeError(`scalarCriticGrad: penalty row ${i} has loss weight ${c[i]}; penalty rows must carry none`);
    }
    // δ_{L−1} is never formed: δ_{L−1}Ŵ_{L−1}ᵀ = M_{L−1}·(diag(w_out)Ŵ_{L−1}ᵀ) with the output weights folded into
    // net.outWT, and the last layer's gradient below needs M_{L−1} rather than δ_{L−1}
    const delta: tf.Tensor2D[] = new Array<tf.Tensor2D>(L);
    if (L > 1) {
      delta[L - 2] = tf.mul(tf.matMul(M[L - 1]!, net.outWT!), M[L - 2]!);
      for (let j = L - 3; j >= 0; j--) delta[j] = tf.mul(tf.matMul(delta[j + 1]!, net.WT[j + 1]!), M[j]!);
    }

    let G: Float32Array | undefined;
    if (penalty) {
      const gIn = L > 1 ? tf.matMul(rowsOf(delta[0]!, from, count), net.WT[0]!) : tf.matMul(rowsOf(M[0]!, from, count), net.outWT!);
      const g = gIn.dataSync() as Float32Array;
      const p = penalty.fn(g, count, w);
      G = p.G;
      penaltyValue = p.value;
    }
    // ℓ_0 = c⊙x̂ + G in both layouts, built where x already is: no transpose kernel for the first layer.
    const left0 = new Float32Array(rows * w);
    const left0T = new Float32Array(w * rows);
    for (let i = 0; i < rows; i++) {
      const ci = c[i]!;
      const xo = i * fin;
      const lo = i * w;
      if (G && i >= from && i < from + count) {
        const go = (i - from) * w;
        for (let k = 0; k < fin; k++) {
          const v = ci * x[xo + k]! + G[go + k]!;
          left0[lo + k] = v;
          left0T[k * rows + i] = v;
        }
      } else if (ci !== 0) {
        for (let k = 0; k < fin; k++) {
          const v = ci * x[xo + k]!;
          left0[lo + k] = v;
          left0T[k * rows + i] = v;
        }
      }
      left0[lo + fin] = ci;
      left0T[fin * rows + i] = ci;
    }
    // layers 0 … L−2: ℓ_jᵀδ_j
    const parts: tf.Tensor[] = [];
    let left: tf.Tensor2D | undefined;
    let leftT = tf.tensor2d(left0T, [w, rows]);
    for (let j = 0; j < L; j++) {
      if (j > 0) {
        left = tf.mul(tf.matMul(left ?? tf.tensor2d(left0, [rows, w]), net.W[j - 1]!), M[j - 1]!) as tf.Tensor2D;
        leftT = tf.transpose(left);
      }
      // the last hidden layer: Q = ℓ_{L−1}ᵀM_{L−1} instead of ℓ_{L−1}ᵀδ_{L−1}, see below
      parts.push(tf.matMul(leftT, j + 1 < L ? delta[j]! : M[L - 1]!));
    }
    for (let j = 0; j + 1 < L; j++) net.collect(parts[j]!.dataSync() as Float32Array, 0, j, net.sizes[j + 1]! + 1, grads);
    // δ_{L−1} = M_{L−1}⊙w_outᵀ scales columns, so Q = ℓ_{L−1}ᵀM_{L−1} gives both the last hidden layer's gradient
    // ℓᵀδ = Q⊙w_outᵀ and the output layer's Σ_i ℓ_L,i = Σ_i M_i⊙(ℓ_{L−1,i}Ŵ_{L−1}), i.e. column h = Σ_k Ŵ_kh·Q_kh:
    // no product, readback or JS pass over the N×H activations for the output layer.
    const Q = parts[L - 1]!.dataSync() as Float32Array;
    const n = net.sizes[L - 1]! + 1;
    const wL = net.params.subarray(net.wOff[L]!, net.wOff[L]! + hL - 1);
    const gOff = net.wOff[L - 1]!;
    const m = hL - 1;
    const outW = new Float64Array(hL);
    for (let r = 0; r < n; r++) {
      const wRow = net.params.subarray(gOff + r * m, gOff + (r + 1) * m); // row r of [W_{L−1}; b_{L−1}]
      for (let h = 0; h < m; h++) {
        const q = Q[r * hL + h]!;
        grads[gOff + r * m + h] = q * wL[h]!;
        outW[h] = outW[h]! + wRow[h]! * q;
      }
    }
    outW[m] = Q[(n - 1) * hL + m]!; // Σ_i c_i: ones column of ℓ_{L−1} against the ones column of M
    grads.set(outW, net.wOff[L]!);
  });
  return { grads, loss, penalty: penaltyValue };
}

/**
 * Gradient of Σ_i c_i·D(x_i) with respect to the input rows, for a scalar-output net (used to train G): the input
 * gradient ∂D/∂x_i is backpropagated from the output weights alone and scaled by c_i on the JS side.
 */
export function scalarInputGrad(net: Net, x: Float32Array, rows: number, outputLoss: OutputLoss): { dx: Float32Array; loss: number } {
  const fin = net.sizes[0]!;
  const L = net.depth - 1;
  let loss = 0;
  const dx = new Float32Array(rows * fin);
  scoped(() => {
    const { acts, masks: M } = net.forward(x, rows);
    const out = outputLoss(acts[L + 1]!.dataSync() as Float32Array);
    loss = out.loss;
    let back = tf.matMul(M[L - 1]!, net.outWT!); // δ_{L−1}Ŵ_{L−1}ᵀ, see scalarCriticGrad
    for (let j = L - 2; j >= 0; j--) back = tf.matMul(tf.mul(back, M[j]!), net.WT[j]!);
    const g = back.dataSync() as Float32Array;
    const w = fin + 1;
    for (let i = 0; i < rows; i++) {
      const ci = out.c[i]!;
      for (let k = 0; k < fin; k++) dx[i * fin + k] = ci * g[i * w + k]!;
    }
  });
  return { dx, loss };
}
