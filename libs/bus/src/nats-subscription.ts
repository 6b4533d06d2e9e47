import type { ConsumerMessages, JetStreamClient } from 'nats';
import type { MetricEvent } from './metric-event.ts';
import { decodeMetricEvent } from './metric-event.ts';

/** What a {@link NatsSweepSubscription} needs from its bus. */
export interface NatsSubscriptionContext {
  js: JetStreamClient;
  stream: string;
  subject: string;
  /** Called when a message does not decode or the handler throws. */
  onHandlerError: () => void;
}

/**
 * One sweep's subscription as an ordered JetStream consumer that remembers the next stream sequence it needs.
 * nats.js recreates a lost ordered consumer only after missed heartbeats and a backoff, which under load can
 * take many seconds after a server restart; `resume()` recreates it at once from the remembered sequence,
 * and the sequence check drops anything an overlapping old consumer still delivers.
 */
export class NatsSweepSubscription {
  private nextSeq: number;
  private messages: ConsumerMessages | undefined;
  private closed = false;
  private resuming: Promise<void> | undefined;

  constructor(
    private readonly ctx: NatsSubscriptionContext,
    startSeq: number,
    private readonly handler: (ev: MetricEvent) => void,
  ) {
    this.nextSeq = startSeq;
  }

  /** Creates the consumer and starts delivering; rejects if the server refuses. */
  async start(): Promise<void> {
    const consumer = await this.ctx.js.consumers.get(this.ctx.stream, {
      filterSubjects: this.ctx.subject,
      opt_start_seq: this.nextSeq,
    });
    // Short heartbeats so nats.js itself also notices a lost consumer within seconds.
    const messages = await consumer.consume({ max_messages: 512, expires: 4000, idle_heartbeat: 1000 });
    if (this.closed) {
      await messages.close().catch(() => undefined);
      return;
    }
    this.messages = messages;
    void this.pump(messages);
  }

  private async pump(messages: ConsumerMessages): Promise<void> {
    try {
      for await (const m of messages) {
        if (this.closed) return;
        if (m.seq < this.nextSeq) continue;
        this.nextSeq = m.seq + 1;
        try {
          this.handler(decodeMetricEvent(m.data));
        } catch {
          this.ctx.onHandlerError();
        }
      }
    } catch {
      // the iterator fails when its consumer is gone for good; resume() replaces it
    }
  }

  /** Replaces the consumer with a fresh one at the remembered sequence (after a reconnect); retries briefly. */
  resume(): Promise<void> {
    this.resuming ??= (async () => {
      try {
        for (let attempt = 0; attempt < 20 && !this.closed; attempt++) {
          const old = this.messages;
          this.messages = undefined;
          await old?.close().catch(() => undefined);
          try {
            await this.start();
            return;
          } catch {
            await new Promise((r) => setTimeout(r, 250));
          }
        }
      } finally {
        this.resuming = undefined;
      }
    })();
    return this.resuming;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.messages?.close().catch(() => undefined);
    this.messages = undefined;
  }
}
