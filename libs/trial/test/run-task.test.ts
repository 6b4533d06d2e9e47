import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { buildDataset, parseCsv, stratifiedHoldout, stratifiedKFold } from '@gansweep/data';
import { initBackend } from '@gansweep/gan';
import { createLogger } from '@gansweep/log';
import { readFileSync } from 'node:fs';
import {
  runTask,
  runTaskFilters,
  serializePrepared,
  TaskInputError,
  TaskStoppedError,
  taskSettingsSchema,
  type TaskContext,
  type TaskSpec,
} from '@gansweep/trial';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function memoryStore() {
  const m = new Map<string, Buffer>();
  return {
    m,
    get: async (k: string) => {
      const v = m.get(k);
      if (!v) throw Object.assign(new Error(`no ${k}`), { code: 'NOT_FOUND' });
      return v;
    },
    put: async (k: string, b: Buffer | string) => void m.set(k, Buffer.from(b)),
    exists: async (k: string) => m.has(k),
  };
}

function prepare(csv: string, store: ReturnType<typeof memoryStore>, key = 'ds.json', folds = 2): void {
  const ds = buildDataset(parseCsv(csv, 'x.csv'), { label: 'class', minority: 'B' }, 'x.csv');
  const { train, test } = stratifiedHoldout(ds.y, 0.2, 0);
  store.m.set(key, Buffer.from(serializePrepared({ dataset: ds, train, test, folds: stratifiedKFold(ds.y, train, folds, 0) })));
}

function ctx(store: ReturnType<typeof memoryStore>, progress: TaskContext['progress'] = async () => ({ stop: false })): TaskContext {
  return { store, progress, signal: new AbortController().signal, log: createLogger({ level: 'silent' }) };
}

function spec(method: string, params: Record<string, unknown> = {}, kind: 'fold' | 'final' = 'fold'): TaskSpec {
  return {
    taskId: `t/${kind}`,
    sweepId: 's',
    trialId: 't',
    kind,
    fold: kind === 'final' ? -1 : 0,
    attempt: 1,
    method,
    params,
    settings: taskSettingsSchema.parse({ classifier: { type: 'logistic' } }),
    datasetKey: 'ds.json',
    seed: 11,
    checkpointPrefix: 'ck/t',
  };
}

const GAN = { steps: 60, checkpointEvery: 20, batchSize: 32, hidden: [16], latentDim: 8, nCritic: 1, lr: 1e-3 };

describe('runTask', () => {
  const demo = readFileSync(path.join(ROOT, 'examples/data/demo.csv'), 'utf8');
  beforeAll(async () => {
    await initBackend('auto');
  });

  it('scores a baseline on the fold with metrics in range and contamination for created rows', async () => {
    const store = memoryStore();
    prepare(demo, store);
    const out = await runTask(spec('smote'), ctx(store));
    for (const k of ['f1', 'precision', 'recall', 'pr_auc', 'roc_auc', 'gmean', 'balanced_accuracy']) {
      expect(out.metrics[k]).toBeGreaterThanOrEqual(0);
      expect(out.metrics[k]).toBeLessThanOrEqual(1);
    }
    expect(out.metrics.synthetic_rows).toBeGreaterThan(0);
    expect(out.metrics.contam_knn).toBeGreaterThanOrEqual(0);
    expect(out.metrics.contam_knn_real).toBeGreaterThanOrEqual(0);
  });

  it('reports the tuned-threshold F1 beside the 0.5-threshold figures', async () => {
    const store = memoryStore();
    prepare(demo, store);
    const out = await runTask(spec('threshold'), ctx(store));
    expect(out.metrics.threshold).toBeGreaterThan(0);
    expect(out.metrics.threshold).toBeLessThan(1);
    expect(out.metrics.at05_f1).toBeDefined();
    expect(out.metrics.f1).toBeDefined();
  });

  it('refuses a k-NN method with one minority row as a permanent input error naming the method', async () => {
    const rows = ['a,b,class', ...Array.from({ length: 60 }, (_, i) => `${i},${i % 5},${i === 0 || i === 30 || i === 45 ? 'B' : 'A'}`)];
    const store = memoryStore();
    prepare(rows.join('\n'), store);
    await expect(runTask(spec('smote'), ctx(store))).rejects.toThrow(TaskInputError);
    await expect(runTask(spec('smote'), ctx(store))).rejects.toThrow(/smote/i);
  });

  it('trains a GAN trial, reports progress at each checkpoint and writes the generator on the final fit', async () => {
    const store = memoryStore();
    prepare(demo, store);
    const steps: number[] = [];
    const before = tf.memory().numTensors;
    const out = await runTask(
      spec('gan-maj', GAN, 'final'),
      ctx(store, async (u) => (steps.push(u.step), { stop: false })),
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(steps).toEqual([20, 40, 60]);
    expect(out.curve.map((c) => c.step)).toEqual([20, 40, 60]);
    expect([20, 40, 60]).toContain(out.bestStep);
    expect(out.metrics.contam_knn).toBeGreaterThanOrEqual(0);
    expect(store.m.has('ck/t/generator.json')).toBe(true);
    expect(store.m.has('ck/t/encoder.json')).toBe(true);
  });

  it('resumes an interrupted GAN trial from its last checkpoint instead of step 0', async () => {
    const store = memoryStore();
    prepare(demo, store);
    await expect(
      runTask(
        spec('gan-min', GAN),
        ctx(store, async (u) => (u.step >= 40 ? { stop: true, reason: 'test stop' } : { stop: false })),
      ),
    ).rejects.toThrow(TaskStoppedError);
    expect(store.m.has('ck/t/state.json')).toBe(true);
    const seen: number[] = [];
    const out = await runTask(
      spec('gan-min', GAN),
      ctx(store, async (u) => (seen.push(u.step), { stop: false })),
    );
    expect(out.resumedFromStep).toBe(40);
    expect(seen).toEqual([60]);
    expect(out.curve.map((c) => c.step)).toEqual([20, 40, 60]);
  });
});

describe('runTaskFilters', () => {
  const demo = readFileSync(path.join(ROOT, 'examples/data/demo.csv'), 'utf8');
  beforeAll(async () => {
    await initBackend('auto');
  });

  it('scores several post-filters from one training run exactly as separate trials would', async () => {
    const shared = memoryStore();
    prepare(demo, shared);
    const before = tf.memory().numTensors;
    const both = await runTaskFilters(spec('gan-min', GAN), ctx(shared), ['posterior', 'knn']);
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(both).sort()).toEqual(['knn', 'none', 'posterior']);
    for (const filter of ['none', 'posterior', 'knn'] as const) {
      const alone = memoryStore();
      prepare(demo, alone);
      const single = await runTask(spec('gan-min', { ...GAN, filter }), ctx(alone));
      expect(both[filter]!.metrics).toEqual(single.metrics);
      expect(both[filter]!.bestStep).toBe(single.bestStep);
    }
    // The filters really act: the posterior filter drops rows the unfiltered run keeps.
    expect(both.posterior!.metrics.filter_kept).toBeLessThan(1);
    expect(both.none!.metrics.filter_kept).toBe(1);
  });

  it('refuses a baseline method, naming it', async () => {
    const store = memoryStore();
    prepare(demo, store);
    await expect(runTaskFilters(spec('smote'), ctx(store), ['posterior'])).rejects.toThrow(/"smote" is not a GAN variant/);
  });
});

describe('runTask: ssgan', () => {
  it('scores the K+1 discriminator as a classifier on the held-out rows beside the oversampling result', async () => {
    await initBackend('auto');
    const store = memoryStore();
    prepare(readFileSync(path.join(ROOT, 'examples/data/demo.csv'), 'utf8'), store);
    const out = await runTask(spec('ssgan', GAN), ctx(store));
    expect(out.metrics.disc_f1).toBeGreaterThanOrEqual(0);
    expect(out.metrics.disc_f1).toBeLessThanOrEqual(1);
    expect(out.metrics.disc_roc_auc).toBeGreaterThan(0.5);
    expect(out.metrics.f1).toBeDefined();
  });
});
