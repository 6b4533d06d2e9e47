import { z } from 'zod';
import { deserializeDataset, serializeDataset, type Dataset } from '@gansweep/data';

/**
 * The prepared dataset a coordinator writes once per sweep: the parsed table plus the split every task uses
 * (test hold-out and K validation folds over the training rows), so that every worker scores the same rows.
 */
export interface PreparedDataset {
  dataset: Dataset;
  /** Row indices of the training part (everything except the test hold-out). */
  train: number[];
  /** Row indices of the test hold-out, touched only by the final task. */
  test: number[];
  /** K arrays of row indices partitioning `train`. */
  folds: number[][];
}

const wireSchema = z.object({
  version: z.literal(1),
  dataset: z.string(),
  train: z.array(z.number().int().nonnegative()),
  test: z.array(z.number().int().nonnegative()),
  folds: z.array(z.array(z.number().int().nonnegative())).min(1),
});

export function serializePrepared(p: PreparedDataset): string {
  return JSON.stringify({ version: 1, dataset: serializeDataset(p.dataset), train: p.train, test: p.test, folds: p.folds });
}

export function deserializePrepared(text: string): PreparedDataset {
  const w = wireSchema.parse(JSON.parse(text));
  return { dataset: deserializeDataset(w.dataset), train: w.train, test: w.test, folds: w.folds };
}

/** The rows a task trains on and the rows it is scored on. */
export function partsFor(p: PreparedDataset, kind: 'fold' | 'final', fold: number): { train: number[]; val: number[] } {
  if (kind === 'final') return { train: p.train, val: p.test };
  const val = p.folds[fold];
  if (!val) throw new RangeError(`fold ${fold} does not exist (the sweep has ${p.folds.length} folds)`);
  const inVal = new Set(val);
  return { train: p.train.filter((i) => !inVal.has(i)), val };
}
