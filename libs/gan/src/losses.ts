import type { OutputLoss, Penalty } from './critic-grad.ts';
import { sigmoid, softplus } from './batch.ts';
import type { GanLoss } from './options.ts';

/**
 * Critic loss over rows with signed weights: w_i < 0 marks a row the critic should score high (real minority), w_i > 0
 * one it should score low (fake, majority), 0 a penalty-only row. Wasserstein: Σ w_i·d_i. Non-saturating:
 * Σ |w_i|·softplus(−sign(w_i)·d_i), i.e. cross-entropy with "real" = negative weight.
 */
export function criticLoss(loss: GanLoss, w: Float32Array): OutputLoss {
  if (loss !== 'ns') {
    return (d) => {
      let l = 0;
      for (let i = 0; i < w.length; i++) l += w[i]! * d[i]!;
      return { c: w, loss: l };
    };
  }
  return (d) => {
    const c = new Float32Array(w.length);
    let l = 0;
    for (let i = 0; i < w.length; i++) {
      const wi = w[i]!;
      if (wi === 0) continue;
      // real (wi<0): |w|·softplus(−d), derivative −|w|σ(−d); negative (wi>0): w·softplus(d), derivative wσ(d)
      const s = wi < 0 ? -1 : 1;
      l += Math.abs(wi) * softplus(s * d[i]!);
      c[i] = wi * sigmoid(s * d[i]!);
    }
    return { c, loss: l };
  };
}

/** Generator loss on its fakes: −mean D (Wasserstein) or mean softplus(−D) (non-saturating), times `weight`. */
export function generatorLoss(loss: GanLoss, n: number, weight = 1): OutputLoss {
  return (d) => {
    const c = new Float32Array(n);
    let l = 0;
    for (let i = 0; i < n; i++) {
      if (loss === 'ns') {
        l += softplus(-d[i]!);
        c[i] = (-weight * sigmoid(-d[i]!)) / n;
      } else {
        l -= d[i]!;
        c[i] = -weight / n;
      }
    }
    return { c, loss: (weight * l) / n };
  };
}

/** Binary cross-entropy of logits against 0/1 labels, averaged (the auxiliary A-vs-B classifier). */
export function bceLoss(labels: ArrayLike<number>): OutputLoss {
  const n = labels.length;
  return (d) => {
    const c = new Float32Array(n);
    let l = 0;
    for (let i = 0; i < n; i++) {
      const y = labels[i]!;
      l += y ? softplus(-d[i]!) : softplus(d[i]!);
      c[i] = (sigmoid(d[i]!) - y) / n;
    }
    return { c, loss: l / n };
  };
}

/**
 * Gradient penalty on rows [from, from+count) over the first `features` columns: λ·mean((‖g‖−1)²) (two-sided,
 * wgan-gp) or λ·mean(max(0, ‖g‖−1)²) (one-sided, wgan-lp).
 */
export function gradientPenalty(loss: GanLoss, lambda: number, from: number, count: number, features: number): Penalty {
  const oneSided = loss === 'wgan-lp';
  const fn: Penalty['fn'] = (g, rows, cols) => {
    const G = new Float32Array(rows * cols);
    let value = 0;
    for (let i = 0; i < rows; i++) {
      let ss = 0;
      for (let k = 0; k < features; k++) ss += g[i * cols + k]! ** 2;
      const norm = Math.sqrt(ss + 1e-12);
      const diff = oneSided ? Math.max(0, norm - 1) : norm - 1;
      value += diff * diff;
      const coef = (2 * lambda * diff) / (norm * count);
      for (let k = 0; k < features; k++) G[i * cols + k] = coef * g[i * cols + k]!;
    }
    return { G, value: (lambda * value) / count };
  };
  return { from, count, fn };
}

/** Softmax cross-entropy of K-class logits (rows×K) against integer targets; returns mean loss and d/dlogits. */
export function softmaxXent(logits: Float32Array, targets: ArrayLike<number>, K: number): { dOut: Float32Array; loss: number } {
  const n = targets.length;
  const dOut = new Float32Array(n * K);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, logits[i * K + k]!);
    let sum = 0;
    for (let k = 0; k < K; k++) sum += Math.exp(logits[i * K + k]! - max);
    const t = targets[i]!;
    loss += Math.log(sum) + max - logits[i * K + t]!;
    for (let k = 0; k < K; k++) dOut[i * K + k] = (Math.exp(logits[i * K + k]! - max) / sum - (k === t ? 1 : 0)) / n;
  }
  return { dOut, loss: loss / n };
}
