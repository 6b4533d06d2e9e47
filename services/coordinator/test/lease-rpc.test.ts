import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createWorkerClient,
  unary,
  type LeaseTaskResponseMsg,
  type RegisterResponseMsg,
  type ResultAckMsg,
  type WorkerServiceClient,
} from '@gansweep/contract';
import { createLogger } from '@gansweep/log';
import { createArtifactStore } from '@gansweep/store';
import { parseSweep } from '@gansweep/sweep';
import { Worker } from '@gansweep/worker';
import { startCoordinator, type Coordinator } from '../src/server.ts';
import { createMemoryJournal } from '../src/journal.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{
  c: Coordinator;
  client: WorkerServiceClient;
  workerId: string;
  sweep: (trials: number, sleepMs?: number, sweepId?: string) => void;
}> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gansweep-lease-rpc-'));
  const store = await createArtifactStore(dir);
  const c = await startCoordinator({
    listen: '127.0.0.1:0',
    store,
    storeUrl: dir,
    journal: createMemoryJournal(),
    log: createLogger({ level: 'silent' }),
  });
  const client = createWorkerClient(c.address);
  let closed = false;
  const close = c.close;
  c.close = async () => {
    if (!closed) await close();
    closed = true;
  };
  cleanups.push(async () => {
    client.close();
    await c.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const reg = await unary<object, RegisterResponseMsg>(client.Register.bind(client), {
    hostname: 'h',
    slots: 1,
    backend: 'cpu',
    name: 't',
  });
  const sweep = (trials: number, sleepMs = 10, sweepId = 'sw') => {
    const spec = parseSweep(
      JSON.stringify({
        name: 'lease',
        dataset: { path: 'x.csv', label: 'y', minority: '1' },
        search: { trials, maxConcurrent: trials },
        space: { variant: 'gan-min' },
        baselines: [],
      }),
    );
    c.scheduler.createSweep({ sweepId, spec, datasetKey: 'k', datasetSummary: 'd', nFolds: 1, rows: 0, minorityRows: 0, sleepMs });
  };
  return { c, client, workerId: reg.workerId, sweep };
}

const lease = (client: WorkerServiceClient, req: object) => unary<object, LeaseTaskResponseMsg>(client.LeaseTask.bind(client), req);
const report = (client: WorkerServiceClient, req: object) => unary<object, ResultAckMsg>(client.ReportResult.bind(client), req);

describe('LeaseTask long poll and ReportResult lease_next', () => {
  it('holds a long poll until a task is queued and answers at once then; a plain poll answers at once', async () => {
    const { client, workerId, sweep } = await setup();
    const t0 = performance.now();
    const plain = await lease(client, { workerId });
    expect(plain).toMatchObject({ hasTask: false, retryAfterMs: 250 });
    const t1 = performance.now();
    const empty = await lease(client, { workerId, waitMs: 300 });
    const t2 = performance.now();
    expect(empty).toMatchObject({ hasTask: false, retryAfterMs: 0 });
    expect(t1 - t0).toBeLessThan(250);
    expect(t2 - t1).toBeGreaterThanOrEqual(290);
    const waiting = lease(client, { workerId, waitMs: 5000 });
    await new Promise((r) => setTimeout(r, 100));
    const t3 = performance.now();
    sweep(2);
    const got = await waiting;
    expect(got.hasTask).toBe(true);
    expect(got.task?.kind).toBe('sleep');
    // served when the sweep appeared, well before the (capped) wait ran out
    expect(performance.now() - t3).toBeLessThan(800);
  });

  it('hands the next lease back with a result, fences stale results, and never with a hand-back', async () => {
    const { c, client, workerId, sweep } = await setup();
    sweep(3);
    const first = (await lease(client, { workerId })).task!;
    const ack = await report(client, {
      leaseId: first.leaseId,
      taskId: first.taskId,
      ok: true,
      metrics: { f1: 0.5 },
      leaseNext: true,
      workerId,
    });
    expect(ack.accepted).toBe(true);
    expect(ack.next?.hasTask).toBe(true);
    const second = ack.next!.task!;
    expect(second.taskId).not.toBe(first.taskId);
    expect(c.scheduler.sweeps.get('sw')!.tasks.get(second.taskId)!.state).toBe('leased');
    // the same result again is stale: not accepted, nothing recorded twice
    const stale = await report(client, { leaseId: first.leaseId, taskId: first.taskId, ok: true, metrics: { f1: 0.9 }, workerId });
    expect(stale.accepted).toBe(false);
    expect(stale.next).toBeFalsy();
    expect(c.scheduler.sweeps.get('sw')!.tasks.get(first.taskId)!.metrics).toEqual({ f1: 0.5 });
    // a hand-back re-queues the task and does not lease another one
    const back = await report(client, { leaseId: second.leaseId, taskId: second.taskId, released: true, leaseNext: true, workerId });
    expect(back.accepted).toBe(true);
    expect(back.next).toBeFalsy();
    expect(c.scheduler.sweeps.get('sw')!.tasks.get(second.taskId)!.state).toBe('queued');
  });

  it('answers pending long polls without a task when the coordinator closes', async () => {
    const { c, client, workerId } = await setup();
    const waiting = lease(client, { workerId, waitMs: 5000 });
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    await c.close();
    const res = await waiting.catch((e: unknown) => e);
    expect(performance.now() - t0).toBeLessThan(800);
    if (!(res instanceof Error)) expect(res).toMatchObject({ hasTask: false, retryAfterMs: 250 });
  });

  it('a worker runs a sweep to the end with one attempt per task, and a drain hands its running tasks back promptly', async () => {
    const { c, sweep } = await setup();
    const worker = new Worker({ coordinator: c.address, slots: 2, backend: 'cpu', log: createLogger({ level: 'silent' }) });
    await worker.start();
    sweep(6);
    const s = c.scheduler.sweeps.get('sw')!;
    for (let t0 = Date.now(); s.state !== 'done' && Date.now() - t0 < 10_000;) await new Promise((r) => setTimeout(r, 20));
    expect(s.state).toBe('done');
    expect([...s.tasks.values()].map((t) => t.attempts)).toEqual([1, 1, 1, 1, 1, 1]);
    // a second sweep of long tasks, drained while both slots run one
    sweep(4, 60_000, 'long');
    const s2 = c.scheduler.sweeps.get('long')!;
    const leased = () => [...s2.tasks.values()].filter((t) => t.state === 'leased').length;
    for (let t0 = Date.now(); leased() < 2 && Date.now() - t0 < 5000;) await new Promise((r) => setTimeout(r, 20));
    expect(leased()).toBe(2);
    const t0 = performance.now();
    await worker.drain();
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(leased()).toBe(0);
    expect([...s2.tasks.values()].every((t) => t.state === 'queued')).toBe(true);
  });
});
