import { z } from 'zod';
import { SweepError, type SweepIssue } from './errors.ts';

/** GAN variants a sweep may search over. */
export const GAN_VARIANTS = ['gan-min', 'gan-maj', 'cgan-aux', 'ssgan'] as const;
export type GanVariantName = (typeof GAN_VARIANTS)[number];

/** Methods that run as baselines beside the GANs, in the same ranking. */
export const BASELINES = ['none', 'class-weight', 'ros', 'smote', 'borderline-smote', 'adasyn', 'threshold'] as const;
export type BaselineName = (typeof BASELINES)[number];

/** A search-space entry: a fixed value, a list to choose from, or a distribution. */
const numberDist = z.union([
  z.object({ uniform: z.tuple([z.number(), z.number()]) }).strict(),
  z.object({ logUniform: z.tuple([z.number().positive(), z.number().positive()]) }).strict(),
  z.object({ int: z.tuple([z.number().int(), z.number().int()]) }).strict(),
]);
export type NumberDist = z.infer<typeof numberDist>;

const num = (schema: z.ZodNumber) => z.union([schema, z.array(schema).nonempty(), numberDist]);
const choice = <T extends z.ZodTypeAny>(schema: T) => z.union([schema, z.array(schema).nonempty()]);
const hiddenLayers = z.array(z.number().int().min(4).max(4096)).min(1).max(6);

/**
 * The GAN search space. Every key is optional except `variant`; a missing key takes the trainer's default.
 * For `hidden`, an array of numbers is one fixed architecture; an array of arrays is a choice between them.
 */
const spaceSchema = z
  .object({
    variant: choice(z.enum(GAN_VARIANTS)),
    loss: choice(z.enum(['wgan-gp', 'wgan-lp', 'ns'])).optional(),
    optimizer: choice(z.enum(['adam', 'oadam'])).optional(),
    lr: num(z.number().positive().max(1)).optional(),
    beta1: num(z.number().min(0).max(0.999)).optional(),
    beta2: num(z.number().min(0).max(0.9999)).optional(),
    nCritic: num(z.number().int().min(1).max(20)).optional(),
    steps: num(z.number().int().min(1).max(1_000_000)).optional(),
    batchSize: num(z.number().int().min(2).max(65_536)).optional(),
    hidden: z.union([hiddenLayers, z.array(hiddenLayers).nonempty()]).optional(),
    latentDim: num(z.number().int().min(1).max(1024)).optional(),
    gpWeight: num(z.number().min(0)).optional(),
    majorityWeight: num(z.number().min(0).max(1)).optional(),
    filter: choice(z.enum(['none', 'posterior', 'knn'])).optional(),
    checkpointEvery: num(z.number().int().min(1)).optional(),
  })
  .strict();

const classifierSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('logistic'), C: z.number().positive().optional() }).strict(),
  z
    .object({
      type: z.literal('mlp'),
      hidden: z.number().int().min(1).optional(),
      epochs: z.number().int().min(1).optional(),
      lr: z.number().positive().optional(),
    })
    .strict(),
]);

export const sweepSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use 1-64 letters, digits, ".", "_" or "-" (it names folders)'),
    dataset: z
      .object({
        path: z.string().min(1),
        label: z.string().min(1),
        minority: z.union([z.string().min(1), z.number()]).transform(String),
        features: z.record(z.enum(['numeric', 'categorical'])).optional(),
        drop: z.array(z.string()).optional(),
        /** A fixed fold file in BENCHMARK.md's format: one fold is the test hold-out, the others the validation folds. */
        folds: z.string().min(1).optional(),
        /** Which fold list of the file to use. @default 'seed0' */
        foldsKey: z.string().min(1).default('seed0'),
        /**
         * How numeric columns are encoded for the GAN and the classifier: 'zscore' ((x - mean) / std) or 'quantile'
         * (normal scores of the training quantiles; for skewed or heavy-tailed columns). @default 'zscore'
         */
        numericEncoding: z.enum(['zscore', 'quantile']).default('zscore'),
      })
      .strict(),
    validation: z
      .object({
        folds: z.number().int().min(2).max(20).default(3),
        testFraction: z.number().gt(0).lt(0.9).default(0.2),
        seed: z.number().int().min(0).default(0),
        /** With dataset.folds: the fold held out as the test set. @default 0 */
        testFold: z.number().int().min(0).default(0),
      })
      .strict()
      .default({}),
    search: z
      .object({
        method: z.enum(['random', 'grid', 'tpe']).default('random'),
        trials: z.number().int().min(1).max(10_000).default(8),
        maxConcurrent: z.number().int().min(1).max(10_000).default(4),
        seed: z.number().int().min(0).optional(),
        earlyStopping: z
          .union([
            z.literal(false),
            z
              .object({
                type: z.literal('asha').default('asha'),
                eta: z.number().int().min(2).default(3),
                minSteps: z.number().int().min(1).optional(),
              })
              .strict(),
          ])
          .default(false),
        maxAttempts: z.number().int().min(1).max(20).default(3),
      })
      .strict()
      .default({}),
    space: spaceSchema.optional(),
    baselines: z.array(z.enum(BASELINES)).default(['none', 'smote']),
    classifier: classifierSchema.default({ type: 'logistic' }),
    select: z
      .object({ metric: z.enum(['f1', 'pr_auc', 'balanced_accuracy', 'gmean']).default('f1') })
      .strict()
      .default({}),
  })
  .strict();

/** A validated sweep file with every default filled in. */
export type SweepSpec = z.infer<typeof sweepSchema>;
export type SpaceSpec = z.infer<typeof spaceSchema>;
export type ClassifierSpec = z.infer<typeof classifierSchema>;

function pathOf(p: (string | number)[]): string {
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Zod reports every branch of a union; keep the most specific message per path. */
function issuesOf(err: z.ZodError): SweepIssue[] {
  const out: SweepIssue[] = [];
  const walk = (issue: z.ZodIssue): void => {
    if (issue.code === 'invalid_union') {
      const inner = issue.unionErrors.flatMap((e) => e.issues);
      // The branch that got furthest (longest path) is the one the user meant.
      const deepest = Math.max(...inner.map((i) => i.path.length));
      const best = inner.filter((i) => i.path.length === deepest && deepest > issue.path.length);
      if (best.length > 0) {
        walk(best[0]!);
        return;
      }
      out.push({ path: pathOf(issue.path), message: 'expected a value, a list of values, or {"uniform"|"logUniform"|"int": [low, high]}' });
      return;
    }
    if (issue.code === 'unrecognized_keys') {
      out.push({
        path: pathOf(issue.path),
        message: `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}; check the spelling against the sweep-file table in README.md`,
      });
      return;
    }
    out.push({ path: pathOf(issue.path), message: issue.message });
  };
  err.issues.forEach(walk);
  return out;
}

/** Cross-field rules zod cannot express per field. */
function semanticIssues(s: SweepSpec): SweepIssue[] {
  const issues: SweepIssue[] = [];
  if (!s.space && s.baselines.length === 0) {
    issues.push({ path: 'space', message: 'nothing to run: give a GAN search space, baselines, or both' });
  }
  if (s.space) {
    for (const [key, v] of Object.entries(s.space)) {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        const [lo, hi] = Object.values(v)[0] as [number, number];
        if (lo > hi) issues.push({ path: `space.${key}`, message: `range [${lo}, ${hi}] has low > high` });
      }
    }
    if (s.search.method === 'grid') {
      for (const [key, v] of Object.entries(s.space)) {
        if (v && typeof v === 'object' && !Array.isArray(v)) {
          issues.push({
            path: `space.${key}`,
            message: 'grid search needs a list of values, not a distribution; use search.method "random" or "tpe"',
          });
        }
      }
    }
  }
  if (new Set(s.baselines).size !== s.baselines.length) {
    issues.push({ path: 'baselines', message: 'lists a baseline twice' });
  }
  return issues;
}

/** Parses and validates sweep-file text; throws SweepError listing every problem with its JSON path. */
export function parseSweep(text: string, source = 'sweep.json'): SweepSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SweepError(source, [{ path: '', message: `not valid JSON: ${(e as Error).message}` }]);
  }
  return validateSweep(raw, source);
}

/** Validates an already-parsed sweep object. */
export function validateSweep(raw: unknown, source = 'sweep.json'): SweepSpec {
  const r = sweepSchema.safeParse(raw);
  if (!r.success) throw new SweepError(source, issuesOf(r.error));
  const issues = semanticIssues(r.data);
  if (issues.length > 0) throw new SweepError(source, issues);
  return r.data;
}
