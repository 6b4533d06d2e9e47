import { randomUUID } from 'node:crypto';
import { DiscardPolicy, RetentionPolicy, StorageType } from 'nats';
import type { JetStreamClient, JetStreamManager, NatsConnection } from 'nats';
import { BusError } from './ports.ts';
import type { Journal } from './ports.ts';
import { JOURNAL_NAME_PATTERN } from './ports.ts';
import { connectNats } from './nats-connection.ts';
import type { NatsConnectOptions } from './nats-connection.ts';

/** Options for {@link JetStreamJournal}. */
export interface JetStreamJournalOptions extends NatsConnectOptions {
  /**
   * How long an append keeps retrying (same message id, so the stream stores it once) while the server is away.
   * @default 15000
   */
  appendTimeoutMs?: number;
}

/** Journal as a JetStream stream `GANSWEEP_JOURNAL_<name>` on subject `gansweep.journal.<name>`, file storage. */
export class JetStreamJournal implements Journal {
  readonly location: string;
  readonly stream: string;
  readonly subject: string;
  private readonly nc: NatsConnection;
  private readonly js: JetStreamClient;
  private readonly jsm: JetStreamManager;
  private readonly appendTimeoutMs: number;
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(nc: NatsConnection, jsm: JetStreamManager, location: string, name: string, options: JetStreamJournalOptions) {
    this.nc = nc;
    this.jsm = jsm;
    this.js = nc.jetstream();
    this.stream = `GANSWEEP_JOURNAL_${name}`;
    this.subject = `gansweep.journal.${name}`;
    this.location = `${location} stream ${this.stream}`;
    this.appendTimeoutMs = options.appendTimeoutMs ?? 15_000;
  }

  /** Connects and creates the journal's stream if missing. */
  static async open(url: string, name: string, options: JetStreamJournalOptions = {}): Promise<JetStreamJournal> {
    if (!JOURNAL_NAME_PATTERN.test(name)) {
      throw new BusError('BAD_URL', `Bad journal name ${JSON.stringify(name)}: use 1-64 letters, digits, '_' or '-'.`);
    }
    const { nc, location } = await connectNats(url, { name: `gansweep-journal-${name}`, ...options });
    try {
      const jsm = await nc.jetstreamManager({ timeout: 5000 });
      const journal = new JetStreamJournal(nc, jsm, location, name, options);
      try {
        await jsm.streams.info(journal.stream);
      } catch {
        await jsm.streams.add({
          name: journal.stream,
          subjects: [journal.subject],
          retention: RetentionPolicy.Limits,
          storage: StorageType.File,
          discard: DiscardPolicy.Old,
        });
      }
      return journal;
    } catch (err) {
      await nc.close();
      throw new BusError(
        'NO_JETSTREAM',
        `NATS server ${location} has no usable JetStream (${(err as Error).message}): start it with -js.`,
        {
          cause: err,
        },
      );
    }
  }

  append(record: object): Promise<void> {
    if (this.closed) return Promise.reject(new BusError('CLOSED', `Cannot append to closed journal ${this.location}.`));
    if (typeof record !== 'object' || record === null) {
      return Promise.reject(new BusError('BAD_EVENT', 'Journal records must be JSON objects or arrays.'));
    }
    const data = new TextEncoder().encode(JSON.stringify(record));
    const msgID = randomUUID();
    const run = async () => {
      const deadline = Date.now() + this.appendTimeoutMs;
      for (;;) {
        try {
          await this.js.publish(this.subject, data, { msgID, timeout: Math.max(500, Math.min(3000, deadline - Date.now())) });
          return;
        } catch (err) {
          if (Date.now() >= deadline || this.nc.isClosed()) {
            throw new BusError(
              'UNREACHABLE',
              `Journal append to ${this.location} not acknowledged within ${this.appendTimeoutMs} ms (${(err as Error).message}): ` +
                `check that nats-server runs with JetStream.`,
              { cause: err },
            );
          }
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    };
    const next = this.tail.then(run);
    this.tail = next.catch(() => undefined);
    return next;
  }

  async readAll(): Promise<object[]> {
    await this.tail;
    const info = await this.jsm.streams.info(this.stream);
    const last = info.state.last_seq;
    if (info.state.messages === 0) return [];
    const consumer = await this.js.consumers.get(this.stream, {});
    const messages = await consumer.consume({ max_messages: 1024, expires: 5000 });
    const records: object[] = [];
    try {
      for await (const m of messages) {
        records.push(m.json<object>());
        if (m.seq >= last) break;
      }
    } finally {
      await messages.close().catch(() => undefined);
    }
    return records;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.tail;
    await this.nc.close();
  }
}
