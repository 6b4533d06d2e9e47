/** What went wrong while reading or preparing a dataset; callers branch on this, people read the message. */
export type DataErrorCode =
  | 'FILE_NOT_FOUND'
  | 'CSV_PARSE'
  | 'EMPTY'
  | 'MISSING_LABEL'
  | 'MINORITY_ABSENT'
  | 'NO_MAJORITY'
  | 'TOO_FEW_MINORITY'
  | 'TOO_MANY_LEVELS'
  | 'BAD_FOLDS'
  | 'BAD_COLUMN'
  | 'BAD_PAYLOAD';

/**
 * A problem with the user's data or data configuration. The message names the file, column and row involved and
 * says what to change; `details` carries the same facts in machine-readable form.
 */
export class DataError extends Error {
  readonly code: DataErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: DataErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DataError';
    this.code = code;
    this.details = details;
  }
}

/** Formats value counts as `A ×900, B ×100` (most frequent first, at most `limit` entries). */
export function describeCounts(counts: Record<string, number>, limit = 20): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = entries.slice(0, limit).map(([v, n]) => `${JSON.stringify(v).slice(1, -1)} ×${n}`);
  if (entries.length > limit) shown.push(`… ${entries.length - limit} more`);
  return shown.join(', ');
}
