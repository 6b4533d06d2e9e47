/**
 * Side-by-side agreement check (not a test): our classic baselines vs imbalanced-learn + scikit-learn on the
 * same folds and preprocessing (BENCHMARK.md), downstream logistic regression, mean F1 over the 5 seed0 folds.
 *
 *   npx tsx bench/agreement.ts [datasetDir] [name ...]     (CLASSIFIER=mlp for the MLP instead of logistic)
 *
 * Needs python3 with scikit-learn and imbalanced-learn (PYTHON env var to pick the interpreter). The peer's
 * random draws differ from ours, so resampling methods agree only within noise; 'none' and 'class-weight' are
 * deterministic and should agree to rounding.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { encodeRows, fitEncoder, loadManifestDataset, readFoldsFile, readManifest, deriveSeed } from '@gansweep/data';
import { createClassifier, scoreBinary } from '@gansweep/classify';
import { contamKnn, fitResample, OversampleError } from '@gansweep/oversample';
import type { Oversampler } from '@gansweep/oversample';

const METHODS: Oversampler[] = ['none', 'class-weight', 'ros', 'smote', 'borderline-smote', 'adasyn'];
const dir = resolve(process.argv[2] ?? '../shared/datasets');
const names = process.argv.length > 3 ? process.argv.slice(3) : ['glass6', 'ecoli3', 'pima', 'car-good'];
const python = process.env.PYTHON ?? 'python3';
const classifier = process.env.CLASSIFIER === 'mlp' ? 'mlp' : 'logistic';
const peerScript = join(import.meta.dirname, 'peers', 'imblearn_baselines.py');

interface PeerResult {
  versions: Record<string, string>;
  results: Record<string, { f1: (number | null)[]; contam: (number | null)[]; error?: string }>;
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const fmt = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '  -  ' : v.toFixed(3));

const manifest = await readManifest(dir);
const gaps: number[] = [];
let versions: Record<string, string> = {};
const t0 = Date.now();
for (const name of names) {
  const entry = manifest.find((e) => e.name === name);
  if (!entry) throw new Error(`${name}: not in ${join(dir, 'manifest.json')}`);
  const ds = await loadManifestDataset(dir, entry);
  const { k, fold } = await readFoldsFile(join(dir, entry.folds), ds.rows.length);
  const ours = new Map<Oversampler, { f1: number[]; contam: number[]; error?: string }>();
  for (const m of METHODS) ours.set(m, { f1: [], contam: [] });
  for (let f = 0; f < k; f++) {
    const tr: number[] = [];
    const te: number[] = [];
    fold.forEach((id, i) => (id === f ? te : tr).push(i));
    const spec = fitEncoder(ds, tr);
    const Xtr = encodeRows(spec, ds.rows, tr);
    const Xte = encodeRows(spec, ds.rows, te);
    const ytr = Uint8Array.from(tr, (i) => ds.y[i]!);
    const yte = Uint8Array.from(te, (i) => ds.y[i]!);
    for (const m of METHODS) {
      const slot = ours.get(m)!;
      try {
        const r = fitResample(m, Xtr, ytr, { seed: deriveSeed(0, name, m, f) });
        const clf = createClassifier({ type: classifier }, deriveSeed(0, name, 'clf', f));
        clf.fit(r.X, r.y, r.sampleWeight);
        slot.f1.push(scoreBinary(yte, clf.predictProba(Xte)).f1);
        slot.contam.push(contamKnn(r.synthetic, Xtr, ytr));
      } catch (err) {
        if (!(err instanceof OversampleError)) throw err;
        slot.error = err.code;
      }
    }
  }
  const job = {
    csv: join(dir, entry.file),
    label: entry.label,
    minority: entry.minority,
    features: entry.features,
    folds: join(dir, entry.folds),
    methods: METHODS,
    classifier,
    seed: 0,
  };
  const run = spawnSync(python, [peerScript], { input: JSON.stringify(job), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`${peerScript} failed on ${name}: ${run.stderr}`);
  const peer = JSON.parse(run.stdout) as PeerResult;
  versions = peer.versions;
  console.log(`\n${name} (IR ${entry.imbalance_ratio}), ${classifier}, mean F1 over ${k} folds; contam_knn of synthetic rows`);
  console.log('method            ours    imblearn  gap     | contam ours  imblearn');
  for (const m of METHODS) {
    const o = ours.get(m)!;
    const p = peer.results[m]!;
    const pf1 = p.f1.filter((v): v is number => v !== null);
    const pc = p.contam.filter((v): v is number => v !== null);
    const oF = o.f1.length === k ? mean(o.f1) : Number.NaN;
    const pF = pf1.length === k ? mean(pf1) : Number.NaN;
    const gap = oF - pF;
    if (Number.isFinite(gap)) gaps.push(Math.abs(gap));
    const oc = o.contam.filter((v) => !Number.isNaN(v));
    console.log(
      `${m.padEnd(17)} ${fmt(oF)}   ${fmt(pF)}    ${Number.isFinite(gap) ? (gap >= 0 ? '+' : '') + gap.toFixed(3) : '  -   '}  |` +
        `        ${oc.length ? fmt(mean(oc)) : '  -  '}  ${pc.length ? fmt(mean(pc)) : '  -  '}` +
        (o.error || p.error ? `   (ours: ${o.error ?? 'ok'}, peer: ${p.error ?? 'ok'})` : ''),
    );
  }
}
console.log(`\nmean |gap| ${mean(gaps).toFixed(4)}, max |gap| ${Math.max(...gaps).toFixed(4)} over ${gaps.length} dataset×method cells`);
console.log(`peer versions ${JSON.stringify(versions)}; wall ${((Date.now() - t0) / 1000).toFixed(1)} s`);
