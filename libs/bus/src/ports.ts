import type { MetricEvent } from './metric-event.ts';

/** Why a metrics-bus or journal operation failed; callers branch on this, never on message text. */
export type BusErrorCode = 'UNREACHABLE' | 'AUTH' | 'BAD_URL' | 'BAD_EVENT' | 'NO_JETSTREAM' | 'CORRUPT' | 'CLOSED';

/**
 * Error raised by {@link MetricsBus} and {@link Journal} adapters and their factories.
 * The message names the server or file involved and what to check.
 */
export class BusError extends Error {
  override readonly name = 'BusError';
  readonly code: BusErrorCode;

  constructor(code: BusErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

/** True when `err` is a {@link BusError} with the given code. */
export function isBusError(err: unknown, code?: BusErrorCode): err is BusError {
  return err instanceof BusError && (code === undefined || err.code === code);
}

/** Options for {@link MetricsBus.subscribe}. */
export interface SubscribeOptions {
  /**
   * Deliver the sweep's retained history first (in publish order), then live events.
   * @default false
   */
  replay?: boolean;
}

/** A live subscription; close it to stop deliveries. */
export interface BusSubscription {
  close(): Promise<void>;
}

/**
 * Carries training metrics from workers to the coordinator and watchers. Delivery is per sweep,
 * in publish order per publisher. `publish` never blocks on the network: an adapter buffers
 * (bounded) while its server is away, so a trainer is never slowed or crashed by the bus.
 */
export interface MetricsBus {
  /** Sends an event; rejects only for a malformed event (BAD_EVENT) or a closed bus (CLOSED). */
  publish(ev: MetricEvent): Promise<void>;
  /** Calls `handler` for every event of `sweepId`; a throwing handler is isolated from the bus and other subscribers. */
  subscribe(sweepId: string, handler: (ev: MetricEvent) => void, options?: SubscribeOptions): Promise<BusSubscription>;
  /** Where events go, for logs (`local`, `nats://127.0.0.1:4222`); never holds secrets. */
  readonly location: string;
  /** Flushes what it can and releases connections and subscriptions. */
  close(): Promise<void>;
}

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
