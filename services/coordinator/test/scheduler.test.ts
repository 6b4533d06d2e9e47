import { describe, expect, it } from 'vitest';
import { parseSweep } from '@gansweep/sweep';
import { createLogger } from '@gansweep/log';
import { Scheduler, type ResultInput } from '../src/scheduler.ts';
import { createMemoryJournal, type EventJournal } from '../src/journal.ts';

const log = createLogger({ level: 'silent' });

function spec(over: Record<string, unknown> = {}) {
  return parseSweep(
    JSON.stringify({
      name: 's',
      dataset: { path: 'x.csv', label: 'y', minority: '1' },
      validation: { folds: 2 },
      search: { method: 'random', trials: 3, maxConcurrent: 2, maxAttempts: 2 },
      space: { variant: ['gan-min', 'gan-maj'], steps: 100, checkpointEvery: 25 },
      baselines: ['none', 'smote'],
      ...over,
    }),
  );
}

function setup(over: Record<string, unknown> = {}, journal: EventJournal = createMemoryJournal()) {
  let now = 1_000;
  const s = new Scheduler({ journal, log, leaseTimeoutMs: 1000, now: () => now });
  const sweep = s.createSweep({
    sweepId: 'sw',
    spec: spec(over),
    datasetKey: 'k',
    datasetSummary: 'd',
    nFolds: 2,
    rows: 100,
    minorityRows: 10,
  });
  return { s, sweep, journal, advance: (ms: number) => (now += ms) };
}

const ok = (f1: number): ResultInput => ({ ok: true, metrics: { f1 }, bestStep: 0, curve: [] });

/** Leases and completes every available task, scoring trials by `score(trialId)`. */
function drain(s: Scheduler, score: (trialId: string) => number, worker = 'w1'): number {
  let n = 0;
  for (let g = s.lease(worker); g; g = s.lease(worker)) {
    expect(s.result(g.task.leaseId!, ok(score(g.trial.trialId))).accepted).toBe(true);
    n++;
  }
  return n;
}

describe('Scheduler', () => {
  it('opens GAN trials up to maxConcurrent and baselines at once', () => {
    const { sweep } = setup();
    const gan = [...sweep.trials.values()].filter((t) => !t.baseline);
    expect(gan).toHaveLength(2);
    expect([...sweep.trials.keys()]).toEqual(['b-none', 'b-smote', 't001', 't002']);
    expect(sweep.tasks.size).toBe(8);
  });

  it('leases GAN folds before baselines and final fits before everything', () => {
    const { s } = setup();
    const first = s.lease('w1')!;
    expect(first.trial.baseline).toBe(false);
  });

  it('runs a sweep to done: each task once, then final fits of the winner, best baseline and best GAN', () => {
    const { s, sweep } = setup();
    const scores: Record<string, number> = { 'b-none': 0.5, 'b-smote': 0.6, t001: 0.7, t002: 0.4, t003: 0.65 };
    const n = drain(s, (id) => scores[id]!);
    expect(n).toBe(5 * 2 + 2); // 5 trials × 2 folds, final fits of t001 (winner and best GAN) and b-smote
    expect(sweep.state).toBe('done');
    expect(sweep.bestTrialId).toBe('t001');
    expect(sweep.bestBaselineTrialId).toBe('b-smote');
    expect(sweep.bestGanTrialId).toBe('t001');
    for (const t of sweep.tasks.values()) expect(t.attempts).toBe(1);
  });

  it('fences off a late result from an expired lease and counts the retry exactly once', () => {
    const { s, sweep, advance } = setup();
    const g = s.lease('w1')!;
    const staleLease = g.task.leaseId!;
    advance(1500);
    expect(s.expireLeases()).toBe(1);
    expect(sweep.tasks.get(g.task.taskId)!.state).toBe('queued');
    const again = s.lease('w2')!;
    expect(again.task.taskId).toBe(g.task.taskId);
    expect(s.result(staleLease, ok(0.9))).toEqual({ accepted: false, reason: expect.stringContaining('stale lease') });
    expect(s.result(again.task.leaseId!, ok(0.3)).accepted).toBe(true);
    expect(sweep.tasks.get(g.task.taskId)!.metrics!.f1).toBe(0.3);
    expect(sweep.tasks.get(g.task.taskId)!.attempts).toBe(2);
  });

  it('keeps leases alive through heartbeats and revokes unknown ones', () => {
    const { s, advance } = setup();
    const g = s.lease('w1')!;
    for (let i = 0; i < 5; i++) {
      advance(600);
      expect(s.heartbeat('w1', [g.task.leaseId!, 'bogus'])).toEqual(['bogus']);
      expect(s.expireLeases()).toBe(0);
    }
  });

  it('marks a trial failed after maxAttempts and shows the error; the sweep still finishes', () => {
    const { s, sweep } = setup({ baselines: ['none'], search: { method: 'random', trials: 1, maxConcurrent: 1, maxAttempts: 2 } });
    const fail = (): void => {
      const g = s.lease('w1')!;
      expect(g.trial.trialId).toBe('t001');
      s.result(g.task.leaseId!, { ok: false, error: 'boom', metrics: {}, bestStep: 0, curve: [] });
    };
    fail();
    fail();
    expect(sweep.trials.get('t001')!.state).toBe('failed');
    expect(sweep.trials.get('t001')!.error).toContain('boom');
    drain(s, () => 0.5, 'w2');
    expect(sweep.state).toBe('done');
    expect(sweep.bestTrialId).toBe('b-none');
  });

  it('fails a trial at once on a permanent (input) error', () => {
    const { s, sweep } = setup();
    const g = s.lease('w1')!;
    s.result(g.task.leaseId!, { ok: false, permanent: true, error: 'too few minority rows', metrics: {}, bestStep: 0, curve: [] });
    expect(sweep.trials.get(g.trial.trialId)!.state).toBe('failed');
  });

  it('quarantines a worker that fails every task', () => {
    const { s } = setup({ search: { method: 'random', trials: 3, maxConcurrent: 3, maxAttempts: 5 } });
    const w = s.registerWorker({ hostname: 'h', backend: 'cpu', slots: 1 });
    for (let i = 0; i < 3; i++) {
      const g = s.lease(w.workerId)!;
      s.result(g.task.leaseId!, { ok: false, error: 'CUDA error', metrics: {}, bestStep: 0, curve: [] });
    }
    expect(s.workers.get(w.workerId)!.quarantined).toBe(true);
    expect(s.lease(w.workerId)).toBeUndefined();
    expect(s.lease('healthy')).toBeDefined();
  });

  it('recovers from its journal and finishes with every result counted once', async () => {
    const journal = createMemoryJournal();
    const { s } = setup({}, journal);
    const a = s.lease('w1')!;
    s.result(a.task.leaseId!, ok(0.5));
    const inflight = s.lease('w1')!;
    await s.flush();

    const s2 = new Scheduler({ journal, log, leaseTimeoutMs: 1000 });
    await s2.recover();
    const sw = s2.sweeps.get('sw')!;
    expect(sw.tasks.get(a.task.taskId)!.state).toBe('done');
    expect(sw.tasks.get(inflight.task.taskId)!.state).toBe('leased');
    // The worker that held the lease before the restart can still report.
    expect(s2.result(inflight.task.leaseId!, ok(0.6)).accepted).toBe(true);
    drain(s2, () => 0.4);
    expect(sw.state).toBe('done');
    for (const t of sw.tasks.values()) expect(t.attempts).toBe(1);
    await s2.flush();
    const finished = (await journal.readAll()).filter((e) => e.type === 'task_finished');
    expect(finished).toHaveLength(sw.tasks.size);
  });

  it('prunes a GAN trial below the ASHA cutoff and answers stop', () => {
    const { s, sweep } = setup({
      search: { method: 'random', trials: 4, maxConcurrent: 4, earlyStopping: { type: 'asha', eta: 2, minSteps: 25 } },
    });
    const leases = [s.lease('w')!, s.lease('w')!, s.lease('w')!];
    expect(leases.map((l) => l.task.fold)).toEqual([0, 1, 0]);
    expect(s.progress(leases[0]!.task.leaseId!, 25, { val_f1: 0.8 }).stop).toBe(false);
    const low = s.progress(leases[2]!.task.leaseId!, 25, { val_f1: 0.2 });
    expect(low.stop).toBe(true);
    expect(low.reason).toContain('pruned');
    expect(sweep.trials.get(leases[2]!.trial.trialId)!.state).toBe('pruned');
  });

  it('prunes by the same ASHA rung table after a coordinator restart (rung scores are journaled)', async () => {
    const journal = createMemoryJournal();
    const { s } = setup(
      { search: { method: 'random', trials: 4, maxConcurrent: 4, earlyStopping: { type: 'asha', eta: 2, minSteps: 25 } } },
      journal,
    );
    const leases = [s.lease('w')!, s.lease('w')!, s.lease('w')!];
    expect(leases.map((l) => l.task.fold)).toEqual([0, 1, 0]);
    expect(s.progress(leases[0]!.task.leaseId!, 25, { val_f1: 0.8 }).stop).toBe(false);
    await s.flush();

    const s2 = new Scheduler({ journal, log, leaseTimeoutMs: 1000 });
    await s2.recover();
    expect(s2.sweeps.get('sw')!.rungs?.get(0)?.get(25)?.get(leases[0]!.trial.trialId)).toBe(0.8);
    // Without the replayed 0.8 this would be the first score at the rung, and nothing would be pruned.
    const low = s2.progress(leases[2]!.task.leaseId!, 25, { val_f1: 0.2 });
    expect(low.stop).toBe(true);
    expect(s2.sweeps.get('sw')!.trials.get(leases[2]!.trial.trialId)!.state).toBe('pruned');
    // A second report at the same rung is not recorded twice.
    expect(s2.progress(leases[0]!.task.leaseId!, 30, { val_f1: 0.1 }).stop).toBe(false);
    await s2.flush();
    expect((await journal.readAll()).filter((e) => e.type === 'rung_recorded')).toHaveLength(2);
  });
});

describe('Scheduler hand-back', () => {
  it('does not count an attempt for a task a draining worker handed back, also after replay', async () => {
    const journal = createMemoryJournal();
    const { s, sweep } = setup({}, journal);
    const g = s.lease('w1')!;
    expect(s.release(g.task.leaseId!, 'draining')).toBe(true);
    expect(sweep.tasks.get(g.task.taskId)!.attempts).toBe(0);
    expect(sweep.tasks.get(g.task.taskId)!.state).toBe('queued');
    await s.flush();
    const s2 = new Scheduler({ journal, log });
    await s2.recover();
    expect(s2.sweeps.get('sw')!.tasks.get(g.task.taskId)!.attempts).toBe(0);
  });
});
