import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng, encodeRows, fitEncoder, outputBlocks } from '@gansweep/data';
import { createGanTrainer, initBackend, resolveGanOptions } from '@gansweep/gan';
import { createLogger } from '@gansweep/log';
import { createArtifactStore, type ArtifactStore } from '@gansweep/store';
import { parseSweep } from '@gansweep/sweep';
import { serializePrepared } from '@gansweep/trial';
import { createMemoryJournal } from '../src/journal.ts';
import type { SweepRecord } from '../src/model.ts';
import { prepareDataset } from '../src/prepare.ts';
import { buildReport, columnMarginals } from '../src/report/index.ts';
import { Scheduler, type ResultInput } from '../src/scheduler.ts';

const EVIL_COLUMN = 'amt<b>&co';
const EVIL_LEVEL = '<i>x</i>';
const EVIL_ERROR = 'bad input <script>alert("x")</script>';

/** 100 rows, 25 minority: two numeric columns (one with markup in its name), one categorical with markup in a level. */
function csvText(): string {
  const rng = createRng(7);
  const lines = [`age,${EVIL_COLUMN},kind,class`];
  for (let i = 0; i < 100; i++) {
    const b = i % 4 === 0;
    const kind = [EVIL_LEVEL, 'y & z', 'plain'][b ? i % 2 : rng.int(3)]!;
    lines.push(`${Math.round(30 + (b ? 15 : 0) + rng.normal() * 5)},${(rng.normal() + (b ? 2 : 0)).toFixed(2)},${kind},${b ? 'B' : 'A'}`);
  }
  return lines.join('\n') + '\n';
}

const curve = (base: number) => [1, 2, 3, 4].map((k) => ({ step: k * 25, valF1: base + k * 0.01, criticLoss: -k, generatorLoss: k / 2 }));

let dir: string;
let store: ArtifactStore;
let sweep: SweepRecord;
let html: string;

/** Drives a real Scheduler with fake results: three GAN trials (t003 fails for good) and two baselines. */
async function setup(): Promise<void> {
  await initBackend('cpu');
  dir = mkdtempSync(join(tmpdir(), 'gansweep-report-'));
  store = await createArtifactStore(join(dir, 'store'));
  const spec = parseSweep(
    JSON.stringify({
      name: 'rep',
      dataset: { path: 'mem.csv', label: 'class', minority: 'B' },
      validation: { folds: 2 },
      search: { trials: 3, maxConcurrent: 3 },
      space: { variant: ['gan-min', 'gan-maj'], steps: 100, checkpointEvery: 25 },
      baselines: ['none', 'smote'],
    }),
  );
  const { prepared, summary } = prepareDataset(spec, Buffer.from(csvText()), 'mem.csv');
  await store.put('sweeps/rep-1/dataset.json', serializePrepared(prepared));
  const ds = prepared.dataset;
  const enc = fitEncoder(ds, prepared.train);
  const trainer = createGanTrainer(
    { X: encodeRows(enc, ds.rows, prepared.train), y: Uint8Array.from(prepared.train, (i) => ds.y[i]!), blocks: outputBlocks(enc) },
    resolveGanOptions({ variant: 'gan-min', hidden: [8], latentDim: 4, batchSize: 8, nCritic: 1, seed: 1 }),
  );
  trainer.train(3);
  await store.put('gen/generator.json', JSON.stringify(trainer.exportGenerator()));
  await store.put('gen/encoder.json', JSON.stringify(enc));
  trainer.dispose();

  const s = new Scheduler({ journal: createMemoryJournal(), log: createLogger({ level: 'silent' }) });
  sweep = s.createSweep({
    sweepId: 'rep-1',
    spec,
    datasetKey: 'sweeps/rep-1/dataset.json',
    datasetSummary: summary,
    nFolds: prepared.folds.length,
    rows: ds.y.length,
    minorityRows: 25,
  });
  const f1: Record<string, number> = { t001: 0.7, t002: 0.6, 'b-smote': 0.65, 'b-none': 0.5 };
  for (let g = s.lease('w'); g; g = s.lease('w')) {
    const id = g.trial.trialId;
    const gan = !g.trial.baseline;
    let r: ResultInput;
    if (id === 't003') r = { ok: false, permanent: true, error: EVIL_ERROR, metrics: {}, bestStep: 0, curve: [] };
    else
      r = {
        ok: true,
        metrics: { f1: f1[id]! + g.task.fold * 0.01, contam_knn_real: 0.2, ...(id === 'b-none' ? {} : { contam_knn: gan ? 0.1 : 0.35 }) },
        bestStep: gan ? 75 : 0,
        curve: gan ? curve(f1[id]! - 0.1) : [],
        ...(gan && g.task.kind === 'final' ? { generatorKey: 'gen/generator.json', encoderKey: 'gen/encoder.json' } : {}),
      };
    s.result(g.task.leaseId!, r);
  }
  html = await buildReport(sweep, store, { sampleRows: 500 });
}

const count = (re: RegExp) => (html.match(re) ?? []).length;

describe('buildReport', () => {
  beforeAll(setup);
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the fake sweep to done with t001 as the winner and the generator handed over', () => {
    expect(sweep.state).toBe('done');
    expect(sweep.bestTrialId).toBe('t001');
    expect(sweep.bestGanTrialId).toBe('t001');
  });

  it('has every section, in order', () => {
    const ids = [...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['leaderboard', 'curves', 'losses', 'contamination', 'marginals']);
  });

  it('draws one SVG per chart: curves and losses per finished GAN trial, one contamination chart, one per column', () => {
    expect(count(/data-chart="f1-curve"/g)).toBe(2);
    expect(count(/data-chart="losses"/g)).toBe(2);
    expect(count(/data-chart="contamination"/g)).toBe(1);
    expect(count(/data-chart="marginal-numeric"/g)).toBe(2);
    expect(count(/data-chart="marginal-categorical"/g)).toBe(1);
    expect(count(/<svg /g)).toBe(8);
    expect(count(/<\/svg>/g)).toBe(8);
  });

  it('lists every trial in the leaderboard, the winner first, and notes the GAN trial with no checkpoint', () => {
    const board = html.slice(html.indexOf('<section id="leaderboard"'), html.indexOf('<section id="curves"'));
    const order = ['t001', 'b-smote', 't002', 'b-none', 't003'].map((id) => board.indexOf(`<b>${id}</b>`));
    expect(order.every((p) => p > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(board).toContain('<tr class="winner"><td>1</td><td><b>t001</b>');
    expect(html).toMatch(/no checkpoint recorded for t003/);
  });

  it('plots each fold and the final fit of a trial, one point per checkpoint', () => {
    const fig = html.match(/<figure class="chart" data-chart="f1-curve">.*?<\/figure>/s)![0];
    expect(fig).toContain('t001');
    const lines = [...fig.matchAll(/<polyline [^>]*points="([^"]*)"/g)].map((m) => m[1]!.split(' ').length);
    expect(lines).toEqual([4, 4, 4]);
    expect(fig).toContain('final fit');
  });

  it('compares real minority, real majority and rows sampled from the best generator', () => {
    const marg = html.slice(html.indexOf('<section id="marginals"'));
    expect(marg).toContain('synthetic t001 (500)');
    expect(marg).toMatch(/real B \(\d+\)/);
    expect(marg).not.toContain('class="note"');
    // Three step outlines (one per group) in each numeric histogram.
    const hist = marg.match(/<figure class="chart" data-chart="marginal-numeric">.*?<\/figure>/s)![0];
    expect((hist.match(/<path /g) ?? []).length).toBe(3);
  });

  it('escapes column names, category levels and error messages, and loads nothing from outside', () => {
    expect(html).not.toContain('<script');
    expect(html).toContain('bad input &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('amt&lt;b&gt;&amp;co');
    expect(html).not.toContain(EVIL_COLUMN);
    expect(html).toContain('&lt;i&gt;x&lt;/i&gt;');
    expect(html).not.toContain(EVIL_LEVEL);
    expect(html).not.toMatch(/\bsrc=|href=|@import|url\(/);
  });

  it('says so, and still draws the real marginals, when no generator was handed over', async () => {
    const copy: SweepRecord = { ...sweep, bestGanTrialId: undefined };
    const h = await buildReport(copy, store);
    expect(h).toContain('no generator to sample: no GAN trial finished');
    expect((h.match(/data-chart="marginal-/g) ?? []).length).toBe(3);
    expect(h).not.toContain('synthetic t001');
  });
});

describe('columnMarginals', () => {
  it('bins numeric cells on shared edges into densities and counts categorical shares per group', () => {
    const cols = [
      { name: 'n', kind: 'numeric' as const, integer: true, decimals: 0 },
      { name: 'c', kind: 'categorical' as const, integer: false, decimals: 0, levels: ['a', 'b'] },
    ];
    const m = columnMarginals(cols, [
      {
        name: 'g1',
        rows: [
          ['0', 'a'],
          ['10', 'a'],
          ['', 'b'],
          ['5', 'a'],
        ],
      },
      {
        name: 'g2',
        rows: [
          ['20', 'b'],
          ['20', 'b'],
        ],
      },
    ]);
    const num = m[0]!;
    const cat = m[1]!;
    if (num.kind !== 'numeric' || cat.kind !== 'categorical') throw new Error('kinds');
    expect(num.edges[0]).toBe(0);
    expect(num.edges.at(-1)).toBeCloseTo(20);
    expect(num.densities[0]!.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(num.densities[0]![0]).toBeCloseTo(1 / 3);
    expect(num.densities[1]![19]).toBe(1);
    expect(num.missing).toEqual([1, 0]);
    expect(cat.levels).toEqual(['a', 'b']);
    expect(cat.shares).toEqual([
      [0.75, 0.25],
      [0, 1],
    ]);
  });
});
