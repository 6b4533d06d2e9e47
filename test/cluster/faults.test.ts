import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetricsBus, type MetricEvent } from '@gansweep/bus';
import { startNatsServer, startS3Server, type NatsServerHandle, type S3ServerHandle } from '../support/index.ts';
import { COORDINATOR_BIN, ROOT, runCli } from '../support/cli.ts';
import { readJournal, startProc, startServe, startWorker, until, type Proc } from '../support/cluster.ts';

const DEMO = path.join(ROOT, 'examples/data/demo.csv');

function sweepFile(dir: string, over: Record<string, unknown>): string {
  const file = path.join(dir, 'sweep.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 'cluster',
      dataset: { path: DEMO, label: 'class', minority: 'B' },
      validation: { folds: 2, testFraction: 0.2, seed: 3 },
      search: { method: 'random', trials: 1, maxConcurrent: 1 },
      space: {
        variant: ['gan-maj'],
        // Long enough (tens of seconds on 2 cores) for the test to act mid-trial.
        steps: 8000,
        checkpointEvery: 100,
        batchSize: 64,
        hidden: [32, 32],
        latentDim: 16,
        nCritic: [2],
        lr: 5e-4,
      },
      baselines: [],
      ...over,
    }),
  );
  return file;
}

type Event = { type: string; taskId?: string; ok?: boolean; resumedFromStep?: number; reason?: string; state?: string };

/** Every task finished successfully exactly once, and the sweep ended done. */
function expectExactlyOnce(journal: Event[]): void {
  const ok = journal.filter((e) => e.type === 'task_finished' && e.ok);
  const perTask = new Map<string, number>();
  for (const e of ok) perTask.set(e.taskId!, (perTask.get(e.taskId!) ?? 0) + 1);
  expect([...perTask.values()].every((n) => n === 1)).toBe(true);
  expect(journal.filter((e) => e.type === 'sweep_ended').map((e) => e.state)).toEqual(['done']);
}

describe('cluster: coordinator serve + worker processes + NATS + S3, under faults', () => {
  let nats: NatsServerHandle;
  let s3: S3ServerHandle;
  const procs: Proc[] = [];

  beforeAll(async () => {
    [nats, s3] = await Promise.all([startNatsServer({ jetstream: true }), startS3Server()]);
  });
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill('SIGKILL')));
    await Promise.all([nats?.cleanup(), s3?.cleanup()]);
  });

  it('resumes the trial of a SIGKILLed worker from its checkpoint on another worker, and serves samples', async () => {
    const env = { ...s3.env, GANSWEEP_TOKEN: 's3cret-token' };
    const serve = await startServe({ store: 's3://gansweep/faults', bus: nats.url, token: 's3cret-token', env, leaseTimeoutMs: 3000 });
    procs.push(serve.proc);
    const w1 = startWorker(serve.address, 'w1', env);
    const w2 = startWorker(serve.address, 'w2', env);
    procs.push(w1, w2);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gs-cl-'));
    const cliEnv = { GANSWEEP_COORDINATOR: serve.address, GANSWEEP_TOKEN: 's3cret-token' };
    const sub = await runCli(['submit', sweepFile(dir, {})], { env: cliEnv });
    expect(sub.code, sub.stderr).toBe(0);
    const sweepId = sub.stdout.trim();

    // Wait until both GAN fold tasks have checkpointed (their metrics arrive through NATS), then kill w1.
    const bus = await createMetricsBus(nats.url);
    const steps = new Map<string, number>();
    const subscription = await bus.subscribe(sweepId, (ev: MetricEvent) =>
      steps.set(ev.taskId, Math.max(steps.get(ev.taskId) ?? 0, ev.step)),
    );
    await until(() => steps.size >= 2 && [...steps.values()].every((s) => s >= 200), 120_000, 'two tasks past step 200');
    await w1.kill('SIGKILL');

    const watch = await runCli(['watch', sweepId], { env: cliEnv, timeoutMs: 300_000 });
    expect(watch.code, watch.stderr + serve.proc.output().slice(-3000)).toBe(0);
    await subscription.close();
    await bus.close();

    const journal = readJournal(serve.dir) as Event[];
    expectExactlyOnce(journal);
    expect(journal.some((e) => e.type === 'task_released' && /lease expired/.test(e.reason ?? ''))).toBe(true);
    const resumed = journal.filter((e) => e.type === 'task_finished' && e.ok && (e.resumedFromStep ?? 0) > 0);
    expect(resumed.length).toBeGreaterThanOrEqual(1);
    expect(resumed[0]!.resumedFromStep).toBeGreaterThanOrEqual(200);

    // The best generator streams 100,000 rows into a CSV.
    const out = path.join(dir, 's.csv');
    const samples = await runCli(['samples', sweepId, '-n', '100000', '-o', out, '--seed', '5'], { env: cliEnv });
    expect(samples.code, samples.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(100_001);
    expect(lines[0]).toBe('tenure,spend,visits,score,ratio,region,plan');
    const report = await runCli(['report', sweepId, '-o', path.join(dir, 'r.html')], { env: cliEnv });
    expect(report.code, report.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'r.html'), 'utf8')).toMatch(/<svg[\s\S]*gan-maj/);
    // The token never reaches a log line.
    expect(serve.proc.output() + w2.output()).not.toContain('s3cret-token');
    await w2.kill();
    await serve.proc.kill();
  });

  it('continues every sweep after the coordinator is SIGKILLed and restarted, counting each result once', async () => {
    const serve = await startServe({ leaseTimeoutMs: 4000 });
    procs.push(serve.proc);
    const workers = [startWorker(serve.address, 'r1'), startWorker(serve.address, 'r2')];
    procs.push(...workers);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gs-cl-'));
    const env = { GANSWEEP_COORDINATOR: serve.address };
    const sub = await runCli(
      [
        'submit',
        sweepFile(dir, {
          search: { method: 'random', trials: 3, maxConcurrent: 2 },
          space: {
            variant: ['gan-min', 'gan-maj'],
            steps: 200,
            checkpointEvery: 50,
            batchSize: 32,
            hidden: [16],
            latentDim: 8,
            nCritic: [1],
          },
          baselines: ['none', 'smote'],
        }),
      ],
      { env },
    );
    expect(sub.code, sub.stderr).toBe(0);
    const sweepId = sub.stdout.trim();
    await until(() => readJournal(serve.dir).filter((e) => e.type === 'task_finished').length >= 3, 120_000, 'three finished tasks');
    await serve.proc.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 1500));
    const again = await startServe({ port: serve.port, dir: serve.dir, leaseTimeoutMs: 4000 });
    procs.push(again.proc);
    await until(() => /state recovered from journal/.test(again.proc.output()), 10_000, 'the recovery log line').catch((e: Error) => {
      throw new Error(`${e.message}\n${again.proc.output()}`);
    });
    const watch = await runCli(['watch', sweepId], { env, timeoutMs: 300_000 });
    expect(watch.code, watch.stdout + watch.stderr + again.proc.output().slice(-3000)).toBe(0);
    const journal = readJournal(serve.dir) as Event[];
    expectExactlyOnce(journal);
    const status = await runCli(['status', sweepId, '--json'], { env });
    const s = JSON.parse(status.stdout) as { state: string; tasks: { done: number; total: number }; trials: { state: string }[] };
    expect(s.state).toBe('done');
    expect(s.tasks.done).toBe(s.tasks.total);
    expect(s.trials.every((t) => t.state === 'done')).toBe(true);
    expect(journal.filter((e) => e.type === 'task_finished' && e.ok)).toHaveLength(s.tasks.total);
    await Promise.all(workers.map((w) => w.kill()));
    await again.proc.kill();
  });

  it('keeps training while nats-server is stopped and restarted, and metrics flow again afterwards', async () => {
    const serve = await startServe({ bus: nats.url, leaseTimeoutMs: 5000 });
    procs.push(serve.proc);
    const w = startWorker(serve.address, 'n1');
    procs.push(w);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gs-cl-'));
    const env = { GANSWEEP_COORDINATOR: serve.address };
    const sub = await runCli(
      [
        'submit',
        sweepFile(dir, {
          validation: { folds: 2, testFraction: 0.2 },
          space: { variant: ['gan-min'], steps: 6000, checkpointEvery: 100, batchSize: 64, hidden: [32, 32], latentDim: 16, nCritic: [2] },
        }),
      ],
      { env },
    );
    const sweepId = sub.stdout.trim();
    const bus = await createMetricsBus(nats.url);
    const seen: number[] = [];
    const subscription = await bus.subscribe(sweepId, (ev) => seen.push(ev.ts));
    await until(() => seen.length >= 1, 60_000, 'first metric event');
    await nats.stop();
    await new Promise((r) => setTimeout(r, 3000));
    await nats.restart();
    const restartedAt = Date.now();
    const watch = await runCli(['watch', sweepId], { env, timeoutMs: 300_000 });
    expect(watch.code, watch.stderr).toBe(0);
    await until(() => seen.some((ts) => ts > restartedAt), 30_000, 'a metric event after the restart').catch(() => undefined);
    await subscription.close();
    await bus.close();
    expect(seen.some((ts) => ts > restartedAt)).toBe(true);
    expect(w.output()).not.toMatch(/uncaught|unhandled/i);
    await w.kill();
    await serve.proc.kill();
  });
});

describe('cluster: shutdown', () => {
  it('a worker drained with SIGTERM mid-trial hands its task back uncounted, and it resumes elsewhere', async () => {
    const serve = await startServe({ leaseTimeoutMs: 30_000 });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gs-cl-'));
    const env = { GANSWEEP_COORDINATOR: serve.address };
    const w1 = startWorker(serve.address, 'd1');
    try {
      const sub = await runCli(
        [
          'submit',
          sweepFile(dir, {
            validation: { folds: 2, testFraction: 0.2 },
            space: {
              variant: ['gan-maj'],
              steps: 6000,
              checkpointEvery: 200,
              batchSize: 64,
              hidden: [32, 32],
              latentDim: 16,
              nCritic: [2],
            },
          }),
        ],
        { env },
      );
      expect(sub.code, sub.stderr).toBe(0);
      const sweepId = sub.stdout.trim();
      // Let the GAN task pass a few checkpoints (every 100 steps), then drain w1.
      await until(() => /"msg":"task started".*"method":"gan-maj"/.test(w1.output()), 60_000, 'the GAN task to start');
      await new Promise((r) => setTimeout(r, 4000));
      w1.child.kill('SIGTERM');
      expect((await w1.exited).code).toBe(0);
      expect(w1.output(), w1.output()).toMatch(/task handed back \(draining\)/);
      const w2 = startWorker(serve.address, 'd2');
      const watch = await runCli(['watch', sweepId], { env, timeoutMs: 300_000 });
      expect(watch.code, watch.stderr).toBe(0);
      await w2.kill();
      const journal = readJournal(serve.dir) as (Event & { handedBack?: boolean })[];
      const handed = journal.filter((e) => e.type === 'task_released' && e.handedBack);
      expect(handed.length).toBeGreaterThanOrEqual(1);
      const resumed = journal.find((e) => e.type === 'task_finished' && e.ok && e.taskId === handed[0]!.taskId);
      expect(resumed?.resumedFromStep ?? 0).toBeGreaterThan(0);
      expectExactlyOnce(journal);
    } finally {
      await w1.kill();
      await serve.proc.kill();
    }
  }, 300_000);

  it('a worker told to stop exits promptly even when its coordinator is gone', async () => {
    const serve = await startServe();
    const w = startWorker(serve.address, 'orphan');
    await until(() => /worker registered/.test(w.output()), 60_000, 'the worker to register');
    await serve.proc.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 1000));
    const t0 = Date.now();
    w.child.kill('SIGTERM');
    const exit = await w.exited;
    expect(exit.code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });
});

describe('cluster: refusals', () => {
  it('refuses a wrong token with UNAUTHENTICATED, for the CLI and for a worker', async () => {
    const serve = await startServe({ token: 'right-token' });
    try {
      const bad = await runCli(['status'], { env: { GANSWEEP_COORDINATOR: serve.address, GANSWEEP_TOKEN: 'wrong-token' } });
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/refused the call: missing or wrong bearer token/);
      const none = await runCli(['status'], { env: { GANSWEEP_COORDINATOR: serve.address, GANSWEEP_TOKEN: '' } });
      expect(none.stderr).toMatch(/missing or wrong bearer token/);
      const good = await runCli(['status'], { env: { GANSWEEP_COORDINATOR: serve.address, GANSWEEP_TOKEN: 'right-token' } });
      expect(good.code, good.stderr).toBe(0);
      expect(good.stdout).toContain('no sweeps');
      const w = startWorker(serve.address, 'bad', { GANSWEEP_TOKEN: 'wrong-token' });
      const exit = await w.exited;
      expect(exit.code).toBe(1);
      expect(w.output()).toMatch(/missing or wrong bearer token/);
      expect(serve.proc.output()).not.toContain('right-token');
    } finally {
      await serve.proc.kill();
    }
  });

  it('fails clearly, after retrying with backoff, when S3 is unreachable at start', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gs-cl-'));
    const t0 = Date.now();
    const serve = startServeNoWait(dir);
    const exit = await serve.exited;
    expect(exit.code).not.toBe(0);
    expect(serve.output()).toMatch(/127\.0\.0\.1:1\b/);
    expect(serve.output()).toMatch(/unreachable|UNREACHABLE/);
    expect(Date.now() - t0).toBeGreaterThan(1000);
  });
});

function startServeNoWait(dir: string): Proc {
  // Port 1 on loopback refuses connections: an S3 endpoint that is down.
  const env = { GANSWEEP_S3_ENDPOINT: 'http://127.0.0.1:1', GANSWEEP_S3_ACCESS_KEY: 'k', GANSWEEP_S3_SECRET_KEY: 's' };
  return startProc(
    [COORDINATOR_BIN, 'serve', '--listen', '127.0.0.1:0', '--store', 's3://gansweep/x', '--journal', path.join(dir, 'j')],
    env,
  );
}
