export { runTask, runTaskFilters, isGanMethod } from './run-task.ts';
export { taskSettingsSchema, TaskInputError, TaskStoppedError } from './task.ts';
export type { TaskSpec, TaskKind, TaskSettings, TaskContext, TaskStore, TaskOutcome, CurvePoint, ProgressUpdate } from './task.ts';
export { serializePrepared, deserializePrepared, partsFor } from './prepared.ts';
export type { PreparedDataset } from './prepared.ts';
export { createRowFilter, synthesize } from './synthesize.ts';
export type { PostFilter, RowFilter } from './synthesize.ts';
