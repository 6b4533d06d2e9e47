import type { SweepRecord, TrialRecord } from './model.ts';
import { trialScore } from './scheduler.ts';
import { mean, pairedInterval, std } from './stats.ts';

/** One row of the leaderboard: a trial with its fold scores and its paired comparison with the best baseline. */
export interface LeaderboardRow {
  rank: number;
  trialId: string;
  method: string;
  baseline: boolean;
  params: Record<string, unknown>;
  status: string;
  /** The selection metric on each validation fold. */
  foldScores: number[];
  mean: number;
  std: number;
  /** Mean over folds of every metric reported (f1, precision, recall, pr_auc, contam_knn, ...). */
  metrics: Record<string, { mean: number; std: number }>;
  /** Paired difference to the best baseline over folds, with a 95% t interval. */
  vsBestBaseline?: { baseline: string; mean: number; low: number; high: number; distinguishable: boolean };
  attempts: number;
  error?: string;
  /** Held-out test metrics (the winner and the best baseline only). */
  test?: Record<string, number>;
}

export interface Leaderboard {
  sweepId: string;
  name: string;
  state: string;
  metric: string;
  dataset: string;
  winner?: { trialId: string; method: string; test: Record<string, number> };
  bestBaseline?: { trialId: string; method: string; test?: Record<string, number> };
  verdict: string;
  rows: LeaderboardRow[];
}

function foldMetrics(sweep: SweepRecord, trial: TrialRecord): Record<string, { mean: number; std: number }> {
  const per = trial.taskIds.map((id) => sweep.tasks.get(id)?.metrics).filter((m): m is Record<string, number> => !!m);
  const keys = new Set(per.flatMap((m) => Object.keys(m)));
  const out: Record<string, { mean: number; std: number }> = {};
  for (const k of keys) {
    const xs = per.map((m) => m[k]).filter((v): v is number => v !== undefined && !Number.isNaN(v));
    if (xs.length > 0) out[k] = { mean: mean(xs), std: std(xs) };
  }
  return out;
}

function testOf(sweep: SweepRecord, trial?: TrialRecord): Record<string, number> | undefined {
  if (!trial?.finalTaskId) return undefined;
  return sweep.tasks.get(trial.finalTaskId)?.metrics;
}

/** Says in words whether the winner is distinguishable from the best baseline (paired over folds). */
function verdictOf(metric: string, winner?: LeaderboardRow, base?: LeaderboardRow): string {
  if (!winner) return 'no trial finished';
  if (!base) return `${winner.method} (${winner.trialId}) wins on validation ${metric}; no baseline ran to compare with`;
  if (winner.trialId === base.trialId) {
    return `the best method is the baseline ${base.method}: no GAN trial beat it on validation ${metric}`;
  }
  const v = winner.vsBestBaseline;
  if (!v || Number.isNaN(v.low))
    return `${winner.method} leads ${base.method} by ${(v?.mean ?? NaN).toFixed(3)} ${metric}; too few folds for an interval`;
  const ci = `${v.mean >= 0 ? '+' : ''}${v.mean.toFixed(3)} [${v.low.toFixed(3)}, ${v.high.toFixed(3)}]`;
  return v.distinguishable
    ? `${winner.method} (${winner.trialId}) beats ${base.method} on validation ${metric} by ${ci} (95% paired interval over folds, excludes 0)`
    : `${winner.method} (${winner.trialId}) leads ${base.method} on validation ${metric} by ${ci}, but the 95% paired interval over folds includes 0: not distinguishable from the baseline`;
}

/** The sweep's ranking: finished trials by mean validation score, then the rest. */
export function buildLeaderboard(sweep: SweepRecord): Leaderboard {
  const metric = sweep.spec.select.metric;
  const trials = [...sweep.trials.values()];
  const scored = trials.map((t) => ({ t, s: trialScore(sweep, t) }));
  const baseTrial = sweep.bestBaselineTrialId
    ? sweep.trials.get(sweep.bestBaselineTrialId)
    : scored.filter((x) => x.t.baseline && x.t.state === 'done').sort((a, b) => b.s.mean - a.s.mean)[0]?.t;
  const baseFolds = baseTrial ? trialScore(sweep, baseTrial).folds : undefined;
  scored.sort((a, b) => {
    const av = a.t.state === 'done' ? a.s.mean : -Infinity;
    const bv = b.t.state === 'done' ? b.s.mean : -Infinity;
    return bv - av || a.t.order - b.t.order;
  });
  const rows: LeaderboardRow[] = scored.map(({ t, s }, i) => {
    const row: LeaderboardRow = {
      rank: i + 1,
      trialId: t.trialId,
      method: t.method,
      baseline: t.baseline,
      params: t.params,
      status: t.state,
      foldScores: s.folds,
      mean: s.mean,
      std: std(s.folds.filter((x) => !Number.isNaN(x))),
      metrics: foldMetrics(sweep, t),
      attempts: t.taskIds.reduce((a, id) => a + (sweep.tasks.get(id)?.attempts ?? 0), 0),
      error: t.error,
      test: testOf(sweep, t),
    };
    if (baseTrial && baseFolds && t.trialId !== baseTrial.trialId && t.state === 'done' && baseTrial.state === 'done') {
      const ci = pairedInterval(s.folds, baseFolds);
      row.vsBestBaseline = { baseline: baseTrial.method, ...ci, distinguishable: ci.low > 0 || ci.high < 0 };
    }
    return row;
  });
  const winnerTrial = sweep.bestTrialId ? sweep.trials.get(sweep.bestTrialId) : undefined;
  const winnerRow = rows.find((r) => r.trialId === sweep.bestTrialId);
  const baseRow = rows.find((r) => r.trialId === baseTrial?.trialId);
  const winnerTest = testOf(sweep, winnerTrial);
  return {
    sweepId: sweep.sweepId,
    name: sweep.name,
    state: sweep.state,
    metric,
    dataset: sweep.datasetSummary,
    winner: winnerTrial && winnerTest ? { trialId: winnerTrial.trialId, method: winnerTrial.method, test: winnerTest } : undefined,
    bestBaseline: baseTrial ? { trialId: baseTrial.trialId, method: baseTrial.method, test: testOf(sweep, baseTrial) } : undefined,
    verdict: verdictOf(metric, winnerRow, baseRow),
    rows,
  };
}
