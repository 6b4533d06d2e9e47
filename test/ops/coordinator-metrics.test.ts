import { describe, expect, it } from 'vitest';
import { parseSweep } from '@gansweep/sweep';
import { createLogger } from '@gansweep/log';
import { Scheduler, type ResultInput } from '../../services/coordinator/src/scheduler.ts';
import { createMemoryJournal } from '../../services/coordinator/src/journal.ts';
import { createCoordinatorMetrics, startMetricsServer } from '../../services/coordinator/src/prom.ts';

const log = createLogger({ level: 'silent' });
const ok = (f1: number): ResultInput => ({ ok: true, metrics: { f1 }, bestStep: 0, curve: [] });
const fail: ResultInput = { ok: false, error: 'boom', metrics: {}, bestStep: 0, curve: [] };

function setup() {
  let now = 1_000_000;
  const s = new Scheduler({ journal: createMemoryJournal(), log, leaseTimeoutMs: 1000, now: () => now });
  const spec = parseSweep(
    JSON.stringify({
      name: 's',
      dataset: { path: 'x.csv', label: 'y', minority: '1' },
      validation: { folds: 2 },
      search: { method: 'random', trials: 2, maxConcurrent: 2, maxAttempts: 3 },
      space: { variant: ['gan-min'], steps: 100, checkpointEvery: 25 },
      baselines: ['none'],
    }),
  );
  const metrics = createCoordinatorMetrics({ scheduler: s, heartbeatIntervalMs: 5000, defaultMetrics: false, now: () => now });
  s.createSweep({ sweepId: 'sw', spec, datasetKey: 'k', datasetSummary: 'd', nFolds: 2, rows: 100, minorityRows: 10 });
  return { s, metrics, advance: (ms: number) => (now += ms) };
}

/** The value of one series in Prometheus text format, or undefined when it is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-z0-9_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v) && Object.keys(got).length === Object.keys(labels).length)
      return Number(m[3]);
  }
  return undefined;
}

describe('coordinator Prometheus metrics', () => {
  it('reports trials and tasks by state, queue depth and the best validation F1 of a sweep', async () => {
    const { s, metrics } = setup();
    let text = await metrics.render();
    expect(sample(text, 'gansweep_trials', { sweep: 'sw', state: 'queued' })).toBe(3);
    expect(sample(text, 'gansweep_queue_depth', { state: 'queued' })).toBe(6);
    const scores: Record<string, number> = { 'b-none': 0.5, t001: 0.7, t002: 0.6 };
    const g = s.lease('w')!;
    text = await metrics.render();
    expect(sample(text, 'gansweep_queue_depth', { state: 'running' })).toBe(1);
    s.result(g.task.leaseId!, ok(scores[g.trial.trialId]!));
    for (let l = s.lease('w'); l; l = s.lease('w')) s.result(l.task.leaseId!, ok(l.task.kind === 'final' ? 0.1 : scores[l.trial.trialId]!));
    text = await metrics.render();
    expect(sample(text, 'gansweep_sweeps', { state: 'done' })).toBe(1);
    expect(sample(text, 'gansweep_best_val_f1', { sweep: 'sw' })).toBeCloseTo(0.7, 12);
    expect(sample(text, 'gansweep_best_baseline_val_f1', { sweep: 'sw' })).toBeCloseTo(0.5, 12);
    expect(sample(text, 'gansweep_trial_val_f1', { sweep: 'sw', trial: 't002', method: 'gan-min' })).toBeCloseTo(0.6, 12);
    expect(sample(text, 'gansweep_trials', { sweep: 'sw', state: 'done' })).toBe(3);
    expect(sample(text, 'gansweep_queue_depth', { state: 'queued' })).toBe(0);
  });

  it('drops per-sweep series an hour after the sweep ended but keeps the sweep totals', async () => {
    const { s, metrics, advance } = setup();
    for (let l = s.lease('w'); l; l = s.lease('w')) s.result(l.task.leaseId!, ok(0.5));
    advance(3_599_000);
    let text = await metrics.render();
    expect(sample(text, 'gansweep_trials', { sweep: 'sw', state: 'done' })).toBe(3);
    advance(2_000);
    text = await metrics.render();
    expect(text).not.toContain('sweep="sw"');
    expect(sample(text, 'gansweep_sweeps', { state: 'done' })).toBe(1);
  });

  it('counts a worker as connected when seen within 3 heartbeat intervals, and quarantined ones apart', async () => {
    const { s, metrics, advance } = setup();
    s.registerWorker({ hostname: 'a', backend: 'gpu', slots: 2 });
    const b = s.registerWorker({ hostname: 'b', backend: 'gpu', slots: 1 }).workerId;
    for (let i = 0; i < 3; i++) s.result(s.lease(b)!.task.leaseId!, fail);
    advance(14_000);
    s.lease(b); // a quarantined worker keeps asking, so it stays "seen"
    let text = await metrics.render();
    expect([
      sample(text, 'gansweep_workers_connected'),
      sample(text, 'gansweep_workers_quarantined'),
      sample(text, 'gansweep_workers_connected_slots'),
    ]).toEqual([1, 1, 2]);
    advance(2_000); // a: 16 s since last seen > 3 x 5 s
    text = await metrics.render();
    expect([sample(text, 'gansweep_workers_connected'), sample(text, 'gansweep_workers_quarantined')]).toEqual([0, 1]);
  });

  it('observes each finished attempt once in the duration histogram, failed attempts included', async () => {
    const { s, metrics, advance } = setup();
    const first = s.lease('w')!;
    advance(2_000);
    s.result(first.task.leaseId!, fail);
    const retry = s.lease('w')!;
    expect(retry.task.taskId).toBe(first.task.taskId);
    advance(5_000);
    s.result(retry.task.leaseId!, ok(0.4));
    await metrics.render();
    const text = await metrics.render();
    expect(sample(text, 'gansweep_task_duration_seconds_count', { kind: 'fold', outcome: 'failed' })).toBe(1);
    expect(sample(text, 'gansweep_task_duration_seconds_sum', { kind: 'fold', outcome: 'failed' })).toBe(2);
    expect(sample(text, 'gansweep_task_duration_seconds_count', { kind: 'fold', outcome: 'done' })).toBe(1);
    expect(sample(text, 'gansweep_task_duration_seconds_sum', { kind: 'fold', outcome: 'done' })).toBe(5);
    expect(sample(text, 'gansweep_task_retries_total')).toBe(1);
  });

  it('counts lease expirations and fenced stale results from the scheduler', async () => {
    const { s, metrics, advance } = setup();
    const g = s.lease('w')!;
    advance(1_500);
    expect(s.expireLeases()).toBe(1);
    s.result(g.task.leaseId!, ok(0.9));
    const text = await metrics.render();
    expect(sample(text, 'gansweep_lease_expirations_total')).toBe(1);
    expect(sample(text, 'gansweep_stale_results_total')).toBe(1);
    const last = sample(text, 'gansweep_sweep_last_task_finished_timestamp_seconds', { sweep: 'sw' });
    expect(last).toBe(1_000); // created at 1 000 000 ms; no task has finished yet
  });

  it('serves the metrics over HTTP at /metrics and answers 404 elsewhere', async () => {
    const { metrics } = setup();
    const server = await startMetricsServer('127.0.0.1:0', metrics.render, metrics.registry.contentType);
    try {
      const res = await fetch(`http://${server.address}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      const body = await res.text();
      expect(body).toContain('# HELP gansweep_queue_depth ');
      expect(sample(body, 'gansweep_trials', { sweep: 'sw', state: 'queued' })).toBe(3);
      expect((await fetch(`http://${server.address}/nope`)).status).toBe(404);
    } finally {
      await server.close();
    }
    await expect(startMetricsServer('nonsense', metrics.render, 'text/plain')).rejects.toThrow(/--metrics-listen: expected HOST:PORT/);
  });
});
