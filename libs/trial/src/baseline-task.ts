import { encodeRows, fitEncoder, innerSplit, type Matrix } from '@gansweep/data';
import { fitResample, type Oversampler } from '@gansweep/oversample';
import { scoreBinary, tuneThreshold } from '@gansweep/classify';
import { contamination, fitPredict, metricRecord } from './evaluate.ts';
import { partsFor, type PreparedDataset } from './prepared.ts';
import { TaskInputError, type TaskOutcome, type TaskSpec } from './task.ts';

const OVERSAMPLERS = new Set<string>(['none', 'class-weight', 'ros', 'smote', 'borderline-smote', 'adasyn']);

function labels(y: Uint8Array, idx: number[]): Uint8Array {
  return Uint8Array.from(idx, (i) => y[i]!);
}

/**
 * A classic method on one fold (or the final fit): encode with statistics of the training rows only, resample,
 * fit the classifier, score the held-out rows.
 */
export function runBaselineTask(spec: TaskSpec, prepared: PreparedDataset): TaskOutcome {
  const { dataset } = prepared;
  const { train, val } = partsFor(prepared, spec.kind === 'final' ? 'final' : 'fold', spec.fold);
  const enc = fitEncoder(dataset, train, { numeric: spec.settings.numericEncoding });
  const Xtr = encodeRows(enc, dataset.rows, train);
  const ytr = labels(dataset.y, train);
  const Xval = encodeRows(enc, dataset.rows, val);
  const yval = labels(dataset.y, val);
  const clf = spec.settings.classifier;

  if (spec.method === 'threshold') {
    // No resampling: choose the decision threshold on an inner split of the training rows, then re-fit on all of
    // them and apply it. The 0.5-threshold figure is reported beside it, never replaced.
    const inner = innerSplit(dataset.y, train, spec.settings.innerValFraction, spec.seed);
    const pInner = fitPredict(
      clf,
      spec.seed,
      encodeRows(enc, dataset.rows, inner.fit),
      labels(dataset.y, inner.fit),
      encodeRows(enc, dataset.rows, inner.val),
    );
    const t = tuneThreshold(labels(dataset.y, inner.val), pInner);
    const p = fitPredict(clf, spec.seed, Xtr, ytr, Xval);
    return {
      metrics: { ...metricRecord(scoreBinary(yval, p, t)), ...metricRecord(scoreBinary(yval, p, 0.5), 'at05_'), threshold: t },
      bestStep: 0,
      curve: [],
      resumedFromStep: 0,
    };
  }
  if (!OVERSAMPLERS.has(spec.method)) {
    throw new TaskInputError(
      `unknown method "${spec.method}"; baselines are none, class-weight, ros, smote, borderline-smote, adasyn, threshold`,
    );
  }
  let res;
  try {
    res = fitResample(spec.method as Oversampler, Xtr, ytr, { seed: spec.seed });
  } catch (e) {
    if ((e as { code?: string }).code === 'TOO_FEW_MINORITY') throw new TaskInputError((e as Error).message, { cause: e });
    throw e;
  }
  const p = fitPredict(clf, spec.seed, res.X, res.y, Xval, res.sampleWeight);
  const synthetic: Matrix = res.synthetic;
  return {
    metrics: { ...metricRecord(scoreBinary(yval, p, 0.5)), ...(synthetic.rows > 0 ? contamination(synthetic, Xtr, ytr) : {}) },
    bestStep: 0,
    curve: [],
    resumedFromStep: 0,
  };
}
