import { BusError } from './ports.ts';
import type { BusSubscription, MetricsBus, SubscribeOptions } from './ports.ts';
import type { MetricEvent } from './metric-event.ts';
import { assertMetricEvent, cloneMetricEvent, isValidBusId } from './metric-event.ts';

/** Options for {@link LocalMetricsBus}. */
export interface LocalMetricsBusOptions {
  /**
   * Events kept per sweep for replay; the oldest are dropped beyond it.
   * @default 100000
   */
  maxHistoryPerSweep?: number;
}

type Handler = (ev: MetricEvent) => void;

/** In-process metrics bus for the embedded mode: synchronous fan-out plus a per-sweep history for replay. */
export class LocalMetricsBus implements MetricsBus {
  readonly location = 'local';
  private readonly maxHistory: number;
  private readonly history = new Map<string, MetricEvent[]>();
  private readonly handlers = new Map<string, Set<Handler>>();
  private closed = false;
  /** Handler calls that threw; counted so a faulty watcher is visible without breaking publishers. */
  handlerErrors = 0;
  /** Events dropped from history because a sweep went over `maxHistoryPerSweep`. */
  droppedFromHistory = 0;

  constructor(options: LocalMetricsBusOptions = {}) {
    this.maxHistory = options.maxHistoryPerSweep ?? 100_000;
  }

  async publish(ev: MetricEvent): Promise<void> {
    if (this.closed) throw new BusError('CLOSED', 'Cannot publish on a closed local metrics bus.');
    assertMetricEvent(ev);
    const copy = cloneMetricEvent(ev);
    let list = this.history.get(ev.sweepId);
    if (!list) this.history.set(ev.sweepId, (list = []));
    list.push(copy);
    if (list.length > this.maxHistory) {
      list.splice(0, list.length - this.maxHistory);
      this.droppedFromHistory++;
    }
    for (const handler of this.handlers.get(ev.sweepId) ?? []) this.deliver(handler, copy);
  }

  private deliver(handler: Handler, ev: MetricEvent): void {
    try {
      handler(cloneMetricEvent(ev));
    } catch {
      this.handlerErrors++;
    }
  }

  async subscribe(sweepId: string, handler: Handler, options: SubscribeOptions = {}): Promise<BusSubscription> {
    if (this.closed) throw new BusError('CLOSED', 'Cannot subscribe on a closed local metrics bus.');
    if (!isValidBusId(sweepId)) throw new BusError('BAD_EVENT', `Invalid sweep id ${JSON.stringify(sweepId)} for subscribe.`);
    // Walk the live array so events a replaying handler publishes are delivered after the history, in order.
    if (options.replay) {
      const list = this.history.get(sweepId) ?? [];
      for (let i = 0; i < list.length; i++) this.deliver(handler, list[i] as MetricEvent);
    }
    let set = this.handlers.get(sweepId);
    if (!set) this.handlers.set(sweepId, (set = new Set()));
    const wrapped: Handler = (ev) => handler(ev);
    set.add(wrapped);
    return {
      close: async () => {
        set.delete(wrapped);
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.handlers.clear();
  }
}
