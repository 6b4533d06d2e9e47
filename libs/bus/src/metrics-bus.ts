import type { MetricEvent } from './metric-event.ts';

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
