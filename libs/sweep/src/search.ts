import { createRng, type Rng } from '@gansweep/data';
import type { GanVariantName, NumberDist, SpaceSpec, SweepSpec } from './schema.ts';
import { createTpeSearch } from './tpe.ts';

/** Every hyperparameter of one GAN trial, defaults filled (REFERENCE.md's configuration unless the sweep says). */
export interface GanTrialParams {
  variant: GanVariantName;
  loss: 'wgan-gp' | 'wgan-lp' | 'ns';
  optimizer: 'adam' | 'oadam';
  lr: number;
  beta1: number;
  beta2: number;
  nCritic: number;
  steps: number;
  batchSize: number;
  hidden: number[];
  latentDim: number;
  gpWeight: number;
  majorityWeight: number;
  filter: 'none' | 'posterior' | 'knn';
  checkpointEvery: number;
}

export const GAN_DEFAULTS: Omit<GanTrialParams, 'variant'> = {
  loss: 'wgan-gp',
  optimizer: 'adam',
  lr: 1e-4,
  beta1: 0.5,
  beta2: 0.9,
  nCritic: 5,
  steps: 2000,
  batchSize: 64,
  hidden: [128, 128],
  latentDim: 32,
  gpWeight: 10,
  majorityWeight: 0.5,
  filter: 'none',
  checkpointEvery: 250,
};

type SpaceKey = keyof SpaceSpec;
type Dim =
  | { key: SpaceKey; kind: 'fixed'; value: unknown }
  | { key: SpaceKey; kind: 'choice'; values: unknown[] }
  | { key: SpaceKey; kind: 'dist'; dist: NumberDist };

/** Splits a space into dimensions; `hidden: [64, 64]` is one value, `hidden: [[64], [128, 128]]` a choice. */
export function dimensionsOf(space: SpaceSpec): Dim[] {
  const dims: Dim[] = [];
  for (const [k, v] of Object.entries(space) as [SpaceKey, unknown][]) {
    if (v === undefined) continue;
    if (k === 'hidden') {
      const arr = v as unknown[];
      if (Array.isArray(arr[0])) dims.push({ key: k, kind: 'choice', values: arr });
      else dims.push({ key: k, kind: 'fixed', value: arr });
    } else if (Array.isArray(v)) {
      dims.push(v.length === 1 ? { key: k, kind: 'fixed', value: v[0] } : { key: k, kind: 'choice', values: v });
    } else if (v !== null && typeof v === 'object') {
      dims.push({ key: k, kind: 'dist', dist: v as NumberDist });
    } else {
      dims.push({ key: k, kind: 'fixed', value: v });
    }
  }
  return dims;
}

/** Draws one value of a distribution. */
export function drawDist(dist: NumberDist, rng: Rng): number {
  if ('uniform' in dist) return dist.uniform[0] + rng.next() * (dist.uniform[1] - dist.uniform[0]);
  if ('logUniform' in dist) {
    const [lo, hi] = dist.logUniform.map(Math.log) as [number, number];
    return Math.exp(lo + rng.next() * (hi - lo));
  }
  return dist.int[0] + rng.int(dist.int[1] - dist.int[0] + 1);
}

/** Fills defaults around a partial assignment. */
export function completeParams(partial: Record<string, unknown>): GanTrialParams {
  const p = { ...GAN_DEFAULTS, ...partial } as GanTrialParams;
  // ssgan's K+1 discriminator trains with cross-entropy only; `loss` applies to the Wasserstein-capable variants.
  if (p.variant === 'ssgan') p.loss = 'ns';
  return p;
}

/** An ask/tell search: the scheduler asks for the next configuration when it has room and tells scores back. */
export interface SearchStrategy {
  /** The next configuration, or undefined when the search is exhausted. */
  ask(): GanTrialParams | undefined;
  /** Reports a finished configuration's score (higher is better); model-based searches learn from it. */
  tell(params: GanTrialParams, score: number): void;
  /** How many configurations this search will produce in all. */
  readonly total: number;
}

function gridSearch(space: SpaceSpec, limit: number): SearchStrategy {
  const dims = dimensionsOf(space);
  let combos: Record<string, unknown>[] = [{}];
  for (const d of dims) {
    const values = d.kind === 'fixed' ? [d.value] : d.kind === 'choice' ? d.values : [];
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [d.key]: v })));
  }
  combos = combos.slice(0, limit);
  let i = 0;
  return {
    total: combos.length,
    ask: () => (i < combos.length ? completeParams(combos[i++]!) : undefined),
    tell: () => {},
  };
}

function randomSearch(space: SpaceSpec, trials: number, seed: number): SearchStrategy {
  const rng = createRng(seed);
  const dims = dimensionsOf(space);
  let asked = 0;
  return {
    total: trials,
    ask: () => {
      if (asked >= trials) return undefined;
      asked++;
      const p: Record<string, unknown> = {};
      for (const d of dims) {
        if (d.kind === 'fixed') p[d.key] = d.value;
        else if (d.kind === 'choice') p[d.key] = d.values[rng.int(d.values.length)];
        else p[d.key] = drawDist(d.dist, rng);
      }
      return completeParams(p);
    },
    tell: () => {},
  };
}

/** Builds the sweep's search strategy (seeded by search.seed, else validation.seed). */
export function createSearch(spec: SweepSpec): SearchStrategy {
  if (!spec.space) return { total: 0, ask: () => undefined, tell: () => {} };
  const seed = spec.search.seed ?? spec.validation.seed;
  switch (spec.search.method) {
    case 'grid':
      return gridSearch(spec.space, spec.search.trials);
    case 'tpe':
      return createTpeSearch(spec.space, spec.search.trials, seed);
    default:
      return randomSearch(spec.space, spec.search.trials, seed);
  }
}
