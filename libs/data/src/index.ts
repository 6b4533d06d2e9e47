export type { Matrix } from './matrix.ts';
export { zeros, fromData, fromRows, row, takeRows, vstack } from './matrix.ts';
export type { Rng } from './rng.ts';
export { createRng, deriveSeed } from './rng.ts';
