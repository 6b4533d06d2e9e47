import { ClassifierError } from './errors.ts';

/** Binary classification scores; positive = minority class B (label 1). */
export interface BinaryMetrics {
  f1: number;
  precision: number;
  recall: number;
  /** Average precision, as scikit-learn's average_precision_score (step-wise, no interpolation). */
  prAuc: number;
  /** Area under the ROC curve with tied scores counted as half (Mann-Whitney). NaN when only one class is present. */
  rocAuc: number;
  /** sqrt(TPR·TNR). */
  gmean: number;
  /** (TPR + TNR) / 2. */
  balancedAccuracy: number;
}

function checkLengths(yTrue: Uint8Array, proba: Float64Array): void {
  if (yTrue.length !== proba.length) {
    throw new ClassifierError('BAD_INPUT', `metrics: ${yTrue.length} labels but ${proba.length} scores; pass one score per row`);
  }
}

/** a / b, or 0 when b is 0 (scikit-learn's zero_division=0). */
function safeDiv(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/** Row indices sorted by descending score. */
function orderByScoreDesc(proba: Float64Array): Uint32Array {
  const idx = new Uint32Array(proba.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((a, b) => proba[b]! - proba[a]!);
}

/**
 * Average precision Σ (Rₖ − Rₖ₋₁)·Pₖ over distinct score thresholds, tied scores entering together, as
 * scikit-learn computes it. NaN when there are no positives (sklearn warns and its value is meaningless).
 */
export function averagePrecision(yTrue: Uint8Array, proba: Float64Array): number {
  checkLengths(yTrue, proba);
  let positives = 0;
  for (const v of yTrue) positives += v === 1 ? 1 : 0;
  if (positives === 0) return Number.NaN;
  const order = orderByScoreDesc(proba);
  let tp = 0;
  let fp = 0;
  let prevRecall = 0;
  let ap = 0;
  for (let q = 0; q < order.length; q++) {
    const i = order[q]!;
    if (yTrue[i] === 1) tp++;
    else fp++;
    const next = order[q + 1];
    if (next !== undefined && proba[next] === proba[i]) continue; // close the tie group first
    const recall = tp / positives;
    ap += (recall - prevRecall) * (tp / (tp + fp));
    prevRecall = recall;
  }
  return ap;
}

/** ROC AUC via average ranks (ties count half). NaN when only one class is present. */
export function rocAuc(yTrue: Uint8Array, proba: Float64Array): number {
  checkLengths(yTrue, proba);
  const n = yTrue.length;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => proba[a]! - proba[b]!);
  let pos = 0;
  let rankSumPos = 0;
  for (let start = 0; start < n;) {
    let end = start;
    while (end + 1 < n && proba[idx[end + 1]!] === proba[idx[start]!]) end++;
    const avgRank = (start + end) / 2 + 1;
    for (let q = start; q <= end; q++) {
      if (yTrue[idx[q]!] === 1) {
        pos++;
        rankSumPos += avgRank;
      }
    }
    start = end + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/**
 * Scores predictions at a threshold: a row is predicted minority when its probability is strictly above the
 * threshold, as scikit-learn's predict() does for 0.5 (decision_function > 0).
 */
export function scoreBinary(yTrue: Uint8Array, proba: Float64Array, threshold = 0.5): BinaryMetrics {
  checkLengths(yTrue, proba);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const pred = proba[i]! > threshold;
    if (yTrue[i] === 1) {
      if (pred) tp++;
      else fn++;
    } else if (pred) fp++;
    else tn++;
  }
  const precision = safeDiv(tp, tp + fp);
  const recall = safeDiv(tp, tp + fn);
  const tnr = safeDiv(tn, tn + fp);
  return {
    f1: safeDiv(2 * tp, 2 * tp + fp + fn),
    precision,
    recall,
    prAuc: averagePrecision(yTrue, proba),
    rocAuc: rocAuc(yTrue, proba),
    gmean: Math.sqrt(recall * tnr),
    balancedAccuracy: (recall + tnr) / 2,
  };
}

/**
 * The threshold that maximises F1 on these rows (use it on held-out validation rows, not on the test fold).
 * Candidates sit midway between adjacent distinct scores, so the chosen cut generalises no closer to either row;
 * on ties in F1 the highest threshold (fewest predicted positives) wins. Returns 0.5 when there are no positives.
 */
export function tuneThreshold(yTrue: Uint8Array, proba: Float64Array): number {
  checkLengths(yTrue, proba);
  let positives = 0;
  for (const v of yTrue) positives += v === 1 ? 1 : 0;
  if (positives === 0 || yTrue.length === 0) return 0.5;
  const order = orderByScoreDesc(proba);
  let tp = 0;
  let fp = 0;
  let bestF1 = -1;
  let best = 0.5;
  for (let q = 0; q < order.length; q++) {
    const i = order[q]!;
    if (yTrue[i] === 1) tp++;
    else fp++;
    const next = order[q + 1];
    if (next !== undefined && proba[next] === proba[i]) continue;
    const f1 = (2 * tp) / (tp + positives + fp);
    if (f1 > bestF1) {
      bestF1 = f1;
      const s = proba[i]!;
      // Below the lowest score there is no neighbour: step a little under it.
      best = next === undefined ? s - Math.max(1e-9, Math.abs(s) * 1e-6) : (s + proba[next]!) / 2;
    }
  }
  return best;
}
