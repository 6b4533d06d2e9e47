export { SweepError } from './errors.ts';
export type { SweepIssue } from './errors.ts';
export { parseSweep, validateSweep, sweepSchema, GAN_VARIANTS, BASELINES } from './schema.ts';
export type { SweepSpec, SpaceSpec, ClassifierSpec, NumberDist, GanVariantName, BaselineName } from './schema.ts';
export { createSearch, completeParams, dimensionsOf, drawDist, GAN_DEFAULTS } from './search.ts';
export type { SearchStrategy, GanTrialParams } from './search.ts';
export { createTpeSearch } from './tpe.ts';
export type { TpeOptions } from './tpe.ts';
