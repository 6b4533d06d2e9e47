/**
 * Scheduler overhead benchmark: N sleep trials of T ms on W worker processes × S slots, over real gRPC and a real
 * nats-server (workers publish every progress step to JetStream), coordinator in this process with a memory journal
 * and a folder store. The ratio wall / ideal (N·T / (W·S)) is the price of leasing, reporting and bookkeeping.
 *
 *   npm run bench:scheduler -- [--out FILE] [--trials 2000] [--sleep-ms 200] [--workers 4] [--slots 4]
 *                              [--max-concurrent 64] [--no-nats]
 *
 * Not a test: it prints one JSON object (and writes it to --out) and exits 0 whether or not the target is met.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createArtifactStore } from '@gansweep/store';
import { createLogger } from '@gansweep/log';
import { parseSweep } from '@gansweep/sweep';
import { startCoordinator } from '../services/coordinator/src/server.ts';
import { createMemoryJournal } from '../services/coordinator/src/journal.ts';
import { startNatsServer, type NatsServerHandle } from '../test/support/index.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    trials: { type: 'string', default: '2000' },
    'sleep-ms': { type: 'string', default: '200' },
    workers: { type: 'string', default: '4' },
    slots: { type: 'string', default: '4' },
    'max-concurrent': { type: 'string', default: '64' },
    'no-nats': { type: 'boolean', default: false },
  },
});
const trials = Number(values.trials);
const sleepMs = Number(values['sleep-ms']);
const nWorkers = Number(values.workers);
const slots = Number(values.slots);
const maxConcurrent = Number(values['max-concurrent']);
const root = path.resolve(import.meta.dirname, '..');
const WORKER_BIN = path.join(root, 'services/worker/bin/worker.js');

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

const storeDir = mkdtempSync(path.join(os.tmpdir(), 'gansweep-bench-sched-'));
const nats: NatsServerHandle | undefined = values['no-nats'] ? undefined : await startNatsServer();
const store = await createArtifactStore(storeDir);
const coordinator = await startCoordinator({
  listen: '127.0.0.1:0',
  store,
  storeUrl: storeDir,
  busUrl: nats?.url,
  journal: createMemoryJournal(),
  log: createLogger({ level: 'warn' }),
});
const { scheduler } = coordinator;

const spec = parseSweep(
  JSON.stringify({
    name: 'bench-scheduler',
    dataset: { path: 'unused.csv', label: 'class', minority: 'B' },
    search: { method: 'random', trials, maxConcurrent },
    space: { variant: 'gan-min' },
    baselines: [],
  }),
  'bench/scheduler.ts',
);

// Workers start (tsx + tfjs backend init take seconds) before the clock starts: the bench measures scheduling, not
// process start-up. They register, find no sweep and poll until the sweep appears.
const workers: ChildProcess[] = [];
for (let i = 0; i < nWorkers; i++) {
  const child = spawn(
    process.execPath,
    [WORKER_BIN, '--coordinator', coordinator.address, '--slots', String(slots), '--name', `bench-${i}`, '--backend', 'cpu'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      // Several workers on one host would clash on the default Prometheus port; the bench does not scrape them.
      env: { ...process.env, GANSWEEP_LOG_LEVEL: 'warn', GANSWEEP_METRICS_LISTEN: '' },
    },
  );
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[worker ${i}] ${d}`));
  workers.push(child);
}
const t0wait = Date.now();
while (scheduler.workers.size < nWorkers) {
  if (Date.now() - t0wait > 60_000) throw new Error(`only ${scheduler.workers.size}/${nWorkers} workers registered within 60 s`);
  await new Promise((r) => setTimeout(r, 50));
}
// Give every slot loop time to reach its first (empty) lease poll.
await new Promise((r) => setTimeout(r, 1000));

// Timestamps of every worker call as the scheduler sees it, per task, to split the overhead (bench-side wrapping of
// the instance's methods; the handlers call them synchronously, so the cost is a Map lookup per call).
const seen = new Map<string, { lease: number; progress: number[]; result?: number }>();
const byLeaseId = new Map<string, string>();
const origLease = scheduler.lease.bind(scheduler);
const origProgress = scheduler.progress.bind(scheduler);
const origResult = scheduler.result.bind(scheduler);
scheduler.lease = (workerId) => {
  const g = origLease(workerId);
  if (g) {
    seen.set(g.task.taskId, { lease: performance.now(), progress: [] });
    byLeaseId.set(g.task.leaseId!, g.task.taskId);
  }
  return g;
};
scheduler.progress = (leaseId, step, metrics) => {
  seen.get(byLeaseId.get(leaseId) ?? '')?.progress.push(performance.now());
  return origProgress(leaseId, step, metrics);
};
scheduler.result = (leaseId, r) => {
  const s = seen.get(byLeaseId.get(leaseId) ?? '');
  if (s) s.result = performance.now();
  return origResult(leaseId, r);
};

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const sweep = scheduler.createSweep({
  sweepId: 'bench',
  spec,
  datasetKey: 'sweeps/bench/dataset.json',
  datasetSummary: 'none (sleep tasks)',
  nFolds: 1,
  rows: 0,
  minorityRows: 0,
  sleepMs,
});
await new Promise<void>((resolve) => {
  const check = () => {
    if (sweep.state === 'done' || sweep.state === 'failed' || sweep.state === 'cancelled') {
      unsubscribe();
      resolve();
    }
  };
  const unsubscribe = scheduler.subscribe(check);
  check();
});
const wallS = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);

const tasks = [...sweep.tasks.values()];
const durations = tasks.filter((t) => t.startedAt !== undefined && t.finishedAt !== undefined).map((t) => t.finishedAt! - t.startedAt!);
durations.sort((a, b) => a - b);
const q = (p: number) => durations[Math.min(durations.length - 1, Math.floor(p * durations.length))] ?? NaN;
const idealS = (trials * sleepMs) / 1000 / (nWorkers * slots);
const slice = sleepMs / 4;
const avg = (xs: number[]) => Number((xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)).toFixed(2));
const rec = [...seen.values()].filter((r) => r.result !== undefined && r.progress.length === 4);
const busyMs = rec.reduce((a, r) => a + (r.result! - r.lease), 0);
/** Where a task's time goes beyond its sleep, as seen from the coordinator (ms per task). */
const breakdown = {
  lease_to_first_progress_minus_slice: avg(rec.map((r) => r.progress[0]! - r.lease - slice)),
  between_progress_minus_slice: avg(rec.flatMap((r) => [1, 2, 3].map((i) => r.progress[i]! - r.progress[i - 1]! - slice))),
  last_progress_to_result: avg(rec.map((r) => r.result! - r.progress[3]!)),
  leased_ms_per_task: avg(rec.map((r) => r.result! - r.lease)),
  /** Slot time not covered by any lease (result -> next lease round trips, idle polls at start and end), per task. */
  slot_idle_per_task: Number(((wallS * 1000 * nWorkers * slots - busyMs) / Math.max(1, rec.length)).toFixed(2)),
};

for (const w of workers) w.kill('SIGTERM');
await Promise.all(
  workers.map(
    (w) =>
      new Promise<void>((resolve) => {
        if (w.exitCode !== null) return resolve();
        const t = setTimeout(() => w.kill('SIGKILL'), 5000);
        w.on('exit', () => {
          clearTimeout(t);
          resolve();
        });
      }),
  ),
);

const result = {
  bench: 'scheduler',
  commit: commit(),
  node: process.version,
  cpus: os.availableParallelism(),
  trials,
  sleep_ms: sleepMs,
  worker_processes: nWorkers,
  slots_per_worker: slots,
  max_concurrent: maxConcurrent,
  bus: nats ? 'nats' : 'grpc-only',
  state: sweep.state,
  tasks_done: tasks.filter((t) => t.state === 'done').length,
  attempts: tasks.reduce((a, t) => a + t.attempts, 0),
  wall_s: Number(wallS.toFixed(3)),
  ideal_s: idealS,
  ratio: Number((wallS / idealS).toFixed(4)),
  task_ms: { p50: q(0.5), p90: q(0.9), p99: q(0.99), max: durations.at(-1) ?? NaN },
  overhead_ms_per_task: breakdown,
  coordinator_cpu_s: Number(((cpu.user + cpu.system) / 1e6).toFixed(3)),
  coordinator_peak_rss_mb: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
  counters: { ...scheduler.counters },
};

await coordinator.close();
await store.close();
await nats?.cleanup();
rmSync(storeDir, { recursive: true, force: true });
const text = JSON.stringify(result, null, 2);
process.stdout.write(text + '\n');
if (values.out) writeFileSync(values.out, text + '\n');
process.exit(0);
