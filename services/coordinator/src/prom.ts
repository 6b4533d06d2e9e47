import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SweepRecord, SweepStateName, TaskStateName, TrialStateName } from './model.ts';
import type { Scheduler } from './scheduler.ts';

/** Where `coordinator serve` exposes `/metrics` unless told otherwise (`--metrics-listen`, '' disables). */
export const DEFAULT_COORDINATOR_METRICS_LISTEN = '127.0.0.1:9464';

const SWEEP_STATES: SweepStateName[] = ['running', 'finalizing', 'done', 'failed', 'cancelled'];
const TRIAL_STATES: TrialStateName[] = ['queued', 'running', 'done', 'failed', 'pruned', 'cancelled'];
const TASK_STATES: TaskStateName[] = ['queued', 'leased', 'done', 'failed', 'pruned', 'cancelled'];
/** Task durations range from seconds (baselines) to hours (long GAN trials on a slow backend). */
const DURATION_BUCKETS = [1, 2, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400];

export interface CoordinatorMetricsOptions {
  scheduler: Scheduler;
  /** The heartbeat interval handed to workers; a worker seen within 3 of them counts as connected. @default 5000 */
  heartbeatIntervalMs?: number;
  /** Per-sweep series are kept this long after a sweep ends, then dropped to bound label cardinality. @default 3600000 */
  retainFinishedMs?: number;
  /** Registry to fill; a fresh one by default. */
  registry?: Registry;
  /** Adds Node.js process metrics (CPU, memory, event-loop lag) under their standard names. @default true */
  defaultMetrics?: boolean;
  now?: () => number;
}

export interface CoordinatorMetrics {
  readonly registry: Registry;
  /** Refreshes the gauges from the scheduler and renders the Prometheus text format. */
  render(): Promise<string>;
  /** Stops following the scheduler. */
  close(): void;
}

function meanOf(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Mean validation F1 over a trial's folds: final for done trials, else the latest inner-validation checkpoint score. */
function trialF1(sweep: SweepRecord, taskIds: string[], done: boolean): number | undefined {
  const values: number[] = [];
  for (const id of taskIds) {
    const t = sweep.tasks.get(id);
    const v = done ? t?.metrics?.f1 : t?.lastMetrics?.val_f1;
    if (typeof v === 'number' && Number.isFinite(v)) values.push(v);
  }
  if (values.length === 0 || (done && values.length < taskIds.length)) return undefined;
  return meanOf(values);
}

/**
 * Prometheus metrics of a coordinator, computed from the scheduler's state at scrape time (gauges) and from its change
 * notifications (the task-duration histogram), so the scheduler itself carries no metrics code beyond three counters.
 */
export function createCoordinatorMetrics(options: CoordinatorMetricsOptions): CoordinatorMetrics {
  const { scheduler } = options;
  const now = options.now ?? Date.now;
  const heartbeatMs = options.heartbeatIntervalMs ?? 5000;
  const retainMs = options.retainFinishedMs ?? 3_600_000;
  const registry = options.registry ?? new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const r = [registry];

  const trials = new Gauge({
    name: 'gansweep_trials',
    help: 'Trials per sweep by state (queued, running, done, failed, pruned, cancelled); sweeps ended more than an hour ago are dropped.',
    labelNames: ['sweep', 'state'],
    registers: r,
  });
  const tasks = new Gauge({
    name: 'gansweep_tasks',
    help: 'Tasks (a trial on one fold, or a final fit) per sweep by state; sweeps ended more than an hour ago are dropped.',
    labelNames: ['sweep', 'state'],
    registers: r,
  });
  const queue = new Gauge({
    name: 'gansweep_queue_depth',
    help: 'Tasks of active sweeps waiting for a worker (state="queued") or leased to one (state="running").',
    labelNames: ['state'],
    registers: r,
  });
  const connected = new Gauge({
    name: 'gansweep_workers_connected',
    help: 'Workers seen within 3 heartbeat intervals and not quarantined.',
    registers: r,
  });
  const quarantined = new Gauge({
    name: 'gansweep_workers_quarantined',
    help: 'Workers seen within 3 heartbeat intervals that get no tasks because their last tasks all failed.',
    registers: r,
  });
  const slots = new Gauge({
    name: 'gansweep_workers_connected_slots',
    help: 'Task slots of the connected (not quarantined) workers.',
    registers: r,
  });
  const sweeps = new Gauge({
    name: 'gansweep_sweeps',
    help: 'Sweeps known to the coordinator by state (all of them, including old ones).',
    labelNames: ['state'],
    registers: r,
  });
  const bestF1 = new Gauge({
    name: 'gansweep_best_val_f1',
    help: 'Best mean validation F1 over the folds of the finished trials of a sweep (GAN or baseline).',
    labelNames: ['sweep'],
    registers: r,
  });
  const bestBaselineF1 = new Gauge({
    name: 'gansweep_best_baseline_val_f1',
    help: 'Best mean validation F1 among the finished baseline trials of a sweep.',
    labelNames: ['sweep'],
    registers: r,
  });
  const trialF1Gauge = new Gauge({
    name: 'gansweep_trial_val_f1',
    help: 'Per trial of a live sweep: mean over folds of the latest checkpoint inner-validation F1 while running, of the fold validation F1 once done.',
    labelNames: ['sweep', 'trial', 'method'],
    registers: r,
  });
  const lastFinish = new Gauge({
    name: 'gansweep_sweep_last_task_finished_timestamp_seconds',
    help: 'When a task of the sweep last finished (its creation time before the first one); for stall alerts.',
    labelNames: ['sweep'],
    registers: r,
  });
  const expirations = new Counter({
    name: 'gansweep_lease_expirations_total',
    help: 'Leases taken back because their worker stopped heartbeating; the task is re-queued.',
    registers: r,
  });
  const retries = new Counter({
    name: 'gansweep_task_retries_total',
    help: 'Leases granted for a task that had been attempted before (a retry after a failure or expiry).',
    registers: r,
  });
  const stale = new Counter({
    name: 'gansweep_stale_results_total',
    help: 'Results discarded because they came from a lease that was no longer current (fenced off).',
    registers: r,
  });
  const duration = new Histogram({
    name: 'gansweep_task_duration_seconds',
    help: 'Wall time of one task attempt from lease to result, by task kind (fold, final, sleep) and outcome (done, failed).',
    labelNames: ['kind', 'outcome'],
    buckets: DURATION_BUCKETS,
    registers: r,
  });

  // Every finished attempt is observed once: finishedAt changes on each task_finished event, and the notification
  // arrives synchronously after the event is applied, before the task can be leased again.
  const seen = new Map<string, number>();
  const key = (sweepId: string, taskId: string) => `${sweepId}\u0000${taskId}`;
  for (const s of scheduler.sweeps.values())
    for (const t of s.tasks.values()) if (t.finishedAt !== undefined) seen.set(key(s.sweepId, t.taskId), t.finishedAt);
  const unsubscribe = scheduler.subscribe((sweepId) => {
    const sweep = scheduler.sweeps.get(sweepId);
    if (!sweep) return;
    for (const t of sweep.tasks.values()) {
      if (t.finishedAt === undefined || t.startedAt === undefined) continue;
      const k = key(sweepId, t.taskId);
      if (seen.get(k) === t.finishedAt) continue;
      seen.set(k, t.finishedAt);
      duration.observe({ kind: t.kind, outcome: t.state === 'done' ? 'done' : 'failed' }, Math.max(0, (t.finishedAt - t.startedAt) / 1000));
    }
  });

  const setCounter = (c: Counter, value: number) => {
    c.reset();
    c.inc(value);
  };

  const refresh = () => {
    const t = now();
    for (const g of [trials, tasks, bestF1, bestBaselineF1, trialF1Gauge, lastFinish]) g.reset();
    const sweepCount = new Map<string, number>(SWEEP_STATES.map((s) => [s, 0]));
    let queued = 0;
    let running = 0;
    for (const s of scheduler.sweeps.values()) {
      sweepCount.set(s.state, (sweepCount.get(s.state) ?? 0) + 1);
      const active = s.state === 'running' || s.state === 'finalizing';
      if (active) {
        for (const task of s.tasks.values()) {
          if (task.state === 'queued') queued++;
          else if (task.state === 'leased') running++;
        }
      }
      if (!active && (s.finishedAt ?? 0) < t - retainMs) continue;
      const sweep = s.sweepId;
      const trialCount = new Map<string, number>(TRIAL_STATES.map((x) => [x, 0]));
      let best: number | undefined;
      let bestBase: number | undefined;
      for (const tr of s.trials.values()) {
        trialCount.set(tr.state, (trialCount.get(tr.state) ?? 0) + 1);
        const f1 = trialF1(s, tr.taskIds, tr.state === 'done');
        if (f1 === undefined) continue;
        trialF1Gauge.set({ sweep, trial: tr.trialId, method: tr.method }, f1);
        if (tr.state !== 'done') continue;
        if (best === undefined || f1 > best) best = f1;
        if (tr.baseline && (bestBase === undefined || f1 > bestBase)) bestBase = f1;
      }
      for (const [state, n] of trialCount) trials.set({ sweep, state }, n);
      const taskCount = new Map<string, number>(TASK_STATES.map((x) => [x, 0]));
      let last = s.createdAt;
      for (const task of s.tasks.values()) {
        taskCount.set(task.state, (taskCount.get(task.state) ?? 0) + 1);
        if (task.finishedAt !== undefined && task.finishedAt > last) last = task.finishedAt;
      }
      for (const [state, n] of taskCount) tasks.set({ sweep, state }, n);
      lastFinish.set({ sweep }, last / 1000);
      if (best !== undefined) bestF1.set({ sweep }, best);
      if (bestBase !== undefined) bestBaselineF1.set({ sweep }, bestBase);
    }
    for (const [state, n] of sweepCount) sweeps.set({ state }, n);
    queue.set({ state: 'queued' }, queued);
    queue.set({ state: 'running' }, running);

    let nConnected = 0;
    let nQuarantined = 0;
    let nSlots = 0;
    for (const w of scheduler.workers.values()) {
      if (t - w.lastSeen > 3 * heartbeatMs) continue;
      if (w.quarantined) nQuarantined++;
      else {
        nConnected++;
        nSlots += w.slots;
      }
    }
    connected.set(nConnected);
    quarantined.set(nQuarantined);
    slots.set(nSlots);
    setCounter(expirations, scheduler.counters.leaseExpirations);
    setCounter(retries, scheduler.counters.retries);
    setCounter(stale, scheduler.counters.staleResults);
  };

  return {
    registry,
    render: async () => {
      refresh();
      return registry.metrics();
    },
    close: () => {
      unsubscribe();
    },
  };
}

export interface MetricsServer {
  /** host:port actually bound (port 0 resolved). */
  readonly address: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Splits HOST:PORT (or [v6]:PORT); throws a message naming the flag when it is malformed. */
export function parseListen(listen: string, what = '--metrics-listen'): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(listen);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port > 65535) throw new Error(`${what}: expected HOST:PORT (e.g. 0.0.0.0:9464), got "${listen}"`);
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
}

/** Serves GET /metrics (Prometheus text format) and GET /healthz on a plain HTTP listener. */
export async function startMetricsServer(listen: string, render: () => Promise<string>, contentType: string): Promise<MetricsServer> {
  const { host, port } = parseListen(listen);
  const server: Server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
    } else if (url === '/metrics') {
      render().then(
        (body) => res.writeHead(200, { 'content-type': contentType }).end(body),
        (e: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${(e as Error).message}\n`),
      );
    } else if (url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found; metrics are at /metrics\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) => reject(new Error(`cannot serve metrics on ${listen}: ${e.message}`, { cause: e })));
    server.listen(port, host, () => resolve());
  });
  const addr = server.address();
  const bound = typeof addr === 'object' && addr ? addr.port : port;
  return {
    address: `${host.includes(':') ? `[${host}]` : host}:${bound}`,
    port: bound,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
