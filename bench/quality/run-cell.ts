/**
 * The work of one bench:quality cell: one method on one outer fold through runTask (kind 'final', in-memory
 * store), or the imbalanced-learn peer on one dataset. Used by worker.ts and by the protocol test.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { foldIndices, loadManifestDataset, readFoldsFile, readManifest, type Dataset } from '@gansweep/data';
import { createLogger } from '@gansweep/log';
import { runTask, runTaskFilters, taskSettingsSchema, type PostFilter, type PreparedDataset, type TaskStore } from '@gansweep/trial';
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

/** `gan-min+posterior` -> { base: 'gan-min', filter: 'posterior' }; a plain name has filter 'none'. */
export function splitMethod(method: string): { base: string; filter: PostFilter } {
  const m = /^(.*)\+(posterior|knn)$/.exec(method);
  return m ? { base: m[1]!, filter: m[2] as PostFilter } : { base: method, filter: 'none' };
}

/**
 * The GAN run a bench method comes from: a variant's post-filters share it (`gan-min+posterior` -> `gan-min`), and
 * `ssgan-disc` is the `ssgan` run's discriminator. Methods with the same key run as one job.
 */
export function jobKey(method: string): string {
  return method === 'ssgan-disc' ? 'ssgan' : splitMethod(method).base;
}

/** The ssgan discriminator's held-out figures (disc_f1, ...) under the plain metric names. */
export function discMetrics(ssgan: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(ssgan)) if (k.startsWith('disc_')) out[k.slice(5)] = v;
  if (out.f1 === undefined) throw new Error('the ssgan run reported no disc_* metrics');
  return out;
}

/**
 * Runs a job's methods on one outer fold: train = rows outside the fold, test = the fold (BENCHMARK.md). Several
 * methods must be post-filters of one GAN variant; they share its training run. Returns metrics per method name.
 */
export async function runOurs(job: OursJob): Promise<Record<string, Record<string, number>>> {
  const { ds, fold } = await loadDataset(job.suite, job.dataset);
  const { train, test } = foldIndices(fold, job.fold);
  // folds: [train] — the final task never reads validation folds; it takes its inner 20% from `train` itself.
  const prepared: PreparedDataset = { dataset: ds, train, test, folds: [train] };
  const datasetKey = `bench/${job.dataset}/fold${job.fold}`;
  const cache = new Map<string, unknown>([[datasetKey, prepared]]);
  // ssgan-disc: the K+1 discriminator of the ssgan run, scored as a classifier (its disc_* metrics).
  const base = jobKey(job.methods[0]!);
  if (job.methods.some((m) => jobKey(m) !== base))
    throw new Error(`one job may only hold methods of one GAN run, got ${job.methods.join(', ')}`);
  const wantDisc = job.methods.includes('ssgan-disc');
  const oversamplers = job.methods.filter((m) => m !== 'ssgan-disc');
  if (wantDisc && !oversamplers.includes('ssgan')) oversamplers.unshift('ssgan');
  const parts = oversamplers.map(splitMethod);
  const params: Record<string, unknown> = parts[0]!.filter === 'none' ? {} : { filter: parts[0]!.filter };
  if (job.steps !== undefined) params.steps = job.steps;
  if (job.checkpointEvery !== undefined) params.checkpointEvery = job.checkpointEvery;
  const spec = {
    taskId: `${job.dataset}-${base}-${job.fold}`,
    sweepId: 'bench-quality',
    trialId: base,
    kind: 'final' as const,
    fold: -1,
    attempt: 1,
    method: base,
    params,
    settings: taskSettingsSchema.parse({ classifier: { type: job.classifier } }),
    datasetKey,
    seed: job.seed,
    checkpointPrefix: `bench/${job.dataset}/${base}/${job.fold}`,
  };
  const ctx = {
    store: memoryStore(),
    progress: async () => ({ stop: false }),
    signal: new AbortController().signal,
    log: createLogger({ level: 'warn' }),
    cache,
  };
  const out: Record<string, Record<string, number>> = {};
  if (oversamplers.length === 1) out[oversamplers[0]!] = (await runTask(spec, ctx)).metrics;
  else {
    const byFilter = await runTaskFilters(
      spec,
      ctx,
      parts.map((p) => p.filter),
    );
    oversamplers.forEach((m, i) => (out[m] = byFilter[parts[i]!.filter]!.metrics));
  }
  if (wantDisc) out['ssgan-disc'] = discMetrics(out.ssgan!);
  return Object.fromEntries(job.methods.map((m) => [m, out[m]!]));
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
