import type { SweepRecord, TaskRecord } from './model.ts';

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return -Infinity;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** The rung steps of a sweep: minSteps · eta^k below the trial's step budget. */
export function rungsFor(minSteps: number, eta: number, maxSteps: number): number[] {
  const rungs: number[] = [];
  for (let r = minSteps; r < maxSteps; r *= eta) rungs.push(r);
  return rungs;
}

/**
 * Asynchronous successive halving (Li et al. 2020), stopping flavour, part 1: the rung a GAN fold task's progress
 * report newly reaches, with its validation score; undefined when there is nothing to record (no early stopping, no
 * score, below the first rung, or this trial already has a score at that rung on that fold).
 */
export function ashaRung(
  sweep: SweepRecord,
  task: TaskRecord,
  step: number,
  metrics: Record<string, number>,
): { rung: number; score: number } | undefined {
  const es = sweep.spec.search.earlyStopping;
  if (!es) return undefined;
  const trial = sweep.trials.get(task.trialId);
  const score = metrics.val_f1;
  if (!trial || score === undefined || Number.isNaN(score)) return undefined;
  const maxSteps = Number(trial.params.steps ?? 0);
  const minSteps = es.minSteps ?? Number(trial.params.checkpointEvery ?? 250);
  const rung = [...rungsFor(minSteps, es.eta, maxSteps)].reverse().find((r) => step >= r);
  if (rung === undefined || sweep.rungs?.get(task.fold)?.get(rung)?.has(trial.trialId)) return undefined;
  return { rung, score };
}

/**
 * Part 2, after the score is recorded in the sweep's rung table: once at least eta trials have a score at that rung
 * on that fold, a trial below the (1 − 1/eta) quantile is pruned. Returns the reason, or undefined to continue.
 */
export function ashaVerdict(sweep: SweepRecord, task: TaskRecord, rung: number, score: number): string | undefined {
  const es = sweep.spec.search.earlyStopping;
  const atRung = sweep.rungs?.get(task.fold)?.get(rung);
  if (!es || !atRung || atRung.size < es.eta) return undefined;
  const sorted = [...atRung.values()].sort((a, b) => a - b);
  const cutoff = quantile(sorted, 1 - 1 / es.eta);
  if (score < cutoff) {
    return `fold ${task.fold} val_f1 ${score.toFixed(3)} at step ${rung} is below the top 1/${es.eta} cutoff ${cutoff.toFixed(3)} of ${atRung.size} trials`;
  }
  return undefined;
}
