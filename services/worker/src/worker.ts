import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import * as grpc from '@grpc/grpc-js';
import {
  createWorkerClient,
  describeGrpcError,
  isGrpcStatus,
  isUnavailable,
  unary,
  type ClientOptions,
  type TaskMsg,
  type WorkerServiceClient,
  type RegisterResponseMsg,
  type LeaseTaskResponseMsg,
  type HeartbeatResponseMsg,
  type ProgressAckMsg,
  type ResultAckMsg,
} from '@gansweep/contract';
import { createArtifactStore, type ArtifactStore } from '@gansweep/store';
import type { Logger } from '@gansweep/log';
import { initBackend, type BackendName } from '@gansweep/gan';
import { runTask, taskSettingsSchema, TaskInputError, TaskStoppedError, type TaskOutcome, type TaskSpec } from '@gansweep/trial';
import { connectBus, type WorkerBus } from './bus.ts';

/** How long a slot asks the coordinator to hold LeaseTask when nothing is queued (the coordinator caps it). */
const LEASE_WAIT_MS = 1000;

export interface WorkerOptions {
  /** host:port of the coordinator. */
  coordinator: string;
  client?: ClientOptions;
  /** Tasks run at once in this process. @default 1 */
  slots?: number;
  /** @default 'auto' */
  backend?: 'auto' | BackendName;
  name?: string;
  log: Logger;
  /** Give up when the coordinator stays unreachable this long at start. @default 60000 */
  connectTimeoutMs?: number;
  /** Observers (metrics); called synchronously, must not throw. */
  hooks?: WorkerHooks;
}

/** How a task ended on this worker, as seen by {@link WorkerHooks.taskEnded}. */
export type TaskEndOutcome = 'done' | 'failed' | 'stopped' | 'released';

/** Callbacks for observers such as the Prometheus exporter; they never change what the worker does. */
export interface WorkerHooks {
  taskStarted?(task: TaskMsg): void;
  progress?(task: TaskMsg, step: number, metrics: Record<string, number>): void;
  taskEnded?(task: TaskMsg, outcome: TaskEndOutcome, ms: number, accepted: boolean): void;
}

export type WorkerState = 'starting' | 'running' | 'draining' | 'stopped';

/** How long a draining worker keeps retrying its last reports to an unreachable coordinator. */
const DRAIN_GRACE_MS = 10_000;

interface Running {
  task: TaskMsg;
  controller: AbortController;
}

/**
 * A worker process: registers with the coordinator, leases tasks, runs them, heartbeats, reports. SIGTERM (drain)
 * stops taking tasks, stops running ones at their next step slice, and hands their leases back; the last checkpoint
 * is in the store, so the task resumes elsewhere.
 */
export class Worker {
  state: WorkerState = 'starting';
  private client: WorkerServiceClient;
  private store?: ArtifactStore;
  private bus?: WorkerBus;
  private workerId = '';
  private reg?: RegisterResponseMsg;
  private readonly running = new Map<string, Running>();
  private readonly cache = new Map<string, unknown>();
  private heartbeat?: NodeJS.Timeout;
  private loops: Promise<void>[] = [];
  /** Progress reports still in flight for tasks that have already reported their result. */
  private readonly progressTails = new Set<Promise<void>>();
  backend: BackendName = 'cpu';
  readonly log: Logger;
  /** Tasks finished by this process (any outcome), for logs and tests. */
  tasksDone = 0;
  private drainStartedAt = 0;

  constructor(private readonly options: WorkerOptions) {
    this.client = createWorkerClient(options.coordinator, options.client);
    this.log = options.log;
  }

  /** Calls the coordinator, retrying while it is unreachable (it may be restarting). */
  private async call<Req, Res>(
    fn: (req: Req, md: grpc.Metadata, opts: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown,
    req: Req,
    giveUpMs = Infinity,
    onlyWhileRunning = false,
  ): Promise<Res> {
    const start = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return await unary<Req, Res>(fn.bind(this.client), req, 30_000);
      } catch (e) {
        if (isGrpcStatus(e, grpc.status.UNAUTHENTICATED)) throw new Error(describeGrpcError(e, this.options.coordinator));
        // A draining worker stops waiting for a coordinator that went away: after a grace period for its last
        // reports, or at once for calls that only make sense while running (asking for work).
        const stopping = this.state === 'draining' || this.state === 'stopped';
        const graceOver = stopping && (onlyWhileRunning || Date.now() - this.drainStartedAt > DRAIN_GRACE_MS);
        if (!isUnavailable(e) || Date.now() - start > giveUpMs || graceOver)
          throw new Error(describeGrpcError(e, this.options.coordinator), { cause: e });
        if (attempt % 10 === 0) this.log.warn('coordinator unreachable, retrying', { coordinator: this.options.coordinator });
        await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 5)));
      }
    }
  }

  async start(): Promise<void> {
    const b = await initBackend(this.options.backend ?? 'auto');
    this.backend = b.backend;
    const reg = await this.call<object, RegisterResponseMsg>(
      this.client.Register,
      {
        hostname: os.hostname(),
        pid: process.pid,
        backend: b.backend,
        slots: this.options.slots ?? 1,
        version: '0.1.0',
        name: this.options.name ?? '',
      },
      this.options.connectTimeoutMs ?? 60_000,
    );
    this.reg = reg;
    this.workerId = reg.workerId;
    this.log.info('worker registered', {
      workerId: reg.workerId,
      backend: b.backend,
      detail: b.detail,
      store: reg.storeUrl,
      bus: reg.busUrl || 'grpc',
    });
    this.store = await createArtifactStore(reg.storeUrl);
    this.bus = await connectBus(reg.busUrl, this.log);
    this.state = 'running';
    this.heartbeat = setInterval(() => void this.beat(), reg.heartbeatIntervalMs);
    this.heartbeat.unref();
    for (let s = 0; s < (this.options.slots ?? 1); s++) this.loops.push(this.loop());
  }

  /** Resolves when every slot loop has ended (after drain). */
  async done(): Promise<void> {
    await Promise.all(this.loops);
  }

  private async beat(): Promise<void> {
    if (this.running.size === 0 || this.state === 'stopped') return;
    try {
      const res = await unary<object, HeartbeatResponseMsg>(
        this.client.Heartbeat.bind(this.client),
        { workerId: this.workerId, leaseIds: [...this.running.keys()] },
        10_000,
      );
      for (const id of res.revokedLeaseIds) {
        const r = this.running.get(id);
        if (r) {
          this.log.warn('lease revoked by the coordinator; stopping task', { taskId: r.task.taskId });
          r.controller.abort('lease revoked');
        }
      }
    } catch (e) {
      this.log.warn('heartbeat failed', { error: describeGrpcError(e, this.options.coordinator) });
    }
  }

  private async loop(): Promise<void> {
    // The next task may come back with the previous result (lease_next), saving the LeaseTask round trip.
    let next: TaskMsg | undefined;
    while (this.state === 'running') {
      let task = next;
      next = undefined;
      if (!task) {
        let res: LeaseTaskResponseMsg;
        try {
          // Long poll: the coordinator answers as soon as a task is queued (an older one answers at once).
          res = await this.call<object, LeaseTaskResponseMsg>(this.client.LeaseTask, { workerId: this.workerId, waitMs: LEASE_WAIT_MS });
        } catch (e) {
          this.log.error('lease request failed', { error: (e as Error).message });
          await sleep(1000);
          continue;
        }
        if (!res.hasTask || !res.task) {
          if (res.retryAfterMs > 0) await sleep(res.retryAfterMs);
          continue;
        }
        task = res.task;
      }
      // A lease granted while the drain began is handed back at once rather than run.
      if (this.state !== 'running') {
        await this.handBack(task);
        break;
      }
      next = await this.execute(task);
    }
    if (next) await this.handBack(next);
  }

  /** Returns a lease this process will not run (draining) without counting a failure. */
  private async handBack(task: TaskMsg): Promise<void> {
    try {
      await this.call<object, ResultAckMsg>(this.client.ReportResult, {
        leaseId: task.leaseId,
        taskId: task.taskId,
        ok: false,
        released: true,
        error: 'handed back by a draining worker',
      });
      this.log.info('lease handed back unstarted (draining)', { taskId: task.taskId });
    } catch (e) {
      this.log.warn('could not hand back a lease; it expires on the coordinator', { taskId: task.taskId, error: (e as Error).message });
    }
  }

  /** Runs a task and reports its result; resolves with the slot's next task when the coordinator sent one along. */
  private async execute(task: TaskMsg): Promise<TaskMsg | undefined> {
    const controller = new AbortController();
    this.running.set(task.leaseId, { task, controller });
    const log = this.log.child({ sweepId: task.sweepId, trialId: task.trialId, taskId: task.taskId, attempt: task.attempt });
    log.info('task started', { method: task.method, kind: task.kind, fold: task.fold });
    const t0 = Date.now();
    let progressChain: Promise<void> = Promise.resolve();
    // Settles once the latest progress call has been issued (not answered): the result goes out after it on the same
    // connection, so the coordinator sees them in order, without the result waiting a round trip for the last ack.
    let progressIssued: Promise<void> = Promise.resolve();
    this.options.hooks?.taskStarted?.(task);
    let ended: TaskEndOutcome = 'failed';
    let accepted = false;
    let report: Record<string, unknown>;
    try {
      const spec: TaskSpec = {
        taskId: task.taskId,
        sweepId: task.sweepId,
        trialId: task.trialId,
        kind: task.kind as TaskSpec['kind'],
        fold: task.fold,
        attempt: task.attempt,
        method: task.method,
        params: JSON.parse(task.paramsJson || '{}') as Record<string, unknown>,
        settings:
          task.kind === 'sleep'
            ? taskSettingsSchema.parse({ classifier: { type: 'logistic' } })
            : taskSettingsSchema.parse(JSON.parse(task.settingsJson)),
        datasetKey: task.datasetKey,
        seed: task.seed,
        checkpointPrefix: task.checkpointPrefix,
      };
      const outcome: TaskOutcome = await runTask(spec, {
        store: this.store!,
        signal: controller.signal,
        log,
        cache: this.cache,
        // Progress goes out in the background, in order: training does not wait for the round trip. A "stop"
        // answer (pruned, cancelled, lease lost) aborts the task, which notices at its next step slice.
        progress: async (u) => {
          this.options.hooks?.progress?.(task, u.step, u.metrics);
          this.bus?.publish({
            sweepId: task.sweepId,
            trialId: task.trialId,
            taskId: task.taskId,
            attempt: task.attempt,
            step: u.step,
            metrics: u.metrics,
            ts: Date.now(),
          });
          let issued!: () => void;
          progressIssued = new Promise<void>((resolve) => (issued = resolve));
          progressChain = progressChain
            .then(() => {
              const sent = this.call<object, ProgressAckMsg>(this.client.ReportProgress, {
                leaseId: task.leaseId,
                taskId: task.taskId,
                step: u.step,
                metrics: u.metrics,
              });
              issued();
              return sent;
            })
            .then((ack) => {
              if (ack.stop && !controller.signal.aborted) controller.abort(ack.reason || 'stopped by the coordinator');
            })
            .catch((e: unknown) => log.warn('progress report failed', { error: (e as Error).message }));
          return controller.signal.aborted ? { stop: true, reason: String(controller.signal.reason) } : { stop: false };
        },
      });
      report = {
        ok: true,
        metrics: outcome.metrics,
        bestStep: outcome.bestStep,
        curve: outcome.curve,
        generatorKey: outcome.generatorKey ?? '',
        encoderKey: outcome.encoderKey ?? '',
        resumedFromStep: outcome.resumedFromStep,
      };
      log.info('task done', { ms: Date.now() - t0, f1: outcome.metrics.f1, resumedFromStep: outcome.resumedFromStep });
      ended = 'done';
    } catch (e) {
      const err = e as Error;
      if (e instanceof TaskStoppedError && this.state === 'draining') {
        report = { ok: false, released: true, error: 'handed back by a draining worker' };
        ended = 'released';
        log.info('task handed back (draining)');
      } else if (e instanceof TaskStoppedError) {
        report = { ok: false, error: `stopped: ${err.message}` };
        ended = 'stopped';
        log.info('task stopped', { reason: err.message });
      } else {
        report = { ok: false, error: err.message, permanent: e instanceof TaskInputError };
        log.error('task failed', {
          error: err.message,
          permanent: e instanceof TaskInputError,
          stack: err.stack?.split('\n').slice(0, 4).join(' | '),
        });
      }
    }
    let next: TaskMsg | undefined;
    try {
      await progressIssued;
      const leaseNext = this.state === 'running' && ended !== 'released';
      const ack = await this.call<object, ResultAckMsg>(this.client.ReportResult, {
        leaseId: task.leaseId,
        taskId: task.taskId,
        ...report,
        leaseNext,
        workerId: this.workerId,
      });
      accepted = ack.accepted;
      if (!ack.accepted) log.warn('result not accepted', { reason: ack.reason });
      if (ack.next?.hasTask && ack.next.task) next = ack.next.task;
      // The last progress ack is not waited for here (the next task starts at once); drain and close wait for it.
      this.progressTails.add(progressChain);
      void progressChain.then(() => this.progressTails.delete(progressChain));
    } catch (e) {
      log.error('could not report result', { error: (e as Error).message });
    } finally {
      this.running.delete(task.leaseId);
      this.tasksDone++;
      this.options.hooks?.taskEnded?.(task, ended, Date.now() - t0, accepted);
    }
    return next;
  }

  /** Stops taking tasks; running tasks stop at their next slice and are handed back. */
  async drain(): Promise<void> {
    if (this.state !== 'running') return;
    this.state = 'draining';
    this.drainStartedAt = Date.now();
    this.log.info('draining', { running: this.running.size });
    for (const r of this.running.values()) r.controller.abort('worker draining');
    await this.done();
    await this.close();
  }

  async close(): Promise<void> {
    await Promise.all(this.progressTails);
    this.state = 'stopped';
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.bus?.close();
    await this.store?.close();
    this.client.close();
  }

  get id(): string {
    return this.workerId;
  }

  get registration(): RegisterResponseMsg | undefined {
    return this.reg;
  }
}
