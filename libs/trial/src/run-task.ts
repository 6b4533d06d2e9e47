import { setTimeout as sleep } from 'node:timers/promises';
import { GAN_VARIANTS } from '@gansweep/sweep';
import { runBaselineTask } from './baseline-task.ts';
import { runGanTask, runGanTaskFilters } from './gan-task.ts';
import { deserializePrepared, type PreparedDataset } from './prepared.ts';
import type { PostFilter } from './synthesize.ts';
import { TaskStoppedError, type TaskContext, type TaskOutcome, type TaskSpec } from './task.ts';

const GAN = new Set<string>(GAN_VARIANTS);

/** True when a method name is a GAN variant (as opposed to a classic baseline). */
export function isGanMethod(method: string): boolean {
  return GAN.has(method);
}

async function loadPrepared(spec: TaskSpec, ctx: TaskContext): Promise<PreparedDataset> {
  const hit = ctx.cache?.get(spec.datasetKey) as PreparedDataset | undefined;
  if (hit) return hit;
  const p = deserializePrepared((await ctx.store.get(spec.datasetKey)).toString('utf8'));
  ctx.cache?.set(spec.datasetKey, p);
  return p;
}

/** A test-only task: sleeps `params.ms` (default 200) in slices, reporting progress; used by bench:scheduler. */
async function runSleepTask(spec: TaskSpec, ctx: TaskContext): Promise<TaskOutcome> {
  const ms = typeof spec.params.ms === 'number' ? spec.params.ms : 200;
  const slices = 4;
  for (let i = 1; i <= slices; i++) {
    await sleep(ms / slices, undefined, { signal: ctx.signal }).catch(() => {
      throw new TaskStoppedError(String(ctx.signal.reason ?? 'aborted'));
    });
    const ack = await ctx.progress({ step: i, metrics: { val_f1: i / slices } });
    if (ack.stop) throw new TaskStoppedError(ack.reason ?? 'stopped');
  }
  return { metrics: { f1: (spec.seed % 1000) / 1000 }, bestStep: slices, curve: [], resumedFromStep: 0 };
}

/** Runs one task to completion on this process. */
export async function runTask(spec: TaskSpec, ctx: TaskContext): Promise<TaskOutcome> {
  if (spec.kind === 'sleep') return runSleepTask(spec, ctx);
  const prepared = await loadPrepared(spec, ctx);
  if (isGanMethod(spec.method)) return runGanTask(spec, prepared, ctx);
  return runBaselineTask(spec, prepared);
}

/**
 * Runs one GAN task and scores it under several post-filters from one training run (see runGanTaskFilters): the
 * result per filter is what a separate task with that `filter` param reports. The task's own `params.filter` is
 * always included.
 */
export async function runTaskFilters(
  spec: TaskSpec,
  ctx: TaskContext,
  filters: readonly PostFilter[],
): Promise<Partial<Record<PostFilter, TaskOutcome>>> {
  if (!isGanMethod(spec.method))
    throw new Error(`runTaskFilters: "${spec.method}" is not a GAN variant; post-filters apply to GAN methods only`);
  return runGanTaskFilters(spec, await loadPrepared(spec, ctx), ctx, filters);
}
