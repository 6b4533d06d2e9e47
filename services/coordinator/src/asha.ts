import type { SweepRecord, TaskRecord } from './model.ts';

/** Scores recorded at each rung, per sweep and fold: rung step -> trialId -> score. */
const rungTables = new WeakMap<SweepRecord, Map<string, Map<number, Map<string, number>>>>();

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
 * Asynchronous successive halving (Li et al. 2020), stopping flavour: when a GAN fold task reaches a rung, its
 * validation score is recorded; if at least eta scores exist at that rung on that fold and this one is below the
 * (1 − 1/eta) quantile, the whole trial is pruned. Returns the reason, or undefined to continue.
 */
export function ashaDecision(sweep: SweepRecord, task: TaskRecord, step: number, metrics: Record<string, number>): string | undefined {
  const es = sweep.spec.search.earlyStopping;
  if (!es) return undefined;
  const trial = sweep.trials.get(task.trialId);
  const score = metrics.val_f1;
  if (!trial || score === undefined || Number.isNaN(score)) return undefined;
  const maxSteps = Number(trial.params.steps ?? 0);
  const minSteps = es.minSteps ?? Number(trial.params.checkpointEvery ?? 250);
  const rungs = rungsFor(minSteps, es.eta, maxSteps);
  const rung = [...rungs].reverse().find((r) => step >= r);
  if (rung === undefined) return undefined;
  let byFold = rungTables.get(sweep);
  if (!byFold) rungTables.set(sweep, (byFold = new Map()));
  const key = String(task.fold);
  let table = byFold.get(key);
  if (!table) byFold.set(key, (table = new Map()));
  let atRung = table.get(rung);
  if (!atRung) table.set(rung, (atRung = new Map()));
  if (atRung.has(trial.trialId)) return undefined;
  atRung.set(trial.trialId, score);
  if (atRung.size < es.eta) return undefined;
  const sorted = [...atRung.values()].sort((a, b) => a - b);
  const cutoff = quantile(sorted, 1 - 1 / es.eta);
  if (score < cutoff) {
    return `fold ${task.fold} val_f1 ${score.toFixed(3)} at step ${rung} is below the top 1/${es.eta} cutoff ${cutoff.toFixed(3)} of ${atRung.size} trials`;
  }
  return undefined;
}
