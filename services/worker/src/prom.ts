import { createServer, type Server } from 'node:http';
import * as tf from '@tensorflow/tfjs-core';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { TaskMsg } from '@gansweep/contract';
import type { TaskEndOutcome, WorkerHooks } from './worker.ts';

/** Where a worker exposes `/metrics` unless told otherwise (`--metrics-listen`, '' disables). */
export const DEFAULT_WORKER_METRICS_LISTEN = '127.0.0.1:9465';

const OUTCOMES: TaskEndOutcome[] = ['done', 'failed', 'stopped', 'released'];

export interface WorkerMetricsOptions {
  /** Task slots of this process, exported as a gauge. @default 1 */
  slots?: number;
  registry?: Registry;
  /** Adds Node.js process metrics (CPU, memory, event-loop lag) under their standard names. @default true */
  defaultMetrics?: boolean;
  now?: () => number;
}

export interface WorkerMetrics {
  readonly registry: Registry;
  /** Pass as `WorkerOptions.hooks`. */
  readonly hooks: WorkerHooks;
  /** Records the compute backend once the worker has chosen it. */
  setBackend(backend: string): void;
  render(): Promise<string>;
}

/** Generator steps a progress report stands for: steps since the previous report of the same lease. */
function stepsSince(prev: number | undefined, step: number, checkpointEvery: number | undefined): number {
  if (prev !== undefined) return Math.max(0, step - prev);
  // First report of an attempt: a resumed task starts at its last checkpoint, a multiple of checkpointEvery.
  if (checkpointEvery && checkpointEvery > 0) return step - (Math.ceil(step / checkpointEvery) - 1) * checkpointEvery;
  return Math.max(0, step);
}

/**
 * Prometheus metrics of one worker process. Labels are bounded: outcome and backend only, nothing per task, trial or
 * step (those live on the coordinator, per sweep).
 */
export function createWorkerMetrics(options: WorkerMetricsOptions = {}): WorkerMetrics {
  const now = options.now ?? Date.now;
  const registry = options.registry ?? new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const r = [registry];
  const steps = new Counter({
    name: 'gansweep_worker_training_steps_total',
    help: 'Generator training steps completed by this worker (rate() gives steps per second).',
    registers: r,
  });
  const stepRate = new Gauge({
    name: 'gansweep_worker_training_steps_per_second',
    help: 'Training speed over the latest checkpoint interval, summed over the running tasks; 0 when idle.',
    registers: r,
  });
  const tasks = new Counter({
    name: 'gansweep_worker_tasks_total',
    help: 'Tasks ended on this worker by outcome: done, failed, stopped (pruned or lease revoked), released (handed back while draining).',
    labelNames: ['outcome'],
    registers: r,
  });
  const rejected = new Counter({
    name: 'gansweep_worker_results_rejected_total',
    help: 'Results the coordinator did not accept (stale lease: the task had been re-assigned).',
    registers: r,
  });
  const running = new Gauge({ name: 'gansweep_worker_tasks_running', help: 'Tasks running in this worker now.', registers: r });
  const slots = new Gauge({ name: 'gansweep_worker_slots', help: 'Task slots of this worker process.', registers: r });
  const duration = new Histogram({
    name: 'gansweep_worker_task_duration_seconds',
    help: 'Wall time of task attempts on this worker by outcome.',
    labelNames: ['outcome'],
    buckets: [1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200],
    registers: r,
  });
  const backendInfo = new Gauge({
    name: 'gansweep_worker_backend_info',
    help: 'The TensorFlow.js backend this worker trains on (gpu, node, wasm, cpu); always 1.',
    labelNames: ['backend'],
    registers: r,
  });
  // tf.memory() would make tfjs pick and initialise a backend itself, so it is read only once the worker chose one.
  let backendChosen = false;
  const memory = (): { numTensors: number; numBytes: number } | undefined => {
    try {
      return backendChosen ? tf.memory() : undefined;
    } catch {
      return undefined; // a scrape must not fail because tfjs has no usable backend
    }
  };
  new Gauge({
    name: 'gansweep_worker_tensors',
    help: 'Live TensorFlow.js tensors (tf.memory().numTensors); growth while idle means a leak.',
    registers: r,
    collect() {
      const m = memory();
      if (m) this.set(m.numTensors);
    },
  });
  new Gauge({
    name: 'gansweep_worker_tensor_bytes',
    help: 'Bytes held by live TensorFlow.js tensors (tf.memory().numBytes).',
    registers: r,
    collect() {
      const m = memory();
      if (m) this.set(m.numBytes);
    },
  });
  slots.set(options.slots ?? 1);
  running.set(0);
  stepRate.set(0);
  for (const o of OUTCOMES) tasks.inc({ outcome: o }, 0);

  /** Per running lease: last reported step, when it was reported, and the speed measured then. */
  const live = new Map<string, { step?: number; at: number; rate: number; checkpointEvery?: number }>();
  const updateRate = () => stepRate.set([...live.values()].reduce((a, l) => a + l.rate, 0));

  const hooks: WorkerHooks = {
    taskStarted(task: TaskMsg) {
      let checkpointEvery: number | undefined;
      try {
        const p = JSON.parse(task.paramsJson || '{}') as { checkpointEvery?: unknown };
        if (typeof p.checkpointEvery === 'number') checkpointEvery = p.checkpointEvery;
      } catch {
        // A malformed task fails in the worker with a clear message; metrics just count it.
      }
      live.set(task.leaseId, { at: now(), rate: 0, checkpointEvery });
      running.set(live.size);
    },
    progress(task: TaskMsg, step: number) {
      const l = live.get(task.leaseId);
      if (!l) return;
      const n = stepsSince(l.step, step, l.checkpointEvery);
      const t = now();
      if (n > 0) steps.inc(n);
      l.rate = t > l.at ? (n * 1000) / (t - l.at) : l.rate;
      l.step = step;
      l.at = t;
      updateRate();
    },
    taskEnded(task: TaskMsg, outcome: TaskEndOutcome, ms: number, accepted: boolean) {
      live.delete(task.leaseId);
      running.set(live.size);
      updateRate();
      tasks.inc({ outcome });
      duration.observe({ outcome }, ms / 1000);
      if (!accepted && outcome !== 'released') rejected.inc();
    },
  };
  return {
    registry,
    hooks,
    setBackend(backend: string) {
      backendChosen = true;
      backendInfo.reset();
      backendInfo.set({ backend }, 1);
    },
    render: () => registry.metrics(),
  };
}

/** Serves GET /metrics and GET /healthz on plain HTTP at HOST:PORT. */
export async function startWorkerMetricsServer(
  listen: string,
  metrics: WorkerMetrics,
): Promise<{ address: string; close(): Promise<void> }> {
  const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(listen);
  if (!m || Number(m[2]) > 65535) throw new Error(`--metrics-listen: expected HOST:PORT (e.g. 0.0.0.0:9465), got "${listen}"`);
  const host = m[1]!.replace(/^\[|\]$/g, '');
  const server: Server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (url === '/metrics') {
      metrics.render().then(
        (body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
        (e: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${(e as Error).message}\n`),
      );
    } else if (url === '/healthz') res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found; metrics are at /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) => reject(new Error(`cannot serve metrics on ${listen}: ${e.message}`, { cause: e })));
    server.listen(Number(m[2]), host, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : Number(m[2]);
  return { address: `${m[1]}:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
