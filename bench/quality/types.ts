/** Messages between bench/quality.ts and its worker processes, and the per-fold records they produce. */

/**
 * One outer fold run by this project's code (runTask, kind 'final'): one baseline, or one GAN variant trained once
 * and scored under each post-filter its methods name (e.g. `gan-min` and `gan-min+posterior` share one training run;
 * see runTaskFilters).
 */
export interface OursJob {
  type: 'ours';
  suite: string;
  dataset: string;
  /** Method names this job produces records for; more than one only for the post-filters of one GAN variant. */
  methods: string[];
  fold: number;
  classifier: 'logistic' | 'mlp';
  seed: number;
  /** Generator steps (GAN methods only); undefined = GAN_DEFAULTS. */
  steps?: number;
  checkpointEvery?: number;
}

/** The imbalanced-learn peer on all folds of one dataset. */
export interface PeerJob {
  type: 'peer';
  dataset: string;
  python: string;
  script: string;
  payload: Record<string, unknown>;
}

export type Job = OursJob | PeerJob;

export interface JobMessage {
  id: number;
  job: Job;
}

export interface JobResult {
  /** -1 = the worker's ready signal. */
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
  seconds: number;
  /** CPU time of the worker process for this job (user + system; the peer's Python process is not counted). */
  cpuSeconds?: number;
  backend: { backend: string; detail: string };
}

/** One line of the raw results log: a finished (dataset, method, fold) cell from either side. */
export interface FoldRecord {
  side: 'ours' | 'imblearn';
  dataset: string;
  method: string;
  fold: number;
  classifier: 'logistic' | 'mlp';
  /** Generator steps for GAN methods; null for everything else. */
  steps: number | null;
  metrics: Record<string, number | null>;
  seconds: number;
  /** Worker CPU seconds (absent in records from before it was measured, and for peer cells). */
  cpu?: number;
  /** How many methods' records one job produced (GAN post-filters sharing a training run); seconds and cpu are this record's equal share. */
  shared?: number;
  error?: string;
}

/** The peer's stdout (bench/peers/imblearn_baselines.py). */
export interface PeerOutput {
  versions: Record<string, string>;
  results: Record<string, Record<string, (number | null)[]> & { error?: string }>;
}
