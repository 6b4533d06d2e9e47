/**
 * The work of one bench:quality cell: one method on one outer fold through runTask (kind 'final', in-memory
 * store), or the imbalanced-learn peer on one dataset. Used by worker.ts and by the protocol test.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { foldIndices, loadManifestDataset, readFoldsFile, readManifest, type Dataset } from '@gansweep/data';
import { createLogger } from '@gansweep/log';
import { runTask, taskSettingsSchema, type PreparedDataset, type TaskStore } from '@gansweep/trial';
import type { OursJob, PeerJob } from './types.ts';

const datasets = new Map<string, { ds: Dataset; fold: Int32Array; k: number }>();

async function loadDataset(suite: string, name: string): Promise<{ ds: Dataset; fold: Int32Array; k: number }> {
  const key = `${suite}\u0000${name}`;
  const hit = datasets.get(key);
  if (hit) return hit;
  const entry = (await readManifest(suite)).find((e) => e.name === name);
  if (!entry) throw new Error(`dataset "${name}" is not in ${join(suite, 'manifest.json')}; check --datasets`);
  const ds = await loadManifestDataset(suite, entry);
  const { k, fold } = await readFoldsFile(join(suite, entry.folds), ds.rows.length);
  const v = { ds, fold, k };
  datasets.set(key, v);
  return v;
}

function memoryStore(): TaskStore {
  const m = new Map<string, Buffer>();
  return {
    get: async (key) => {
      const v = m.get(key);
      if (!v) throw new Error(`no such key ${key}`);
      return v;
    },
    put: async (key, body) => void m.set(key, Buffer.isBuffer(body) ? body : Buffer.from(body)),
    exists: async (key) => m.has(key),
  };
}

/** Runs one method on one outer fold: train = rows outside the fold, test = the fold (BENCHMARK.md). */
export async function runOurs(job: OursJob): Promise<Record<string, number>> {
  const { ds, fold } = await loadDataset(job.suite, job.dataset);
  const { train, test } = foldIndices(fold, job.fold);
  // folds: [train] — the final task never reads validation folds; it takes its inner 20% from `train` itself.
  const prepared: PreparedDataset = { dataset: ds, train, test, folds: [train] };
  const datasetKey = `bench/${job.dataset}/fold${job.fold}`;
  const cache = new Map<string, unknown>([[datasetKey, prepared]]);
  const base = job.method.endsWith('+posterior') ? job.method.slice(0, -'+posterior'.length) : job.method;
  const params: Record<string, unknown> = job.method === base ? {} : { filter: 'posterior' };
  if (job.steps !== undefined) params.steps = job.steps;
  if (job.checkpointEvery !== undefined) params.checkpointEvery = job.checkpointEvery;
  const outcome = await runTask(
    {
      taskId: `${job.dataset}-${job.method}-${job.fold}`,
      sweepId: 'bench-quality',
      trialId: job.method,
      kind: 'final',
      fold: -1,
      attempt: 1,
      method: base,
      params,
      settings: taskSettingsSchema.parse({ classifier: { type: job.classifier } }),
      datasetKey,
      seed: job.seed,
      checkpointPrefix: `bench/${job.dataset}/${job.method}/${job.fold}`,
    },
    {
      store: memoryStore(),
      progress: async () => ({ stop: false }),
      signal: new AbortController().signal,
      log: createLogger({ level: 'warn' }),
      cache,
    },
  );
  return outcome.metrics;
}

/** Runs the imbalanced-learn peer script on one dataset and parses its JSON. */
export function runPeer(job: PeerJob): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(job.python, [job.script], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${job.script} exited ${code} on ${job.dataset}: ${err.trim().slice(-2000)}`));
      try {
        resolve(JSON.parse(out));
      } catch (e) {
        reject(new Error(`${job.script} printed invalid JSON on ${job.dataset}: ${(e as Error).message}`));
      }
    });
    child.stdin.end(JSON.stringify(job.payload));
  });
}
