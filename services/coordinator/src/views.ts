import type { Sweep, Trial, TaskCounts } from '@gansweep/contract';
import type { SweepRecord, TrialRecord } from './model.ts';
import { trialScore } from './scheduler.ts';
import { buildLeaderboard } from './leaderboard.ts';
import { std } from './stats.ts';

function counts(sweep: SweepRecord): TaskCounts {
  const c = { queued: 0, running: 0, done: 0, failed: 0, pruned: 0, total: 0 };
  for (const t of sweep.tasks.values()) {
    c.total++;
    if (t.state === 'queued') c.queued++;
    else if (t.state === 'leased') c.running++;
    else if (t.state === 'done') c.done++;
    else if (t.state === 'failed') c.failed++;
    else if (t.state === 'pruned' || t.state === 'cancelled') c.pruned++;
  }
  return c;
}

export function trialToMsg(sweep: SweepRecord, t: TrialRecord): Trial {
  const s = trialScore(sweep, t);
  const done = t.taskIds.map((id) => sweep.tasks.get(id)!).filter((x) => x.state === 'done');
  const means: Record<string, number> = {};
  for (const k of new Set(done.flatMap((x) => Object.keys(x.metrics ?? {})))) {
    const xs = done.map((x) => x.metrics?.[k]).filter((v): v is number => v !== undefined && !Number.isNaN(v));
    if (xs.length) means[k] = xs.reduce((a, b) => a + b, 0) / xs.length;
  }
  return {
    trialId: t.trialId,
    method: t.method,
    paramsJson: JSON.stringify(t.params),
    state: t.state,
    foldValF1: s.folds,
    meanValF1: Number.isNaN(s.mean) ? 0 : s.mean,
    stdValF1: std(s.folds.filter((x) => !Number.isNaN(x))),
    meanMetrics: means,
    attempts: t.taskIds.reduce((a, id) => a + (sweep.tasks.get(id)?.attempts ?? 0), 0),
    error: t.error ?? '',
    baseline: t.baseline,
    foldsDone: done.length,
    foldsTotal: t.taskIds.length,
  };
}

/** The wire view of a sweep. */
export function sweepToMsg(sweep: SweepRecord): Sweep {
  const best = sweep.bestTrialId ? sweep.trials.get(sweep.bestTrialId) : undefined;
  const finalTask = best?.finalTaskId ? sweep.tasks.get(best.finalTaskId) : undefined;
  let bestScore = 0;
  let bestId = '';
  for (const t of sweep.trials.values()) {
    const s = trialScore(sweep, t).mean;
    if (t.state === 'done' && s > bestScore) [bestScore, bestId] = [s, t.trialId];
  }
  return {
    sweepId: sweep.sweepId,
    name: sweep.name,
    state: sweep.state,
    createdAtMs: sweep.createdAt,
    finishedAtMs: sweep.finishedAt ?? 0,
    tasks: counts(sweep),
    trials: [...sweep.trials.values()].map((t) => trialToMsg(sweep, t)),
    bestTrialId: sweep.bestTrialId ?? bestId,
    bestValF1: best ? trialScore(sweep, best).mean : bestScore,
    testMetrics: finalTask?.state === 'done' ? (finalTask.metrics ?? {}) : {},
    error: sweep.error ?? '',
    verdict: sweep.state === 'done' ? buildLeaderboard(sweep).verdict : '',
    datasetSummary: sweep.datasetSummary,
  };
}
