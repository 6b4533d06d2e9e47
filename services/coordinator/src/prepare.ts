import {
  buildDataset,
  checkFoldable,
  DataError,
  parseCsv,
  parseFoldsJson,
  stratifiedHoldout,
  stratifiedKFold,
  type Dataset,
} from '@gansweep/data';
import type { SweepSpec } from '@gansweep/sweep';
import { GansweepError } from '@gansweep/contract';
import type { PreparedDataset } from '@gansweep/trial';

/** One line describing a dataset and its split, for status output and logs. */
export function describeDataset(ds: Dataset, p: Pick<PreparedDataset, 'train' | 'test' | 'folds'>): string {
  const nMin = ds.y.reduce((a, b) => a + b, 0);
  const nCat = ds.columns.filter((c) => c.kind === 'categorical').length;
  const ir = (ds.y.length - nMin) / Math.max(1, nMin);
  return `${ds.y.length} rows, ${ds.columns.length} features (${ds.columns.length - nCat} numeric, ${nCat} categorical); minority "${ds.minority}" ${nMin} rows (imbalance ${ir.toFixed(1)}:1); ${p.train.length} training rows in ${p.folds.length} folds, ${p.test.length} test rows held out`;
}

/**
 * The split of a fixed fold file (BENCHMARK.md format): fold `validation.testFold` is the test hold-out and each other
 * fold is one validation fold, so a sweep scores exactly the rows another implementation scores.
 */
function fixedSplit(ds: Dataset, spec: SweepSpec, text: string, source: string): PreparedDataset {
  const { k, fold } = parseFoldsJson(text, source, ds.y.length, spec.dataset.foldsKey);
  const testFold = spec.validation.testFold;
  if (testFold >= k) {
    throw new GansweepError('INVALID_SWEEP', `validation.testFold = ${testFold} but ${source} has only ${k} folds (0..${k - 1})`);
  }
  const test: number[] = [];
  const byFold: number[][] = Array.from({ length: k }, () => []);
  fold.forEach((f, i) => (f === testFold ? test : byFold[f]!).push(i));
  const folds = byFold.filter((_, f) => f !== testFold);
  folds.forEach((rows, i) => {
    if (!rows.some((r) => ds.y[r] === 1)) {
      throw new DataError('TOO_FEW_MINORITY', `${source}: validation fold ${i} has no minority row; use another fold file or key`, {});
    }
  });
  return { dataset: ds, train: folds.flat().sort((a, b) => a - b), test, folds };
}

/**
 * Parses the dataset of a sweep and fixes its split: a stratified test hold-out, then K stratified folds over the
 * remaining rows. Every input problem becomes an INVALID_DATA error naming the file, column or row.
 */
export function prepareDataset(
  spec: SweepSpec,
  csv: Buffer,
  source: string,
  foldFile?: { text: string; source: string },
): { prepared: PreparedDataset; summary: string } {
  try {
    const table = parseCsv(csv.toString('utf8'), source);
    const ds = buildDataset(
      table,
      { label: spec.dataset.label, minority: spec.dataset.minority, features: spec.dataset.features, drop: spec.dataset.drop },
      source,
    );
    if (foldFile) {
      const prepared = fixedSplit(ds, spec, foldFile.text, foldFile.source);
      return {
        prepared,
        summary: `${describeDataset(ds, prepared)} (folds from ${foldFile.source}, key ${spec.dataset.foldsKey}, test fold ${spec.validation.testFold})`,
      };
    }
    const { folds: k, testFraction, seed } = spec.validation;
    const { train, test } = stratifiedHoldout(ds.y, testFraction, seed);
    if (!test.some((i) => ds.y[i] === 1)) {
      throw new DataError(
        'TOO_FEW_MINORITY',
        `${source}: the test hold-out (validation.testFraction = ${testFraction}) gets no minority row; raise testFraction or add minority rows.`,
        {},
      );
    }
    checkFoldable(ds.y, train, k, `${source} (dataset.minority = "${spec.dataset.minority}")`);
    const folds = stratifiedKFold(ds.y, train, k, seed);
    const prepared = { dataset: ds, train, test, folds };
    return { prepared, summary: describeDataset(ds, prepared) };
  } catch (e) {
    if (e instanceof DataError) throw new GansweepError('INVALID_DATA', e.message, { cause: e });
    throw e;
  }
}
