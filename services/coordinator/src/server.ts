import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import * as grpc from '@grpc/grpc-js';
import {
  GansweepError,
  loadContract,
  MAX_MESSAGE_BYTES,
  toGrpcStatus,
  type LeaseTaskResponse,
  type SweepServiceHandlers,
  type WorkerServiceHandlers,
} from '@gansweep/contract';
import type { ArtifactStore } from '@gansweep/store';
import { readUri } from '@gansweep/store';
import type { Logger } from '@gansweep/log';
import { parseSweep, SweepError } from '@gansweep/sweep';
import { serializePrepared } from '@gansweep/trial';
import { guardHandlers } from './auth.ts';
import type { EventJournal } from './journal.ts';
import { taskSettingsOf } from './model.ts';
import { prepareDataset } from './prepare.ts';
import { streamSamples } from './samples.ts';
import { buildReport } from './report/index.ts';
import { Scheduler, type LeaseGrant } from './scheduler.ts';
import { sweepToMsg, trialToMsg } from './views.ts';

export interface CoordinatorOptions {
  /** host:port to listen on; port 0 picks a free one. @default '127.0.0.1:7070' */
  listen?: string;
  store: ArtifactStore;
  /** How workers reach the same store (a folder path or s3://bucket/prefix). */
  storeUrl: string;
  /** Metrics bus URL handed to workers; empty = progress over gRPC only. */
  busUrl?: string;
  journal: EventJournal;
  log: Logger;
  /** Required bearer token for every RPC; undefined = no auth (loopback use only). */
  token?: string;
  /** TLS: server key and certificate (PEM); with `clientCa`, client certificates are required. */
  tls?: { key: Buffer; cert: Buffer; clientCa?: Buffer };
  /** @default 30000 */
  leaseTimeoutMs?: number;
  /** @default 5000 */
  heartbeatIntervalMs?: number;
}

export interface Coordinator {
  readonly address: string;
  readonly port: number;
  readonly scheduler: Scheduler;
  close(): Promise<void>;
}

function fail(cb: grpc.sendUnaryData<never>, err: unknown, log: Logger): void {
  const s = toGrpcStatus(err);
  if (s.code === grpc.status.INTERNAL) log.error('request failed', { error: err });
  cb({ code: s.code, details: s.details, name: 'Error', message: s.details, metadata: new grpc.Metadata() }, null);
}

/** Longest a LeaseTask long poll is held, whatever the worker asks for. */
const LONG_POLL_MAX_MS = 1000;

/** A LeaseTask call held open until a task is queued. */
interface LeaseWaiter {
  workerId: string;
  done(grant: LeaseGrant | undefined): void;
}

function newSweepId(name: string): string {
  return `${name}-${randomBytes(3).toString('hex')}`;
}

/** Starts the coordinator's gRPC server (client API + worker API) on top of a recovered scheduler. */
export async function startCoordinator(options: CoordinatorOptions): Promise<Coordinator> {
  const log = options.log;
  const scheduler = new Scheduler({ journal: options.journal, log, leaseTimeoutMs: options.leaseTimeoutMs });
  const replayed = await scheduler.recover();
  if (replayed > 0) log.info('state recovered from journal', { events: replayed, sweeps: scheduler.sweeps.size });
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 5000;
  const { store } = options;
  const contract = loadContract();
  let closing = false;

  const getSweep = (id: string) => {
    const s = scheduler.sweeps.get(id);
    if (!s) throw new GansweepError('NOT_FOUND', `no sweep "${id}"; \`coordinator status\` lists the sweeps`);
    return s;
  };

  /** The winner, and the generator to hand over: the winner's if a GAN won, else the best GAN trial's. */
  const bestKeys = (id: string) => {
    const sweep = getSweep(id);
    const trial = sweep.bestTrialId ? sweep.trials.get(sweep.bestTrialId) : undefined;
    const gan = sweep.bestGanTrialId ? sweep.trials.get(sweep.bestGanTrialId) : undefined;
    const winnerFinal = trial?.finalTaskId ? sweep.tasks.get(trial.finalTaskId) : undefined;
    const ganFinal = gan?.finalTaskId ? sweep.tasks.get(gan.finalTaskId) : undefined;
    return { sweep, trial, final: winnerFinal, gan, ganFinal };
  };

  const sweepHandlers: SweepServiceHandlers = {
    async SubmitSweep(call, cb) {
      try {
        const req = call.request;
        const source = req.sweepSource || 'sweep.json';
        const spec = parseSweep(req.sweepJson, source);
        let csv = req.datasetCsv;
        let csvSource = spec.dataset.path;
        if (!csv || csv.length === 0) {
          if (!spec.dataset.path.startsWith('s3://')) {
            throw new GansweepError(
              'INVALID_DATA',
              `${source}: dataset.path "${spec.dataset.path}" was not uploaded; submit with the CLI, which reads local files, or use an s3:// URI`,
            );
          }
          csv = await readUri(spec.dataset.path);
          csvSource = spec.dataset.path;
        }
        if (spec.dataset.folds && !req.foldsJson) {
          throw new GansweepError(
            'INVALID_DATA',
            `${source}: dataset.folds "${spec.dataset.folds}" was not uploaded; submit with the CLI, which reads local files`,
          );
        }
        const folds = spec.dataset.folds ? { text: req.foldsJson, source: spec.dataset.folds } : undefined;
        const { prepared, summary } = prepareDataset(spec, csv, csvSource, folds);
        const sweepId = newSweepId(spec.name);
        const datasetKey = `sweeps/${sweepId}/dataset.json`;
        await store.put(datasetKey, serializePrepared(prepared));
        const sweep = scheduler.createSweep({
          sweepId,
          spec,
          datasetKey,
          datasetSummary: summary,
          nFolds: prepared.folds.length,
          rows: prepared.dataset.y.length,
          minorityRows: prepared.dataset.y.reduce((a, b) => a + b, 0),
        });
        await scheduler.flush();
        log.info('sweep submitted', { sweepId, trials: sweep.trials.size, dataset: summary });
        cb(null, { sweepId, trials: spec.baselines.length + (spec.space ? spec.search.trials : 0), tasks: sweep.tasks.size });
      } catch (e) {
        if (e instanceof SweepError) fail(cb, new GansweepError('INVALID_SWEEP', e.message), log);
        else fail(cb, e, log);
      }
    },
    GetSweep(call, cb) {
      try {
        cb(null, sweepToMsg(getSweep(call.request.sweepId)));
      } catch (e) {
        fail(cb, e, log);
      }
    },
    ListSweeps(_call, cb) {
      cb(null, { sweeps: [...scheduler.sweeps.values()].map(sweepToMsg) });
    },
    WatchSweep(call) {
      let sweep;
      try {
        sweep = getSweep(call.request.sweepId);
      } catch (e) {
        const s = toGrpcStatus(e);
        call.destroy(Object.assign(new Error(s.details), { code: s.code, details: s.details }));
        return;
      }
      const id = sweep.sweepId;
      const terminal = () => ['done', 'failed', 'cancelled'].includes(scheduler.sweeps.get(id)!.state);
      let timer: NodeJS.Timeout | undefined;
      let lastMessage = 'snapshot';
      const send = () => {
        timer = undefined;
        if (call.cancelled || call.destroyed) return;
        call.write({ sweep: sweepToMsg(scheduler.sweeps.get(id)!), message: lastMessage });
        if (terminal()) {
          unsubscribe();
          call.end();
        }
      };
      // Coalesce bursts of changes into at most ~5 snapshots a second per watcher.
      const unsubscribe = scheduler.subscribe((sid, message) => {
        if (sid !== id) return;
        lastMessage = message;
        if (terminal()) {
          if (timer) clearTimeout(timer);
          send();
        } else if (!timer) timer = setTimeout(send, 200);
      });
      call.on('cancelled', () => {
        unsubscribe();
        if (timer) clearTimeout(timer);
      });
      send();
    },
    async CancelSweep(call, cb) {
      try {
        getSweep(call.request.sweepId);
        const s = scheduler.cancel(call.request.sweepId)!;
        await scheduler.flush();
        cb(null, sweepToMsg(s));
      } catch (e) {
        fail(cb, e, log);
      }
    },
    GetBest(call, cb) {
      try {
        const { sweep, trial, final, gan, ganFinal } = bestKeys(call.request.sweepId);
        if (!trial)
          throw new GansweepError(
            'FAILED_PRECONDITION',
            `sweep ${sweep.sweepId} has no winner yet (state ${sweep.state}); wait for it with \`coordinator watch ${sweep.sweepId}\``,
          );
        const msg = trialToMsg(sweep, trial);
        cb(null, {
          sweepId: sweep.sweepId,
          trial: msg,
          testMetrics: final?.state === 'done' ? (final.metrics ?? {}) : {},
          generatorKey: ganFinal?.generatorKey ?? '',
          encoderKey: ganFinal?.encoderKey ?? '',
          storeLocation: store.location,
          hasGenerator: Boolean(ganFinal?.generatorKey),
          generatorTrial: gan ? trialToMsg(sweep, gan) : undefined,
          generatorTestMetrics: ganFinal?.state === 'done' ? (ganFinal.metrics ?? {}) : {},
          winnerIsGan: !trial.baseline,
        });
      } catch (e) {
        fail(cb, e, log);
      }
    },
    async GetReport(call, cb) {
      try {
        cb(null, { html: await buildReport(getSweep(call.request.sweepId), store) });
      } catch (e) {
        fail(cb, e, log);
      }
    },
    async StreamSamples(call) {
      try {
        const { sweep, ganFinal: final } = bestKeys(call.request.sweepId);
        if (!final?.generatorKey || !final.encoderKey) {
          throw new GansweepError(
            'FAILED_PRECONDITION',
            sweep.state === 'done'
              ? `sweep ${sweep.sweepId} has no generator: no GAN trial finished`
              : `sweep ${sweep.sweepId}: the best generator's final fit has not finished (state ${sweep.state})`,
          );
        }
        const rows = Number(call.request.rows);
        if (!(rows > 0)) throw new GansweepError('INVALID_SWEEP', 'rows must be a positive number (-n N)');
        await streamSamples(
          store,
          { generatorKey: final.generatorKey, encoderKey: final.encoderKey },
          rows,
          call.request.seed,
          async (chunk) => {
            if (call.cancelled) throw new GansweepError('FAILED_PRECONDITION', 'client went away');
            if (!call.write(chunk)) await once(call, 'drain');
          },
          call.request.chunkRows > 0 ? call.request.chunkRows : undefined,
        );
        call.end();
      } catch (e) {
        const s = toGrpcStatus(e);
        if (!call.cancelled) call.destroy(Object.assign(new Error(s.details), { code: s.code, details: s.details }));
      }
    },
  };

  /** The LeaseTask answer for a grant (or for none: ask again after `retryAfterMs`). */
  const leaseMsg = (grant: LeaseGrant | undefined, retryAfterMs: number): LeaseTaskResponse => {
    if (!grant) return { hasTask: false, retryAfterMs };
    const { sweep, trial, task } = grant;
    return {
      hasTask: true,
      retryAfterMs: 0,
      task: {
        leaseId: task.leaseId!,
        taskId: task.taskId,
        sweepId: sweep.sweepId,
        trialId: trial.trialId,
        kind: task.kind,
        fold: task.fold,
        attempt: task.attempts,
        method: trial.method,
        paramsJson: JSON.stringify(trial.params),
        settingsJson: JSON.stringify(taskSettingsOf(sweep.spec)),
        datasetKey: sweep.datasetKey,
        seed: (sweep.spec.validation.seed * 1_000_003 + trial.order * 7919 + Math.max(0, task.fold) * 31) >>> 0,
        checkpointPrefix: `sweeps/${sweep.sweepId}/trials/${trial.trialId}/${task.kind === 'final' ? 'final' : `fold-${task.fold}`}`,
      },
    };
  };

  // Long-polling LeaseTask calls, served in arrival order whenever the scheduler changes (a change may queue tasks:
  // new trials, retries, expired or handed-back leases, final fits). The scheduler notifies before it finishes the
  // change (advance() runs after the event), so the waiters are served in a microtask, once per burst.
  const waiters: LeaseWaiter[] = [];
  let serveQueued = false;
  const serveWaiters = () => {
    serveQueued = false;
    for (let i = 0; i < waiters.length;) {
      const w = waiters[i]!;
      const grant = scheduler.lease(w.workerId);
      if (grant) {
        waiters.splice(i, 1);
        w.done(grant);
      } else if (scheduler.workers.get(w.workerId)?.quarantined) i++;
      else break; // nothing queued for anyone
    }
  };
  const unsubscribeWaiters = scheduler.subscribe(() => {
    if (waiters.length > 0 && !serveQueued) {
      serveQueued = true;
      queueMicrotask(serveWaiters);
    }
  });
  /** Resolves with a grant as soon as one is available, or undefined after `waitMs` (or when the call goes away). */
  const waitForTask = (workerId: string, waitMs: number, call: { on(event: 'cancelled', f: () => void): unknown }) =>
    new Promise<LeaseGrant | undefined>((resolve) => {
      const w: LeaseWaiter = {
        workerId,
        done: (grant) => {
          clearTimeout(timer);
          resolve(grant);
        },
      };
      const drop = () => {
        const i = waiters.indexOf(w);
        if (i >= 0) waiters.splice(i, 1);
        w.done(undefined);
      };
      const timer = setTimeout(drop, waitMs);
      call.on('cancelled', drop);
      waiters.push(w);
    });

  const workerHandlers: WorkerServiceHandlers = {
    Register(call, cb) {
      const r = call.request;
      const w = scheduler.registerWorker({ hostname: r.hostname, backend: r.backend, slots: r.slots, name: r.name });
      cb(null, {
        workerId: w.workerId,
        heartbeatIntervalMs,
        leaseTimeoutMs: scheduler.leaseTimeoutMs,
        storeUrl: options.storeUrl,
        busUrl: options.busUrl ?? '',
      });
    },
    async LeaseTask(call, cb) {
      try {
        const { workerId, waitMs } = call.request;
        let grant = scheduler.lease(workerId);
        if (!grant && waitMs > 0 && !closing) grant = await waitForTask(workerId, Math.min(waitMs, LONG_POLL_MAX_MS), call);
        if (grant) await scheduler.flush();
        // After a long poll that found nothing the worker may ask again at once; a plain poll waits as before.
        cb(null, leaseMsg(grant, waitMs > 0 && !closing ? 0 : 250));
      } catch (e) {
        fail(cb, e, log);
      }
    },
    Heartbeat(call, cb) {
      cb(null, { revokedLeaseIds: scheduler.heartbeat(call.request.workerId, call.request.leaseIds) });
    },
    async ReportProgress(call, cb) {
      const r = call.request;
      const ack = scheduler.progress(r.leaseId, r.step, r.metrics);
      await scheduler.flush().catch(() => undefined);
      cb(null, ack);
    },
    async ReportResult(call, cb) {
      try {
        const r = call.request;
        if (r.released) {
          const ok = scheduler.release(r.leaseId, r.error || 'handed back by a draining worker');
          await scheduler.flush();
          cb(null, { accepted: ok, reason: ok ? '' : 'stale lease' });
          return;
        }
        const result = scheduler.result(r.leaseId, {
          ok: r.ok,
          error: r.error || undefined,
          permanent: r.permanent,
          metrics: r.metrics,
          bestStep: r.bestStep,
          curve: r.curve.map((p) => ({ step: p.step, valF1: p.valF1, criticLoss: p.criticLoss, generatorLoss: p.generatorLoss })),
          generatorKey: r.generatorKey || undefined,
          encoderKey: r.encoderKey || undefined,
          resumedFromStep: r.resumedFromStep,
        });
        // The slot's next lease rides on this answer: one round trip between tasks instead of two.
        const next = r.leaseNext && r.workerId && !closing ? leaseMsg(scheduler.lease(r.workerId), 0) : undefined;
        await scheduler.flush();
        cb(null, { ...result, next });
      } catch (e) {
        fail(cb, e, log);
      }
    },
  };

  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  });
  server.addService(
    contract.gansweep.v1.SweepService.service,
    guardHandlers(sweepHandlers as unknown as Record<string, (...a: never[]) => unknown>, options.token) as unknown as SweepServiceHandlers,
  );
  server.addService(
    contract.gansweep.v1.WorkerService.service,
    guardHandlers(
      workerHandlers as unknown as Record<string, (...a: never[]) => unknown>,
      options.token,
    ) as unknown as WorkerServiceHandlers,
  );
  const creds = options.tls
    ? grpc.ServerCredentials.createSsl(
        options.tls.clientCa ?? null,
        [{ private_key: options.tls.key, cert_chain: options.tls.cert }],
        Boolean(options.tls.clientCa),
      )
    : grpc.ServerCredentials.createInsecure();
  const listen = options.listen ?? '127.0.0.1:7070';
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(listen, creds, (err, p) =>
      err ? reject(new GansweepError('UNAVAILABLE', `cannot listen on ${listen}: ${err.message}`, { cause: err })) : resolve(p),
    ),
  );
  const host = listen.slice(0, listen.lastIndexOf(':'));
  const address = `${host}:${port}`;
  const expiry = setInterval(() => scheduler.expireLeases(), Math.min(1000, Math.max(100, scheduler.leaseTimeoutMs / 5)));
  expiry.unref();
  log.info('coordinator listening', { address, store: store.location, auth: Boolean(options.token), tls: Boolean(options.tls) });
  return {
    address,
    port,
    scheduler,
    close: async () => {
      clearInterval(expiry);
      // Long polls answer now (no task) so that shutdown does not wait for them.
      closing = true;
      unsubscribeWaiters();
      for (const w of waiters.splice(0)) w.done(undefined);
      // Open watch and sample streams would hold a graceful shutdown forever: give them a few seconds.
      await Promise.race([
        new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
        new Promise((r) => setTimeout(r, 3000).unref()),
      ]);
      server.forceShutdown();
      await scheduler.flush().catch(() => undefined);
      await options.journal.close();
    },
  };
}
