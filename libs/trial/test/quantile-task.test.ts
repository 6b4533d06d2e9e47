import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDataset, createRng, parseCsv, stratifiedHoldout, stratifiedKFold } from '@gansweep/data';
import { createLogger } from '@gansweep/log';
import { runTask, serializePrepared, taskSettingsSchema, type TaskContext, type TaskSpec } from '@gansweep/trial';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A task context over an in-memory store holding one prepared dataset (2 validation folds). */
function contextFor(csv: string): TaskContext {
  const ds = buildDataset(parseCsv(csv, 'x.csv'), { label: 'class', minority: 'B' }, 'x.csv');
  const { train, test } = stratifiedHoldout(ds.y, 0.2, 0);
  const m = new Map<string, Buffer>([
    ['ds.json', Buffer.from(serializePrepared({ dataset: ds, train, test, folds: stratifiedKFold(ds.y, train, 2, 0) }))],
  ]);
  const store = {
    get: async (k: string) => m.get(k) ?? Promise.reject(Object.assign(new Error(`no ${k}`), { code: 'NOT_FOUND' })),
    put: async (k: string, b: Buffer | string) => void m.set(k, Buffer.from(b)),
    exists: async (k: string) => m.has(k),
  };
  return { store, progress: async () => ({ stop: false }), signal: new AbortController().signal, log: createLogger({ level: 'silent' }) };
}

function spec(method: string, numericEncoding: 'zscore' | 'quantile'): TaskSpec {
  return {
    taskId: 't/fold',
    sweepId: 's',
    trialId: 't',
    kind: 'fold',
    fold: 0,
    attempt: 1,
    method,
    params: {},
    settings: taskSettingsSchema.parse({ classifier: { type: 'logistic' }, numericEncoding }),
    datasetKey: 'ds.json',
    seed: 11,
    checkpointPrefix: 'ck/t',
  };
}

describe('baseline tasks with numericEncoding quantile', () => {
  it('defaults the task setting to zscore', () => {
    expect(taskSettingsSchema.parse({ classifier: { type: 'logistic' } }).numericEncoding).toBe('zscore');
  });

  it('scores SMOTE on the demo data with every metric in [0, 1]', async () => {
    const demo = readFileSync(path.join(ROOT, 'examples/data/demo.csv'), 'utf8');
    const out = await runTask(spec('smote', 'quantile'), contextFor(demo));
    for (const k of ['f1', 'precision', 'recall', 'pr_auc', 'roc_auc', 'gmean', 'balanced_accuracy']) {
      expect(out.metrics[k], k).toBeGreaterThanOrEqual(0);
      expect(out.metrics[k], k).toBeLessThanOrEqual(1);
    }
    expect(out.metrics.synthetic_rows).toBeGreaterThan(0);
  });

  it('lets logistic regression find a class that a heavy-tailed column separates by rank, where z-scores squash it', async () => {
    // B is the bottom 15% of a lognormal column whose top values are thousands of times the bulk: z-scored, the
    // whole bulk sits within a hair of one value, and the L2 penalty keeps the weight that would split it away.
    const rng = createRng(4);
    const lines = ['x,noise,class'];
    for (let i = 0; i < 800; i++) {
      const g = rng.normal();
      lines.push(`${Math.exp(3 * g).toFixed(6)},${rng.normal().toFixed(3)},${g < -1.04 ? 'B' : 'A'}`);
    }
    const csv = lines.join('\n');
    const quantile = await runTask(spec('none', 'quantile'), contextFor(csv));
    const zscore = await runTask(spec('none', 'zscore'), contextFor(csv));
    expect(quantile.metrics.f1).toBeGreaterThan(0.9);
    expect(zscore.metrics.f1).toBeLessThan(0.5);
  });
});
