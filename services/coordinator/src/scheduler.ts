import { randomUUID } from 'node:crypto';
import { createSearch, type GanTrialParams, type SearchStrategy } from '@gansweep/sweep';
import type { Logger } from '@gansweep/log';
import { applyEvent, type CoordinatorEvent } from './events.ts';
import type { EventJournal } from './journal.ts';
import type { SweepRecord, TaskRecord, TrialRecord } from './model.ts';
import { mean } from './stats.ts';
import { ashaRung, ashaVerdict } from './asha.ts';

export interface SchedulerOptions {
  journal: EventJournal;
  log: Logger;
  /** A lease not renewed by heartbeat or progress for this long is taken back and retried. @default 30000 */
  leaseTimeoutMs?: number;
  /** Consecutive failed tasks after which a worker gets no more tasks. @default 3 */
  quarantineAfter?: number;
  now?: () => number;
}

export interface WorkerInfo {
  workerId: string;
  hostname: string;
  backend: string;
  slots: number;
  lastSeen: number;
  consecutiveFailures: number;
  quarantined: boolean;
}

export interface LeaseGrant {
  sweep: SweepRecord;
  trial: TrialRecord;
  task: TaskRecord;
}

/** What a worker reports for a task: the task_finished event without the fields the scheduler fills in. */
export type ResultInput = Omit<Extract<CoordinatorEvent, { type: 'task_finished' }>, 'type' | 'sweepId' | 'taskId' | 'leaseId' | 'at'>;

type Listener = (sweepId: string, message: string) => void;

/** The trial's score on the sweep's selection metric, mean over folds (NaN until every fold is done). */
export function trialScore(sweep: SweepRecord, trial: TrialRecord): { mean: number; folds: number[] } {
  const metric = sweep.spec.select.metric;
  const folds = trial.taskIds.map((id) => sweep.tasks.get(id)?.metrics?.[metric] ?? NaN);
  return { mean: folds.some(Number.isNaN) ? NaN : mean(folds), folds };
}

/**
 * The coordinator's brain: sweeps, trials and tasks; leases with deadlines; retries, fencing, early stopping and the
 * final fit of the winner. Every change goes through {@link emit}, which applies an event and journals it, so the same
 * state comes back after a restart.
 */
export class Scheduler {
  readonly sweeps = new Map<string, SweepRecord>();
  readonly workers = new Map<string, WorkerInfo>();
  private readonly searches = new Map<string, { strategy: SearchStrategy; exhausted: boolean }>();
  private readonly leases = new Map<string, { sweepId: string; taskId: string }>();
  private readonly listeners = new Set<Listener>();
  private pending: Promise<void> = Promise.resolve();
  private journalError: unknown;
  readonly leaseTimeoutMs: number;
  private readonly quarantineAfter: number;
  private readonly now: () => number;
  private readonly log: Logger;
  private readonly journal: EventJournal;
  /** Counters for metrics endpoints. */
  readonly counters = { leaseExpirations: 0, retries: 0, staleResults: 0 };

  constructor(options: SchedulerOptions) {
    this.journal = options.journal;
    this.log = options.log;
    this.leaseTimeoutMs = options.leaseTimeoutMs ?? 30_000;
    this.quarantineAfter = options.quarantineAfter ?? 3;
    this.now = options.now ?? Date.now;
  }

  /** Rebuilds state from the journal. Leases that were live get a fresh deadline so their workers can finish. */
  async recover(): Promise<number> {
    const events = await this.journal.readAll();
    for (const ev of events) this.apply(ev);
    const now = this.now();
    for (const sweep of this.sweeps.values()) {
      const search = this.searchOf(sweep);
      for (let i = 0; i < sweep.searchAsked; i++) search.strategy.ask();
      for (const trial of sweep.trials.values()) {
        if (!trial.baseline && trial.state === 'done') search.strategy.tell(trial.params as GanTrialParams, trialScore(sweep, trial).mean);
      }
      for (const t of sweep.tasks.values()) if (t.state === 'leased') t.leaseDeadline = now + this.leaseTimeoutMs;
    }
    for (const sweep of this.sweeps.values()) if (sweep.state === 'running' || sweep.state === 'finalizing') this.advance(sweep);
    return events.length;
  }

  private maxAttempts = (s: SweepRecord): number => s.spec.search.maxAttempts;

  private apply(ev: CoordinatorEvent): void {
    applyEvent(this.sweeps, ev, this.maxAttempts);
    if (ev.type === 'task_leased') this.leases.set(ev.leaseId, { sweepId: ev.sweepId, taskId: ev.taskId });
    if (ev.type === 'task_finished' || ev.type === 'task_released') this.leases.delete(ev.leaseId);
  }

  /** Applies an event now and appends it to the journal in order. */
  private emit(ev: CoordinatorEvent, message?: string): void {
    this.apply(ev);
    this.pending = this.pending.then(
      () => this.journal.append(ev),
      (e) => {
        this.journalError = e;
      },
    );
    if (message !== undefined) this.notify(ev.sweepId, message);
  }

  /** Resolves once every emitted event is durable; RPCs that change state answer only after this. */
  async flush(): Promise<void> {
    await this.pending;
    if (this.journalError) throw this.journalError;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(sweepId: string, message: string): void {
    for (const l of this.listeners) l(sweepId, message);
  }

  private searchOf(sweep: SweepRecord): { strategy: SearchStrategy; exhausted: boolean } {
    let s = this.searches.get(sweep.sweepId);
    if (!s) {
      s = { strategy: createSearch(sweep.spec), exhausted: false };
      this.searches.set(sweep.sweepId, s);
    }
    return s;
  }

  /** Creates a sweep whose dataset is already prepared in the artifact store. */
  createSweep(args: Omit<Extract<CoordinatorEvent, { type: 'sweep_created' }>, 'type' | 'name' | 'at'>): SweepRecord {
    const { sweepId, spec } = args;
    this.emit({ type: 'sweep_created', ...args, name: spec.name, at: this.now() }, 'sweep created');
    const sweep = this.sweeps.get(sweepId)!;
    if (args.sleepMs === undefined) {
      for (const b of spec.baselines) {
        this.emit({ type: 'trial_added', sweepId, trialId: `b-${b}`, method: b, baseline: true, params: {}, fromSearch: false });
      }
    }
    this.advance(sweep);
    return sweep;
  }

  /** Opens GAN trials up to maxConcurrent, and moves the sweep on when its trials are all settled. */
  private advance(sweep: SweepRecord): void {
    if (sweep.state === 'running') {
      const search = this.searchOf(sweep);
      const open = () => [...sweep.trials.values()].filter((t) => !t.baseline && (t.state === 'queued' || t.state === 'running')).length;
      while (!search.exhausted && open() < sweep.spec.search.maxConcurrent) {
        const params = search.strategy.ask();
        if (!params) {
          search.exhausted = true;
          break;
        }
        const n = sweep.searchAsked + 1;
        const trialId = `t${String(n).padStart(3, '0')}`;
        const p: Record<string, unknown> = sweep.sleepMs !== undefined ? { ms: sweep.sleepMs } : { ...params };
        this.emit({
          type: 'trial_added',
          sweepId: sweep.sweepId,
          trialId,
          method: sweep.sleepMs !== undefined ? 'sleep' : params.variant,
          baseline: false,
          params: p,
          fromSearch: true,
        });
      }
      const settled = [...sweep.trials.values()].every((t) => t.state === 'done' || t.state === 'failed' || t.state === 'pruned');
      if (search.exhausted && settled) this.selectWinner(sweep);
    } else if (sweep.state === 'finalizing') {
      const finals = [...sweep.trials.values()].filter((t) => t.finalTaskId).map((t) => sweep.tasks.get(t.finalTaskId!)!);
      if (finals.every((t) => t.state === 'done' || t.state === 'failed')) {
        const winner = sweep.tasks.get(sweep.trials.get(sweep.bestTrialId!)!.finalTaskId!)!;
        if (winner.state === 'done')
          this.emit({ type: 'sweep_ended', sweepId: sweep.sweepId, state: 'done', at: this.now() }, 'sweep done');
        else
          this.emit(
            {
              type: 'sweep_ended',
              sweepId: sweep.sweepId,
              state: 'failed',
              at: this.now(),
              error: `final fit of ${sweep.bestTrialId} failed: ${winner.error}`,
            },
            'sweep failed',
          );
      }
    }
  }

  private selectWinner(sweep: SweepRecord): void {
    const done = [...sweep.trials.values()].filter((t) => t.state === 'done');
    if (done.length === 0) {
      const errors = [...sweep.trials.values()].map((t) => `${t.trialId} (${t.method}): ${t.error ?? t.state}`).slice(0, 5);
      this.emit(
        { type: 'sweep_ended', sweepId: sweep.sweepId, state: 'failed', at: this.now(), error: `no trial finished; ${errors.join('; ')}` },
        'sweep failed',
      );
      return;
    }
    const ranked = done.map((t) => ({ t, s: trialScore(sweep, t).mean })).sort((a, b) => b.s - a.s || a.t.order - b.t.order);
    const best = ranked[0]!.t;
    const bestBaseline = ranked.find((r) => r.t.baseline)?.t;
    const bestGan = ranked.find((r) => !r.t.baseline)?.t;
    this.emit(
      {
        type: 'sweep_best',
        sweepId: sweep.sweepId,
        bestTrialId: best.trialId,
        bestBaselineTrialId: bestBaseline?.trialId,
        bestGanTrialId: bestGan?.trialId,
      },
      `best trial ${best.trialId} (${best.method})`,
    );
    if (sweep.sleepMs !== undefined) {
      this.emit({ type: 'sweep_ended', sweepId: sweep.sweepId, state: 'done', at: this.now() }, 'sweep done');
      return;
    }
    // The winner, the best baseline (the honest comparison) and the best GAN (the generator handed over) are re-fit on
    // all training rows and scored once on the test hold-out.
    for (const t of new Set([best, bestBaseline, bestGan].filter((x): x is TrialRecord => x !== undefined))) {
      this.emit(
        { type: 'final_added', sweepId: sweep.sweepId, trialId: t.trialId, taskId: `${t.trialId}/final` },
        `final fit of ${t.trialId} queued`,
      );
    }
  }

  registerWorker(info: Omit<WorkerInfo, 'lastSeen' | 'consecutiveFailures' | 'quarantined' | 'workerId'> & { name?: string }): WorkerInfo {
    const workerId = `${info.name || info.hostname}-${randomUUID().slice(0, 8)}`;
    const w: WorkerInfo = {
      workerId,
      hostname: info.hostname,
      backend: info.backend,
      slots: info.slots,
      lastSeen: this.now(),
      consecutiveFailures: 0,
      quarantined: false,
    };
    this.workers.set(workerId, w);
    this.log.info('worker registered', { workerId, backend: w.backend, slots: w.slots });
    return w;
  }

  private touch(workerId: string): WorkerInfo | undefined {
    const w = this.workers.get(workerId);
    if (w) w.lastSeen = this.now();
    return w;
  }

  /** Picks the next task for a worker: final fits first, then GAN folds in trial order, then baselines. */
  lease(workerId: string): LeaseGrant | undefined {
    const w = this.touch(workerId);
    if (w?.quarantined) return undefined;
    let pick: { sweep: SweepRecord; task: TaskRecord; rank: number } | undefined;
    for (const sweep of this.sweeps.values()) {
      if (sweep.state !== 'running' && sweep.state !== 'finalizing') continue;
      for (const task of sweep.tasks.values()) {
        if (task.state !== 'queued') continue;
        const trial = sweep.trials.get(task.trialId)!;
        const rank = task.kind === 'final' ? 0 : trial.baseline ? 2 : 1;
        if (!pick || rank < pick.rank) pick = { sweep, task, rank };
        if (rank === 0) break;
      }
      if (pick) break;
    }
    if (!pick) return undefined;
    const leaseId = randomUUID();
    const { sweep, task } = pick;
    if (task.attempts > 0) this.counters.retries++;
    this.emit(
      {
        type: 'task_leased',
        sweepId: sweep.sweepId,
        taskId: task.taskId,
        leaseId,
        workerId,
        deadline: this.now() + this.leaseTimeoutMs,
        at: this.now(),
      },
      `${task.taskId} started`,
    );
    return { sweep, trial: sweep.trials.get(task.trialId)!, task };
  }

  private byLease(leaseId: string): { sweep: SweepRecord; task: TaskRecord } | undefined {
    const ref = this.leases.get(leaseId);
    if (!ref) return undefined;
    const sweep = this.sweeps.get(ref.sweepId);
    const task = sweep?.tasks.get(ref.taskId);
    if (!sweep || !task || task.leaseId !== leaseId || task.state !== 'leased') return undefined;
    return { sweep, task };
  }

  /** Renews the worker's leases; returns those it must drop. */
  heartbeat(workerId: string, leaseIds: string[]): string[] {
    this.touch(workerId);
    const revoked: string[] = [];
    for (const id of leaseIds) {
      const hit = this.byLease(id);
      if (!hit) revoked.push(id);
      else hit.task.leaseDeadline = this.now() + this.leaseTimeoutMs;
    }
    return revoked;
  }

  /** Records progress; answers stop when the lease is gone or early stopping prunes the trial. */
  progress(leaseId: string, step: number, metrics: Record<string, number>): { stop: boolean; reason: string } {
    const hit = this.byLease(leaseId);
    if (!hit) return { stop: true, reason: 'lease no longer valid (expired, cancelled or pruned)' };
    const { sweep, task } = hit;
    task.leaseDeadline = this.now() + this.leaseTimeoutMs;
    task.lastStep = step;
    task.lastMetrics = metrics;
    if (task.workerId) this.touch(task.workerId);
    const trial = sweep.trials.get(task.trialId)!;
    const reached = task.kind === 'fold' && !trial.baseline ? ashaRung(sweep, task, step, metrics) : undefined;
    if (reached) this.emit({ type: 'rung_recorded', sweepId: sweep.sweepId, trialId: trial.trialId, fold: task.fold, ...reached });
    const decision = reached ? ashaVerdict(sweep, task, reached.rung, reached.score) : undefined;
    if (decision) {
      this.emit(
        { type: 'trial_pruned', sweepId: sweep.sweepId, trialId: trial.trialId, reason: decision },
        `${trial.trialId} pruned: ${decision}`,
      );
      for (const [id, ref] of this.leases) if (ref.sweepId === sweep.sweepId && trial.taskIds.includes(ref.taskId)) this.leases.delete(id);
      this.advance(sweep);
      return { stop: true, reason: `pruned by early stopping: ${decision}` };
    }
    this.notify(sweep.sweepId, `${task.taskId} step ${step}`);
    return { stop: false, reason: '' };
  }

  /** Accepts a result only from the task's current lease (a late answer from an expired lease is fenced off). */
  result(leaseId: string, r: ResultInput): { accepted: boolean; reason: string } {
    const hit = this.byLease(leaseId);
    if (!hit) {
      this.counters.staleResults++;
      return { accepted: false, reason: 'stale lease: the task was re-assigned, pruned or cancelled; result discarded' };
    }
    const { sweep, task } = hit;
    const worker = task.workerId ? this.touch(task.workerId) : undefined;
    this.emit(
      { ...r, type: 'task_finished', sweepId: sweep.sweepId, taskId: task.taskId, leaseId, at: this.now() },
      r.ok ? `${task.taskId} done` : `${task.taskId} failed: ${r.error}`,
    );
    if (worker) {
      if (r.ok || r.permanent) worker.consecutiveFailures = 0;
      else if (++worker.consecutiveFailures >= this.quarantineAfter && !worker.quarantined) {
        worker.quarantined = true;
        this.log.warn('worker quarantined after consecutive failures', {
          workerId: worker.workerId,
          failures: worker.consecutiveFailures,
          lastError: r.error,
        });
      }
    }
    const trial = sweep.trials.get(task.trialId)!;
    if (trial.state === 'done' && !trial.baseline && task.kind === 'fold') {
      this.searchOf(sweep).strategy.tell(trial.params as GanTrialParams, trialScore(sweep, trial).mean);
    }
    this.advance(sweep);
    return { accepted: true, reason: '' };
  }

  /** Takes back leases whose deadline passed (their worker died or hung) and re-queues their tasks. */
  expireLeases(): number {
    const now = this.now();
    let n = 0;
    for (const [leaseId, ref] of [...this.leases]) {
      const hit = this.byLease(leaseId);
      if (!hit) {
        this.leases.delete(leaseId);
        continue;
      }
      if ((hit.task.leaseDeadline ?? Infinity) < now) {
        n++;
        this.counters.leaseExpirations++;
        this.emit(
          {
            type: 'task_released',
            sweepId: ref.sweepId,
            taskId: ref.taskId,
            leaseId,
            reason: `lease expired: worker ${hit.task.workerId} stopped heartbeating`,
            at: now,
          },
          `${ref.taskId} lease expired; re-queued`,
        );
        this.advance(hit.sweep);
      }
    }
    return n;
  }

  /** Hands a lease back without counting a failure (worker draining). */
  release(leaseId: string, reason: string): boolean {
    const hit = this.byLease(leaseId);
    if (!hit) return false;
    this.emit(
      { type: 'task_released', sweepId: hit.sweep.sweepId, taskId: hit.task.taskId, leaseId, reason, at: this.now(), handedBack: true },
      `${hit.task.taskId} handed back`,
    );
    return true;
  }

  cancel(sweepId: string): SweepRecord | undefined {
    const sweep = this.sweeps.get(sweepId);
    if (!sweep) return undefined;
    if (sweep.state === 'running' || sweep.state === 'finalizing') {
      this.emit({ type: 'sweep_ended', sweepId, state: 'cancelled', at: this.now(), error: 'cancelled by the user' }, 'sweep cancelled');
      for (const [id, ref] of this.leases) if (ref.sweepId === sweepId) this.leases.delete(id);
    }
    return sweep;
  }
}
