/**
 * Sampling throughput benchmark: rows/s that `coordinator samples` turns into CSV, and whether memory stays flat in
 * the row count. A generator with the default architecture (latent 32, hidden [128, 128]) is trained for a few steps
 * on examples/data/demo.csv and put in a folder store; then each (path, N) runs in a fresh child process so its peak
 * RSS is its own:
 *
 * - `stream`: streamSamples (services/coordinator/src/samples.ts) into a file write stream, back-pressure honoured.
 * - `grpc`: a coordinator in the child (sweep driven to done by fake results naming the stored generator), the CLI's
 *   writeSamples (cli/samples-file.ts) pulling StreamSamples over loopback gRPC into a file: the `samples` command.
 *
 * A last child times the three stages of a chunk separately (sampler.sample, decodeMatrix, csvLine).
 *
 *   npm run bench:sampling -- [--out FILE] [--rows 100000,1000000] [--paths stream,grpc]
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildDataset, csvLine, decodeMatrix, encodeRows, fitEncoder, outputBlocks, readCsvFile, type EncoderSpec } from '@gansweep/data';
import { createGanTrainer, createSampler, initBackend, resolveGanOptions, type GeneratorCheckpoint } from '@gansweep/gan';
import { createArtifactStore } from '@gansweep/store';
import { createSweepClient } from '@gansweep/contract';
import { createLogger } from '@gansweep/log';
import { parseSweep } from '@gansweep/sweep';
import { startCoordinator } from '../services/coordinator/src/server.ts';
import { createMemoryJournal } from '../services/coordinator/src/journal.ts';
import { streamSamples } from '../services/coordinator/src/samples.ts';
import { writeSamples } from '../services/coordinator/src/cli/samples-file.ts';

const KEYS = { generatorKey: 'bench/generator.json', encoderKey: 'bench/encoder.json' };
const root = path.resolve(import.meta.dirname, '..');

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    rows: { type: 'string', default: '100000,1000000' },
    paths: { type: 'string', default: 'stream,grpc' },
    child: { type: 'string' },
    store: { type: 'string' },
    n: { type: 'string' },
    file: { type: 'string' },
  },
});

interface ChildResult {
  rows: number;
  seconds: number;
  rows_per_s: number;
  bytes: number;
  peak_rss_mb: number;
  /** RSS after start-up, before the first row (backend, generator, coordinator ready). */
  start_rss_mb: number;
  peak_heap_total_mb?: number;
  peak_heap_used_mb?: number;
  peak_external_mb?: number;
  stages?: Record<string, { ms: number; rows_per_s: number }>;
  /** CPU time (user + system) of the child over the timed part, and rows per CPU second: on a loaded machine the
   * closest figure to an idle core's throughput (the child is single-threaded apart from libuv's file writes). */
  cpu_s?: number;
  rows_per_cpu_s?: number;
}

const mb = (bytes: number) => Number((bytes / 2 ** 20).toFixed(1));

/** A sweep driven to done by fake results whose winner's final fit names the stored generator (for GetBest). */
async function coordinatorWithSweep(storeDir: string): Promise<{ address: string; sweepId: string; close: () => Promise<void> }> {
  const store = await createArtifactStore(storeDir);
  const c = await startCoordinator({
    listen: '127.0.0.1:0',
    store,
    storeUrl: storeDir,
    journal: createMemoryJournal(),
    log: createLogger({ level: 'warn' }),
  });
  const spec = parseSweep(
    JSON.stringify({
      name: 'bench-sampling',
      dataset: { path: 'demo.csv', label: 'class', minority: 'B' },
      search: { trials: 1 },
      space: { variant: 'gan-min' },
      baselines: ['none'],
    }),
  );
  const sweep = c.scheduler.createSweep({
    sweepId: 'bench',
    spec,
    datasetKey: 'unused',
    datasetSummary: 'demo',
    nFolds: 2,
    rows: 1200,
    minorityRows: 120,
  });
  for (let g = c.scheduler.lease('bench'); g; g = c.scheduler.lease('bench')) {
    const gan = !g.trial.baseline && g.task.kind === 'final';
    c.scheduler.result(g.task.leaseId!, {
      ok: true,
      metrics: { f1: g.trial.baseline ? 0.5 : 0.6 },
      bestStep: 1,
      curve: [],
      ...(gan ? KEYS : {}),
    });
  }
  if (sweep.state !== 'done') throw new Error(`bench sweep ended ${sweep.state}`);
  return { address: c.address, sweepId: sweep.sweepId, close: async () => (await c.close(), await store.close()) };
}

/** One measurement in this (fresh) process. */
async function runChild(mode: 'stream' | 'grpc' | 'stages', storeDir: string, n: number, file: string): Promise<ChildResult> {
  await initBackend((process.env.GANSWEEP_BACKEND as 'auto' | undefined) ?? 'auto');
  const store = await createArtifactStore(storeDir);
  if (mode === 'stages') {
    const sampler = createSampler(JSON.parse((await store.get(KEYS.generatorKey)).toString('utf8')) as GeneratorCheckpoint);
    const enc = JSON.parse((await store.get(KEYS.encoderKey)).toString('utf8')) as EncoderSpec;
    const t = { sample: 0, decode: 0, csv: 0 };
    let bytes = 0;
    const t0 = performance.now();
    for (let done = 0, chunk = 0; done < n; chunk++) {
      const k = Math.min(8192, n - done);
      const a = performance.now();
      const m = sampler.sample(k, chunk);
      const b = performance.now();
      const rows = decodeMatrix(enc, m);
      const c = performance.now();
      let csv = '';
      for (const r of rows) csv += csvLine(r);
      t.sample += b - a;
      t.decode += c - b;
      t.csv += performance.now() - c;
      bytes += csv.length;
      done += k;
    }
    const seconds = (performance.now() - t0) / 1000;
    sampler.dispose();
    const stages = Object.fromEntries(
      Object.entries(t).map(([k, ms]) => [k, { ms: Math.round(ms), rows_per_s: Math.round((n / ms) * 1000) }]),
    );
    return {
      rows: n,
      seconds,
      rows_per_s: n / seconds,
      bytes,
      peak_rss_mb: mb(process.resourceUsage().maxRSS * 1024),
      start_rss_mb: 0,
      stages,
    };
  }
  let start = 0;
  let startRss = 0;
  let cpu0 = process.cpuUsage();
  // Where memory sits when RSS grows: V8 heap vs buffers outside it (gRPC frames, file chunks).
  const peak = { heapTotal: 0, heapUsed: 0, external: 0 };
  const probe = setInterval(() => {
    const m = process.memoryUsage();
    peak.heapTotal = Math.max(peak.heapTotal, m.heapTotal);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.external = Math.max(peak.external, m.external);
  }, 100);
  if (mode === 'stream') {
    const out = createWriteStream(file);
    startRss = process.memoryUsage().rss;
    start = performance.now();
    cpu0 = process.cpuUsage();
    await streamSamples(store, KEYS, n, 0, async (chunk) => {
      const text = (chunk.header.length > 0 ? csvLine(chunk.header) : '') + chunk.csv;
      if (!out.write(text)) await once(out, 'drain');
    });
    out.end();
    await once(out, 'finish');
  } else {
    const c = await coordinatorWithSweep(storeDir);
    const client = createSweepClient(c.address);
    startRss = process.memoryUsage().rss;
    start = performance.now();
    cpu0 = process.cpuUsage();
    const written = await writeSamples(client, c.address, c.sweepId, n, 0, file);
    if (written !== n) throw new Error(`writeSamples wrote ${written} rows, asked ${n}`);
    client.close();
    await c.close();
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  clearInterval(probe);
  await store.close();
  return {
    rows: n,
    seconds: Number(seconds.toFixed(3)),
    rows_per_s: Math.round(n / seconds),
    bytes: statSync(file).size,
    peak_rss_mb: mb(process.resourceUsage().maxRSS * 1024),
    start_rss_mb: mb(startRss),
    peak_heap_total_mb: mb(peak.heapTotal),
    peak_heap_used_mb: mb(peak.heapUsed),
    peak_external_mb: mb(peak.external),
    cpu_s: Number(cpuS.toFixed(3)),
    rows_per_cpu_s: Math.round(n / cpuS),
  };
}

if (values.child) {
  const r = await runChild(values.child as 'stream' | 'grpc' | 'stages', values.store!, Number(values.n), values.file!);
  process.stdout.write(JSON.stringify(r) + '\n');
  process.exit(0);
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** Runs one measurement in a fresh process (tsx loader) and parses its JSON line. */
function child(mode: string, storeDir: string, n: number, file: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'sampling.ts'),
        '--child',
        mode,
        '--store',
        storeDir,
        '--n',
        String(n),
        '--file',
        file,
      ],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${mode} N=${n}: child exited with code ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult);
    });
  });
}

const work = mkdtempSync(path.join(os.tmpdir(), 'gansweep-bench-sampling-'));
const storeDir = path.join(work, 'store');
const backend = await initBackend((process.env.GANSWEEP_BACKEND as 'auto' | undefined) ?? 'auto');

// A real generator of the default size; a few steps are enough, throughput does not depend on its quality.
const csv = path.join(root, 'examples/data/demo.csv');
const ds = buildDataset(await readCsvFile(csv), { label: 'class', minority: 'B' }, csv);
const all = ds.y.map((_, i) => i);
const enc = fitEncoder(ds, all);
const trainer = createGanTrainer(
  { X: encodeRows(enc, ds.rows), y: ds.y, blocks: outputBlocks(enc) },
  resolveGanOptions({ variant: 'gan-min', seed: 1 }),
);
trainer.train(20);
const store = await createArtifactStore(storeDir);
await store.put(KEYS.generatorKey, JSON.stringify(trainer.exportGenerator()));
await store.put(KEYS.encoderKey, JSON.stringify(enc));
trainer.dispose();
await store.close();

const rowsList = values.rows.split(',').map(Number);
const paths = values.paths.split(',');
const runs: (ChildResult & { path: string })[] = [];
for (const p of paths) {
  for (const n of rowsList) {
    const r = await child(p, storeDir, n, path.join(work, `${p}-${n}.csv`));
    process.stderr.write(`${p} N=${n}: ${Math.round(r.rows_per_s)} rows/s (${r.rows_per_cpu_s} per CPU s), peak RSS ${r.peak_rss_mb} MB\n`);
    runs.push({ ...r, path: p });
  }
}
const stages = await child('stages', storeDir, 200_000, path.join(work, 'unused.csv'));

const rssFlat = Object.fromEntries(
  paths.map((p) => {
    const rs = runs.filter((r) => r.path === p).sort((a, b) => a.rows - b.rows);
    return [p, Number((rs.at(-1)!.peak_rss_mb - rs[0]!.peak_rss_mb).toFixed(1))];
  }),
);
const result = {
  bench: 'sampling',
  commit: commit(),
  node: process.version,
  backend: backend.backend,
  generator: { latentDim: 32, hidden: [128, 128], features: enc.width, columns: enc.columns.length },
  target_rows_per_s: 200_000,
  runs,
  rss_growth_mb_smallest_to_largest_n: rssFlat,
  stages_200k_rows: stages.stages,
};
rmSync(work, { recursive: true, force: true });
const text = JSON.stringify(result, null, 2);
process.stdout.write(text + '\n');
if (values.out) writeFileSync(values.out, text + '\n');
