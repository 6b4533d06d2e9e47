/**
 * Append-only record log for the coordinator's durable state: replaying `readAll()` in order rebuilds it.
 * A record is durable once `append` resolves; one whose append never resolved (crash) may be lost, never half-read.
 */
export interface Journal {
  /** Appends one JSON-serialisable record; appends are applied in call order. */
  append(record: object): Promise<void>;
  /** Every durable record, oldest first, including this instance's appends that have resolved. */
  readAll(): Promise<object[]>;
  /** Where records live, for logs; never holds secrets. */
  readonly location: string;
  close(): Promise<void>;
}

/** Journal names become file names and stream names: letters, digits, '_' and '-'. */
export const JOURNAL_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
