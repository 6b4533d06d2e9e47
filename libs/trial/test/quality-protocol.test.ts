import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeRows, fitEncoder, foldIndices, loadManifestDataset, readFoldsFile, readManifest } from '@gansweep/data';
import { createClassifier, scoreBinary } from '@gansweep/classify';
import { contamKnnReal } from '@gansweep/oversample';
import { initBackend } from '@gansweep/gan';
import { chiSquareSf, fSf, friedman, normalSf, wilcoxon } from '../../../bench/quality/stats.ts';
import { runOurs } from '../../../bench/quality/run-cell.ts';

// Reference figures computed with SciPy 1.10 (scipy.stats.friedmanchisquare, wilcoxon, chi2/f/norm.sf).
describe('bench:quality statistics', () => {
  it('computes the tie-corrected Friedman chi-square and p-value as SciPy does', () => {
    const a = [0.792, 0.538, 0.494, 0.645, 0.922, 0.829, 0.196, 0.492, 0.249, 0.731, 0.0, 0.275, 0.989, 0.0, 0.723];
    const b = [0.779, 0.61, 0.447, 0.658, 0.925, 0.767, 0.298, 0.575, 0.251, 0.671, 0.135, 0.539, 0.986, 0.049, 0.699];
    const c = [0.8, 0.601, 0.447, 0.661, 0.925, 0.799, 0.311, 0.574, 0.256, 0.676, 0.135, 0.547, 0.989, 0.049, 0.701];
    const fr = friedman(a.map((_, i) => [a[i]!, b[i]!, c[i]!]));
    expect(fr.chi2).toBeCloseTo(4.83636363636364, 10);
    expect(fr.pChi2).toBeCloseTo(0.08908344019449223, 10);
    // rank 1 = best: c is highest or tied-highest on most datasets
    expect(fr.meanRanks[2]).toBeLessThan(fr.meanRanks[0]!);
  });

  it('gives the exact Wilcoxon signed-rank p-value without ties and the corrected normal one with ties', () => {
    const exact = wilcoxon([1.1, 2.3, 0.4, 5.0, 3.2, -0.7, 2.9, 1.6], [0.2, 1.1, 0.9, 2.0, 1.0, 0.3, 1.0, 0.0]);
    expect(exact.method).toBe('exact');
    expect(Math.min(exact.wPlus, exact.wMinus)).toBe(4);
    expect(exact.p).toBeCloseTo(0.0546875, 12);
    const x = [
      0.958, 0.687, 0.619, 0.227, 0.545, 0.529, 0.583, 0.475, 0.591, 0.505, 0.337, 0.777, 0.776, 0.942, 0.61, 0.519, 0.491, 0.291, 0.796,
      0.38, 0.363, 0.559, 0.897, 0.647, 0.395, 0.457, 0.725, 0.568, 0.446, 0.554,
    ];
    const y = [
      0.891, 0.558, 0.651, 0.228, 0.555, 0.62, 0.599, 0.496, 0.505, 0.482, 0.388, 0.715, 0.764, 0.999, 0.61, 0.518, 0.505, 0.26, 0.878,
      0.363, 0.282, 0.486, 0.812, 0.561, 0.291, 0.483, 0.653, 0.631, 0.446, 0.62,
    ];
    const approx = wilcoxon(x, y);
    expect(approx.method).toBe('normal');
    expect(approx.n).toBe(28);
    expect(Math.min(approx.wPlus, approx.wMinus)).toBe(153.5);
    expect(approx.p).toBeCloseTo(0.2644768958944592, 8);
  });

  it('matches SciPy tail probabilities of the chi-square, F and normal distributions', () => {
    expect(chiSquareSf(15.93, 12)).toBeCloseTo(0.19446327104709887, 10);
    expect(fSf(1.97, 12, 12)).toBeCloseTo(0.1272068522971967, 10);
    expect(normalSf(1.3)).toBeCloseTo(0.09680048458561036, 12);
    expect(normalSf(-1.3)).toBeCloseTo(1 - 0.09680048458561036, 12);
  });
});

const suite = resolve(import.meta.dirname, '../../..', process.env.GANSWEEP_DATASETS ?? '../shared/datasets');

describe.skipIf(!existsSync(join(suite, 'manifest.json')))('bench:quality cells follow the outer-fold protocol', () => {
  beforeAll(async () => {
    await initBackend('auto');
  });

  it('trains a baseline on the rows outside fold f and scores it on fold f', async () => {
    const entry = (await readManifest(suite)).find((e) => e.name === 'glass6')!;
    const ds = await loadManifestDataset(suite, entry);
    const { fold } = await readFoldsFile(join(suite, entry.folds), ds.rows.length);
    const { train, test } = foldIndices(fold, 2);
    const enc = fitEncoder(ds, train);
    const clf = createClassifier({ type: 'logistic' }, 7);
    clf.fit(
      encodeRows(enc, ds.rows, train),
      Uint8Array.from(train, (i) => ds.y[i]!),
    );
    const direct = scoreBinary(
      Uint8Array.from(test, (i) => ds.y[i]!),
      clf.predictProba(encodeRows(enc, ds.rows, test)),
    );
    const cell = (await runOurs({ type: 'ours', suite, dataset: 'glass6', methods: ['none'], fold: 2, classifier: 'logistic', seed: 7 }))
      .none!;
    expect(cell.f1).toBeCloseTo(direct.f1, 12);
    expect(cell.pr_auc).toBeCloseTo(direct.prAuc, 12);
  });

  it('selects a GAN checkpoint on inner validation and measures contamination against the outer training rows', async () => {
    const entry = (await readManifest(suite)).find((e) => e.name === 'glass6')!;
    const ds = await loadManifestDataset(suite, entry);
    const { fold } = await readFoldsFile(join(suite, entry.folds), ds.rows.length);
    const { train } = foldIndices(fold, 0);
    const enc = fitEncoder(ds, train);
    const real = contamKnnReal(
      encodeRows(enc, ds.rows, train),
      Uint8Array.from(train, (i) => ds.y[i]!),
    );
    const cells = await runOurs({
      type: 'ours',
      suite,
      dataset: 'glass6',
      methods: ['gan-maj', 'gan-maj+posterior'],
      fold: 0,
      classifier: 'logistic',
      seed: 3,
      steps: 20,
      checkpointEvery: 10,
    });
    const cell = cells['gan-maj']!;
    // The posterior variant shares the training run but is scored on its own filtered rows.
    expect(cells['gan-maj+posterior']!.contam_knn_real).toBeCloseTo(real, 12);
    expect(cells['gan-maj+posterior']!.filter_kept).toBeLessThanOrEqual(1);
    expect([10, 20]).toContain(cell.best_step);
    expect(cell.inner_val_score).toBeGreaterThanOrEqual(0);
    expect(cell.contam_knn_real).toBeCloseTo(real, 12);
    expect(cell.contam_knn).toBeGreaterThanOrEqual(0);
    expect(cell.contam_knn).toBeLessThanOrEqual(1);
    // balance: synthetic rows = majority − minority of the outer training part
    const nMin = train.filter((i) => ds.y[i] === 1).length;
    expect(cell.synthetic_rows).toBe(train.length - 2 * nMin);
  });

  it('scores the ssgan discriminator as its own method (ssgan-disc) from the same training run', async () => {
    const cells = await runOurs({
      type: 'ours',
      suite,
      dataset: 'glass6',
      methods: ['ssgan', 'ssgan-disc'],
      fold: 1,
      classifier: 'logistic',
      seed: 5,
      steps: 20,
      checkpointEvery: 10,
    });
    const disc = cells['ssgan-disc']!;
    expect(disc.f1).toBe(cells.ssgan!.disc_f1);
    expect(disc.pr_auc).toBe(cells.ssgan!.disc_pr_auc);
    // The discriminator creates no rows: no contamination figures under its name.
    expect(disc.contam_knn).toBeUndefined();
    expect(cells.ssgan!.synthetic_rows).toBeGreaterThan(0);
  });
});
