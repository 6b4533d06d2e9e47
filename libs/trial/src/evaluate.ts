import { createClassifier, scoreBinary, type BinaryMetrics, type ClassifierSpec } from '@gansweep/classify';
import { contamKnn, contamKnnReal } from '@gansweep/oversample';
import type { Matrix } from '@gansweep/data';

/** Metric names as they appear in results, the leaderboard and Prometheus (snake_case, stable). */
export function metricRecord(m: BinaryMetrics, prefix = ''): Record<string, number> {
  return {
    [`${prefix}f1`]: m.f1,
    [`${prefix}precision`]: m.precision,
    [`${prefix}recall`]: m.recall,
    [`${prefix}pr_auc`]: m.prAuc,
    [`${prefix}roc_auc`]: m.rocAuc,
    [`${prefix}gmean`]: m.gmean,
    [`${prefix}balanced_accuracy`]: m.balancedAccuracy,
  };
}

/** Fits the downstream classifier and returns P(minority) for the scoring rows. */
export function fitPredict(
  spec: ClassifierSpec,
  seed: number,
  X: Matrix,
  y: Uint8Array,
  Xval: Matrix,
  sampleWeight?: Float64Array,
): Float64Array {
  const clf = createClassifier(spec, seed);
  clf.fit(X, y, sampleWeight);
  return clf.predictProba(Xval);
}

/** Contamination of synthetic rows next to the real minority rows' own level (BENCHMARK.md). */
export function contamination(synthetic: Matrix, Xtrain: Matrix, ytrain: Uint8Array): Record<string, number> {
  const out: Record<string, number> = { synthetic_rows: synthetic.rows, contam_knn_real: contamKnnReal(Xtrain, ytrain) };
  if (synthetic.rows > 0) out.contam_knn = contamKnn(synthetic, Xtrain, ytrain);
  return out;
}

export { scoreBinary };
