import { Events, RetentionPolicy, StorageType } from 'nats';
import type { JetStreamClient, JetStreamManager, NatsConnection } from 'nats';
import { BusError } from './ports.ts';
import type { BusSubscription, MetricsBus, SubscribeOptions } from './ports.ts';
import type { MetricEvent } from './metric-event.ts';
import { assertMetricEvent, encodeMetricEvent, isValidBusId } from './metric-event.ts';
import { NatsSweepSubscription } from './nats-subscription.ts';
import { connectNats, msToNanos } from './nats-connection.ts';
import type { NatsConnectOptions } from './nats-connection.ts';

/** JetStream stream that retains metric events for replay. */
export const METRICS_STREAM = 'GANSWEEP_METRICS';
/** Subject prefix; an event goes to `gansweep.metrics.<sweepId>.<trialId>`. */
export const METRICS_SUBJECT_PREFIX = 'gansweep.metrics';

/** Options for {@link NatsMetricsBus}. */
export interface NatsMetricsBusOptions extends NatsConnectOptions {
  /**
   * How long the stream keeps events for replay.
   * @default 604800000 (7 days)
   */
  maxAgeMs?: number;
  /**
   * Events held while the server is away; beyond it the oldest are dropped and counted.
   * @default 10000
   */
  maxBuffered?: number;
}

/** Counters for logs and Prometheus. */
export interface NatsMetricsBusStats {
  published: number;
  /** Waiting in the outage buffer now. */
  buffered: number;
  /** Dropped from a full outage buffer since start. */
  dropped: number;
  /** Received events that did not decode, or whose handler threw. */
  handlerErrors: number;
  connected: boolean;
}

/**
 * Metrics bus on NATS. Publishing is fire-and-forget core NATS onto a subject the JetStream stream captures,
 * so it never waits on the network; subscriptions are ordered JetStream consumers, which resume at the
 * right sequence after reconnects and replay history on request.
 */
export class NatsMetricsBus implements MetricsBus {
  readonly location: string;
  private readonly nc: NatsConnection;
  private readonly js: JetStreamClient;
  private readonly jsm: JetStreamManager;
  private readonly maxAgeMs: number;
  private readonly maxBuffered: number;
  private readonly buffer: { subject: string; data: Uint8Array }[] = [];
  private readonly subscriptions = new Set<NatsSweepSubscription>();
  private connected = true;
  private closed = false;
  private published = 0;
  private dropped = 0;
  private handlerErrors = 0;

  private constructor(nc: NatsConnection, jsm: JetStreamManager, location: string, options: NatsMetricsBusOptions) {
    this.nc = nc;
    this.jsm = jsm;
    this.js = nc.jetstream();
    this.location = location;
    this.maxAgeMs = options.maxAgeMs ?? 7 * 24 * 3600 * 1000;
    this.maxBuffered = options.maxBuffered ?? 10_000;
    void this.watchStatus();
  }

  /** Connects (UNREACHABLE/AUTH on failure) and makes sure the stream exists (NO_JETSTREAM without JetStream). */
  static async connect(url: string, options: NatsMetricsBusOptions = {}): Promise<NatsMetricsBus> {
    const { nc, location } = await connectNats(url, { name: 'gansweep-metrics', ...options });
    try {
      const jsm = await nc.jetstreamManager({ timeout: 5000 });
      const bus = new NatsMetricsBus(nc, jsm, location, options);
      await bus.ensureStream();
      return bus;
    } catch (err) {
      await nc.close();
      if (err instanceof BusError) throw err;
      throw new BusError(
        'NO_JETSTREAM',
        `NATS server ${location} has no usable JetStream (${(err as Error).message}): start it with -js and a store dir (-sd).`,
        { cause: err },
      );
    }
  }

  private async ensureStream(): Promise<void> {
    const config = {
      name: METRICS_STREAM,
      subjects: [`${METRICS_SUBJECT_PREFIX}.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: msToNanos(this.maxAgeMs),
    };
    try {
      const info = await this.jsm.streams.info(METRICS_STREAM);
      if (info.config.max_age !== config.max_age) await this.jsm.streams.update(METRICS_STREAM, { max_age: config.max_age });
    } catch (err) {
      if ((err as { code?: string }).code !== '404' && !/not found/i.test((err as Error).message)) throw err;
      await this.jsm.streams.add(config);
    }
  }

  private async watchStatus(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === Events.Disconnect) this.connected = false;
      if (status.type === Events.Reconnect) {
        this.connected = true;
        // The server may have come back with an empty store; recreate the stream before flushing into it.
        await this.ensureStream().catch(() => undefined);
        this.flushBuffer();
        for (const sub of this.subscriptions) void sub.resume();
      }
    }
  }

  private flushBuffer(): void {
    while (this.connected && this.buffer.length > 0) {
      const item = this.buffer[0] as { subject: string; data: Uint8Array };
      try {
        this.nc.publish(item.subject, item.data);
      } catch {
        return; // connection went away again: keep the rest for the next reconnect
      }
      this.buffer.shift();
      this.published++;
    }
  }

  async publish(ev: MetricEvent): Promise<void> {
    if (this.closed) throw new BusError('CLOSED', `Cannot publish on a closed metrics bus (${this.location}).`);
    assertMetricEvent(ev);
    const item = { subject: `${METRICS_SUBJECT_PREFIX}.${ev.sweepId}.${ev.trialId}`, data: encodeMetricEvent(ev) };
    if (this.connected && this.buffer.length === 0) {
      try {
        this.nc.publish(item.subject, item.data);
        this.published++;
        return;
      } catch {
        // closed underneath us: fall through to the buffer
      }
    }
    this.buffer.push(item);
    if (this.buffer.length > this.maxBuffered) {
      this.buffer.shift();
      this.dropped++;
    }
    this.flushBuffer();
  }

  async subscribe(sweepId: string, handler: (ev: MetricEvent) => void, options: SubscribeOptions = {}): Promise<BusSubscription> {
    if (this.closed) throw new BusError('CLOSED', `Cannot subscribe on a closed metrics bus (${this.location}).`);
    if (!isValidBusId(sweepId)) throw new BusError('BAD_EVENT', `Invalid sweep id ${JSON.stringify(sweepId)} for subscribe.`);
    // Start at a stream sequence, never a deliver policy: replay starts at 1, live just past the stream's
    // current end. nats.js sends DeliverPolicy.All together with opt_start_seq (which the server rejects),
    // and a DeliverPolicy.New consumer recreated after an outage would skip what was stored meanwhile.
    const startSeq = options.replay ? 1 : (await this.jsm.streams.info(METRICS_STREAM)).state.last_seq + 1;
    const sub = new NatsSweepSubscription(
      {
        js: this.js,
        stream: METRICS_STREAM,
        subject: `${METRICS_SUBJECT_PREFIX}.${sweepId}.>`,
        onHandlerError: () => {
          this.handlerErrors++;
        },
      },
      startSeq,
      handler,
    );
    await sub.start();
    this.subscriptions.add(sub);
    return {
      close: async () => {
        this.subscriptions.delete(sub);
        await sub.close();
      },
    };
  }

  /** Counters: published, buffered, dropped, handler errors, connection state. */
  stats(): NatsMetricsBusStats {
    return {
      published: this.published,
      buffered: this.buffer.length,
      dropped: this.dropped,
      handlerErrors: this.handlerErrors,
      connected: this.connected,
    };
  }

  /** Waits until the server has processed everything published so far (bounded by `timeoutMs`); false on timeout. */
  async flush(timeoutMs = 5000): Promise<boolean> {
    if (!this.connected || this.buffer.length > 0) return false;
    return withTimeout(
      this.nc.flush().then(() => true),
      timeoutMs,
      false,
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const sub of this.subscriptions) await sub.close();
    this.subscriptions.clear();
    await this.flush(2000);
    await withTimeout(this.nc.close(), 3000, undefined);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      () => {
        clearTimeout(timer);
        resolve(fallback);
      },
    );
  });
}
