import { z } from 'zod';
import type { Logger } from '@gansweep/log';

/** Settings every task of a sweep shares, carried as Task.settings_json and validated here on the worker. */
export const taskSettingsSchema = z
  .object({
    classifier: z.discriminatedUnion('type', [
      z.object({ type: z.literal('logistic'), C: z.number().positive().optional() }),
      z.object({
        type: z.literal('mlp'),
        hidden: z.number().int().positive().optional(),
        epochs: z.number().int().positive().optional(),
        lr: z.number().positive().optional(),
      }),
    ]),
    selectMetric: z.enum(['f1', 'pr_auc', 'balanced_accuracy', 'gmean']).default('f1'),
    /** Share of the training rows held out as the inner validation split (threshold tuning, GAN step selection). */
    innerValFraction: z.number().gt(0).lt(0.9).default(0.2),
    /** How numeric columns are encoded (fitEncoder's `numeric` option): z-score or quantile normal scores. */
    numericEncoding: z.enum(['zscore', 'quantile']).default('zscore'),
  })
  .strict();
export type TaskSettings = z.infer<typeof taskSettingsSchema>;

export type TaskKind = 'fold' | 'final' | 'sleep';

/** One unit of work as a worker receives it (Task message, JSON fields parsed). */
export interface TaskSpec {
  taskId: string;
  sweepId: string;
  trialId: string;
  kind: TaskKind;
  /** The validation fold (kind fold); -1 for final. */
  fold: number;
  attempt: number;
  method: string;
  params: Record<string, unknown>;
  settings: TaskSettings;
  datasetKey: string;
  seed: number;
  checkpointPrefix: string;
}

/** The slice of an artifact store a task needs. */
export interface TaskStore {
  get(key: string): Promise<Buffer>;
  put(key: string, body: Buffer | string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export interface ProgressUpdate {
  step: number;
  metrics: Record<string, number>;
}

/** What a running task may call back into. */
export interface TaskContext {
  store: TaskStore;
  /** Reports progress; resolves to stop = true when the coordinator wants the task to end now. */
  progress(update: ProgressUpdate): Promise<{ stop: boolean; reason?: string }>;
  /** Aborted when the worker is shutting down or the lease was revoked. */
  signal: AbortSignal;
  log: Logger;
  /** Parsed prepared datasets by key, shared across tasks of one worker process. */
  cache?: Map<string, unknown>;
}

export interface CurvePoint {
  step: number;
  valF1: number;
  criticLoss: number;
  generatorLoss: number;
}

/** What a finished task reports. */
export interface TaskOutcome {
  metrics: Record<string, number>;
  bestStep: number;
  curve: CurvePoint[];
  generatorKey?: string;
  encoderKey?: string;
  /** The step a resumed GAN trial restarted from (0 = fresh). */
  resumedFromStep: number;
}

/** The task's input cannot work (retrying elsewhere will fail the same way), e.g. too few minority rows for k-NN. */
export class TaskInputError extends Error {
  readonly code = 'TASK_INPUT' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TaskInputError';
  }
}

/** The task stopped because it was told to (pruned, cancelled, lease lost). */
export class TaskStoppedError extends Error {
  readonly code = 'TASK_STOPPED' as const;
  constructor(reason: string) {
    super(reason);
    this.name = 'TaskStoppedError';
  }
}
