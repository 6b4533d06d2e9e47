import { createMetricsBus, type BusSubscription, type MetricEvent, type MetricsBus } from '@gansweep/bus';
import type { Logger } from '@gansweep/log';
import type { Scheduler } from './scheduler.ts';

/**
 * Consumes the per-step metrics workers publish on the bus (NATS JetStream): every sweep that is not finished is
 * followed with replay, so a restarted coordinator catches up on what it missed, and each task's latest step and
 * metrics feed `status`/`watch`. Decisions that need an answer (early stopping, cancellation) stay on the gRPC
 * progress call, which the worker makes at the same checkpoints.
 */
export async function consumeMetrics(
  scheduler: Scheduler,
  url: string,
  log: Logger,
): Promise<{ close(): Promise<void>; readonly bus: MetricsBus }> {
  const bus = await createMetricsBus(url);
  const subs = new Map<string, BusSubscription>();
  const follow = async (sweepId: string): Promise<void> => {
    if (subs.has(sweepId)) return;
    subs.set(sweepId, { close: async () => {} });
    try {
      subs.set(sweepId, await bus.subscribe(sweepId, (ev) => record(scheduler, ev), { replay: true }));
    } catch (e) {
      subs.delete(sweepId);
      log.warn('cannot follow sweep metrics on the bus', { sweepId, error: (e as Error).message });
    }
  };
  for (const s of scheduler.sweeps.values()) if (s.state === 'running' || s.state === 'finalizing') await follow(s.sweepId);
  const unsubscribe = scheduler.subscribe((sweepId, message) => {
    if (message === 'sweep created') void follow(sweepId);
  });
  log.info('consuming worker metrics', { bus: bus.location, sweeps: subs.size });
  return {
    bus,
    close: async () => {
      unsubscribe();
      await Promise.all([...subs.values()].map((s) => s.close().catch(() => undefined)));
      await bus.close();
    },
  };
}

/** Applies one event to its task if it is news (the current attempt, a later step). */
export function record(scheduler: Scheduler, ev: MetricEvent): boolean {
  const task = scheduler.sweeps.get(ev.sweepId)?.tasks.get(ev.taskId);
  if (!task || task.state !== 'leased' || ev.attempt !== task.attempts || ev.step <= (task.lastStep ?? 0)) return false;
  task.lastStep = ev.step;
  task.lastMetrics = ev.metrics;
  scheduler.notify(ev.sweepId, `${ev.taskId} step ${ev.step}`);
  return true;
}
