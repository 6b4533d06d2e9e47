import type { GanTrialParams, SweepSpec } from '@gansweep/sweep';

export type SweepStateName = 'running' | 'finalizing' | 'done' | 'failed' | 'cancelled';
export type TrialStateName = 'queued' | 'running' | 'done' | 'failed' | 'pruned' | 'cancelled';
export type TaskStateName = 'queued' | 'leased' | 'done' | 'failed' | 'pruned' | 'cancelled';

/** One unit of work: a trial on one validation fold, or a winner's final fit. */
export interface TaskRecord {
  taskId: string;
  sweepId: string;
  trialId: string;
  kind: 'fold' | 'final' | 'sleep';
  fold: number;
  state: TaskStateName;
  /** Attempts started so far (a lease each). */
  attempts: number;
  leaseId?: string;
  workerId?: string;
  leaseDeadline?: number;
  lastStep?: number;
  lastMetrics?: Record<string, number>;
  metrics?: Record<string, number>;
  bestStep?: number;
  curve?: { step: number; valF1: number; criticLoss: number; generatorLoss: number }[];
  error?: string;
  generatorKey?: string;
  encoderKey?: string;
  resumedFromStep?: number;
  startedAt?: number;
  finishedAt?: number;
}

export interface TrialRecord {
  trialId: string;
  sweepId: string;
  method: string;
  baseline: boolean;
  /** GAN hyperparameters (complete) or baseline options; `{ ms }` for sleep trials. */
  params: Partial<GanTrialParams> & Record<string, unknown>;
  state: TrialStateName;
  taskIds: string[];
  finalTaskId?: string;
  error?: string;
  order: number;
}

export interface SweepRecord {
  sweepId: string;
  name: string;
  spec: SweepSpec;
  state: SweepStateName;
  createdAt: number;
  finishedAt?: number;
  datasetKey: string;
  datasetSummary: string;
  nFolds: number;
  rows: number;
  minorityRows: number;
  trials: Map<string, TrialRecord>;
  /** ASHA scores recorded at each rung: fold -> rung step -> trialId -> score (journaled as rung_recorded). */
  rungs?: Map<number, Map<number, Map<string, number>>>;
  tasks: Map<string, TaskRecord>;
  /** GAN trials created from the search so far (to replay a seeded search). */
  searchAsked: number;
  bestTrialId?: string;
  bestBaselineTrialId?: string;
  /** The best GAN trial: the winner when a GAN won, else the generator handed over with a warning. */
  bestGanTrialId?: string;
  error?: string;
  /** Test-only: every trial is a sleep task of this many ms. */
  sleepMs?: number;
}

/** The settings each task of a sweep shares (Task.settings_json). */
export function taskSettingsOf(spec: SweepSpec): Record<string, unknown> {
  return {
    classifier: spec.classifier,
    selectMetric: spec.select.metric,
    innerValFraction: 0.2,
    // Sent only when not the default, so workers from before the setting existed still accept z-score sweeps.
    ...(spec.dataset.numericEncoding === 'zscore' ? {} : { numericEncoding: spec.dataset.numericEncoding }),
  };
}
