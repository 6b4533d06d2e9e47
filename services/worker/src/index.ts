export { Worker } from './worker.ts';
export type { WorkerOptions, WorkerState } from './worker.ts';
