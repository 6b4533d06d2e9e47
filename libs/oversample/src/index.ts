export type { Oversampler, ResampleResult, ResampleOptions } from './resample.ts';
export { fitResample, OVERSAMPLERS } from './resample.ts';
export type { Neighbours, KneighborsOptions } from './knn.ts';
export { kneighbors } from './knn.ts';
export { contamKnn, contamKnnReal } from './contamination.ts';
export { dangerRows, adasynCounts, splitClasses } from './methods.ts';
export type { ClassSplit } from './methods.ts';
export { OversampleError } from './errors.ts';
export type { OversampleErrorCode } from './errors.ts';
