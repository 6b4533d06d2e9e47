import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSweepClient, unary, type SweepMsg, type SubmitSweepResponseMsg, type SweepServiceClient } from '@gansweep/contract';
import { COORDINATOR_BIN, ROOT, WORKER_BIN } from '../support/cli.ts';
import { startProc, until, type Proc } from '../support/cluster.ts';
import { freePort, waitForPort } from '../support/free-port.ts';
import { alertRules, metricNames, panelQueries, substitute } from './deploy-files.ts';
import { assertPrometheusInstalled, deployedConfigWithTargets, startPrometheus, type PrometheusHandle } from './prometheus-server.ts';

/** A sweep small enough to finish in seconds on two wasm workers: 2 GAN trials + 1 baseline, 2 folds. */
const SWEEP = {
  name: 'ops',
  dataset: { path: 'demo.csv', label: 'class', minority: 'B' },
  validation: { folds: 2, testFraction: 0.2, seed: 5 },
  search: { method: 'random', trials: 2, maxConcurrent: 2 },
  space: {
    variant: ['gan-min', 'gan-maj'],
    // Long enough that training spans several 1 s scrapes (the steps/s rate must be seen), short enough for CI.
    steps: 2000,
    checkpointEvery: 500,
    batchSize: 32,
    hidden: [16, 16],
    latentDim: 8,
    nCritic: [2],
    lr: 5e-4,
  },
  baselines: ['none'],
  classifier: { type: 'logistic' },
};
/** 2 GAN trials x 2 folds + 1 baseline x 2 folds + final fits of the best baseline and the best GAN (one is the winner). */
const TASKS = 8;
/** Generator steps: 2000 per GAN task, 4 fold tasks and 1 final fit of the best GAN. */
const GAN_STEPS = 2000 * 5;

const num = (r: { value?: [number, string] } | undefined) => Number(r?.value?.[1]);

describe('a real Prometheus scraping coordinator serve and two worker processes during a sweep', () => {
  let dir: string;
  let prom: PrometheusHandle;
  const procs: Proc[] = [];
  let client: SweepServiceClient;
  let sweep: SweepMsg;
  let startSec: number;

  beforeAll(async () => {
    assertPrometheusInstalled();
    dir = mkdtempSync(path.join(os.tmpdir(), 'gs-ops-'));
    const [grpcPort, coordMetrics, w1, w2] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const coordinator = startProc([
      COORDINATOR_BIN,
      'serve',
      '--listen',
      `127.0.0.1:${grpcPort}`,
      '--store',
      path.join(dir, 'store'),
      '--journal',
      'memory',
      '--metrics-listen',
      `127.0.0.1:${coordMetrics}`,
    ]);
    procs.push(coordinator);
    const address = `127.0.0.1:${grpcPort}`;
    // Flag for one worker, env for the other: both ways of setting the listener are exercised.
    procs.push(startProc([WORKER_BIN, '--coordinator', address, '--name', 'ops-1', '--metrics-listen', `127.0.0.1:${w1}`]));
    procs.push(startProc([WORKER_BIN, '--coordinator', address, '--name', 'ops-2'], { GANSWEEP_METRICS_LISTEN: `127.0.0.1:${w2}` }));
    startSec = Date.now() / 1000;
    prom = await startPrometheus(
      dir,
      deployedConfigWithTargets({
        'gansweep-coordinator': [`127.0.0.1:${coordMetrics}`],
        'gansweep-worker': [`127.0.0.1:${w1}`, `127.0.0.1:${w2}`],
      }),
    );
    await waitForPort(grpcPort, 30_000, () => coordinator.child.exitCode === null).catch((e: Error) => {
      throw new Error(`${e.message}\n${coordinator.output()}`);
    });

    client = createSweepClient(address);
    const csv = readFileSync(path.join(ROOT, 'examples/data/demo.csv'));
    const sub = await unary<object, SubmitSweepResponseMsg>(client.SubmitSweep.bind(client), {
      sweepJson: JSON.stringify(SWEEP),
      sweepSource: 'ops.sweep.json',
      datasetCsv: csv,
    });
    sweep = await until(
      async () => {
        const s = await unary<object, SweepMsg>(client.GetSweep.bind(client), { sweepId: sub.sweepId });
        return ['done', 'failed', 'cancelled'].includes(s.state) ? s : undefined;
      },
      90_000,
      'the sweep to end',
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n${procs.map((p) => p.output().slice(-1500)).join('\n---\n')}`);
    });
    // Wait until Prometheus has scraped the final state (1 s scrape interval) and evaluated the rules on it.
    await until(
      async () => num((await prom.query(`gansweep_tasks{sweep="${sweep.sweepId}",state="done"}`))[0]) === TASKS,
      15_000,
      'a scrape of the finished sweep',
    );
    await new Promise((r) => setTimeout(r, 2500));
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await Promise.all(procs.map((p) => p.kill('SIGTERM')));
    await prom?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ran the sweep to done', () => {
    expect(sweep.state, sweep.error).toBe('done');
  });

  it('scrapes the coordinator and both workers as up under the deployed job names', async () => {
    const up = await prom.query('up');
    const byJob = (job: string) => up.filter((r) => r.metric.job === job).map(num);
    expect(byJob('gansweep-coordinator')).toEqual([1]);
    expect(byJob('gansweep-worker')).toEqual([1, 1]);
  });

  it('reports trial, task and queue counts that agree with the coordinator', async () => {
    const id = sweep.sweepId;
    const trials = await prom.query(`gansweep_trials{sweep="${id}"}`);
    const trialsByState = Object.fromEntries(trials.map((r) => [r.metric.state, num(r)]));
    expect(trialsByState).toEqual({ queued: 0, running: 0, done: 3, failed: 0, pruned: 0, cancelled: 0 });
    expect(num((await prom.query(`sum(gansweep_tasks{sweep="${id}"})`))[0])).toBe(TASKS);
    expect((await prom.query('gansweep_queue_depth')).map((r) => [r.metric.state, num(r)]).sort()).toEqual([
      ['queued', 0],
      ['running', 0],
    ]);
    expect(num((await prom.query('gansweep_sweeps{state="done"}'))[0])).toBe(1);
    expect(num((await prom.query('sum(gansweep_task_duration_seconds_count{outcome="done"})'))[0])).toBe(TASKS);
    expect(num((await prom.query('gansweep_workers_connected'))[0])).toBe(2);
    expect(num((await prom.query('gansweep_workers_quarantined'))[0])).toBe(0);
    expect(num((await prom.query('gansweep_lease_expirations_total'))[0])).toBe(0);
  });

  it('exports the best validation F1 the coordinator reports for the sweep', async () => {
    const best = Math.max(...sweep.trials.filter((t) => t.state === 'done').map((t) => t.meanValF1));
    const got = num((await prom.query(`gansweep_best_val_f1{sweep="${sweep.sweepId}"}`))[0]);
    expect(got).toBeGreaterThan(0);
    expect(got).toBeCloseTo(best, 9);
    const perTrial = await prom.query(`gansweep_trial_val_f1{sweep="${sweep.sweepId}"}`);
    expect(perTrial.map((r) => r.metric.trial).sort()).toEqual(sweep.trials.map((t) => t.trialId).sort());
  });

  it('counts on the workers every task and every generator step the sweep ran', async () => {
    expect(num((await prom.query('sum(gansweep_worker_tasks_total{outcome="done"})'))[0])).toBe(TASKS);
    expect(num((await prom.query('sum(gansweep_worker_tasks_total{outcome="failed"})'))[0])).toBe(0);
    expect(num((await prom.query('sum(gansweep_worker_training_steps_total)'))[0])).toBe(GAN_STEPS);
    const backends = await prom.query('gansweep_worker_backend_info');
    expect(backends.map((r) => [r.metric.backend, num(r)])).toEqual([
      ['wasm', 1],
      ['wasm', 1],
    ]);
    // Training ran on some worker at some point: the steps/s rate was positive during the sweep.
    const rate = await prom.queryRange('sum(rate(gansweep_worker_training_steps_total[5s]))', startSec, Date.now() / 1000);
    expect(Math.max(...rate.flatMap((r) => r.values!.map(([, v]) => Number(v))))).toBeGreaterThan(0);
    // Idle workers hold no tensors beyond the backend's own.
    for (const r of await prom.query('gansweep_worker_tensors')) expect(num(r)).toBeLessThan(50);
  });

  it('returns data for every query of every Grafana dashboard panel', async () => {
    const vars = { sweep: sweep.sweepId, __rate_interval: '10s' };
    const end = Date.now() / 1000;
    const empty: string[] = [];
    for (const q of panelQueries()) {
      const res = await prom.queryRange(substitute(q.expr, vars), startSec, end);
      if (!res.some((r) => (r.values ?? []).length > 0)) empty.push(`${q.dashboard} / ${q.panel}: ${q.expr}`);
    }
    expect(empty).toEqual([]);
    expect(panelQueries().length).toBeGreaterThan(30);
  });

  it('lists the sweep in the sweep dashboard variable', async () => {
    const values = await prom.api<string[]>(`/api/v1/label/sweep/values?match[]=${encodeURIComponent('gansweep_trials')}`);
    expect(values).toContain(sweep.sweepId);
  });

  it('loads every alert rule, evaluates each without error, and fires none on a healthy cluster', async () => {
    const rules = alertRules();
    const loaded = await prom.api<{ groups: { rules: { name: string; health: string; lastError?: string; state: string }[] }[] }>(
      '/api/v1/rules',
    );
    const byName = new Map(loaded.groups.flatMap((g) => g.rules).map((r) => [r.name, r]));
    for (const rule of rules) {
      const r = byName.get(rule.alert);
      expect(r, rule.alert).toBeDefined();
      expect([rule.alert, r!.health, r!.lastError ?? '']).toEqual([rule.alert, 'ok', '']);
      expect([rule.alert, r!.state]).toEqual([rule.alert, 'inactive']);
      await expect(prom.query(rule.expr)).resolves.toEqual([]);
    }
  });

  it('has series for every metric the dashboards and alerts refer to', async () => {
    const names = new Set([...panelQueries(), ...alertRules()].flatMap((q) => metricNames(q.expr)));
    const missing: string[] = [];
    for (const name of names) if ((await prom.query(`count({__name__="${name}"})`)).length === 0) missing.push(name);
    expect(missing).toEqual([]);
    expect(names.size).toBeGreaterThan(15);
  });
});
