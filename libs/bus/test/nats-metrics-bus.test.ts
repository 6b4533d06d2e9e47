import { afterEach, describe, expect, it } from 'vitest';
import { BusError, createMetricsBus, NatsMetricsBus } from '@gansweep/bus';
import type { MetricEvent } from '@gansweep/bus';
import { freePort } from '../../../test/support/free-port.ts';
import { startNatsServer } from '../../../test/support/nats-server.ts';
import type { NatsServerHandle } from '../../../test/support/nats-server.ts';

function ev(sweepId: string, step: number): MetricEvent {
  return { sweepId, trialId: 'trial-1', taskId: 'task-1', attempt: 1, step, metrics: { loss: step }, ts: Date.now() };
}

async function eventually(check: () => void, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Publishes steps [from, to) and returns the slowest publish call in milliseconds. */
async function publishRange(bus: NatsMetricsBus, sweep: string, from: number, to: number): Promise<number> {
  let slowest = 0;
  for (let i = from; i < to; i++) {
    const t = performance.now();
    await bus.publish(ev(sweep, i));
    slowest = Math.max(slowest, performance.now() - t);
  }
  return slowest;
}

const servers: NatsServerHandle[] = [];
const buses: NatsMetricsBus[] = [];
afterEach(async () => {
  for (const b of buses.splice(0)) await b.close();
  for (const s of servers.splice(0)) await s.cleanup();
});

async function server(options: { jetstream?: boolean; token?: string } = {}): Promise<NatsServerHandle> {
  const s = await startNatsServer(options);
  servers.push(s);
  return s;
}
async function bus(url: string, options: Parameters<typeof NatsMetricsBus.connect>[1] = {}): Promise<NatsMetricsBus> {
  const b = await NatsMetricsBus.connect(url, { connectTimeoutMs: 5000, ...options });
  buses.push(b);
  return b;
}

describe('NATS metrics bus through server outages', () => {
  it('never blocks publish while nats-server is stopped, buffers, and delivers everything after a restart', async () => {
    const nats = await server();
    const pub = await bus(nats.url);
    const sub = await bus(nats.url);
    const got: number[] = [];
    await sub.subscribe('outage', (e) => got.push(e.step), { replay: true });
    await publishRange(pub, 'outage', 0, 10);
    await eventually(() => expect(got).toHaveLength(10), 5000);

    await nats.stop();
    await eventually(() => expect(pub.stats().connected).toBe(false), 5000);
    const slowestWhileDown = await publishRange(pub, 'outage', 10, 30);
    expect(slowestWhileDown).toBeLessThan(50);
    expect(pub.stats().buffered).toBe(20);

    await nats.restart();
    await eventually(() => expect(pub.stats().connected).toBe(true), 10_000);
    await publishRange(pub, 'outage', 30, 40);
    await eventually(() => expect(got).toEqual([...Array(40).keys()]), 15_000);
    expect(pub.stats()).toMatchObject({ buffered: 0, dropped: 0 });
  });

  it('gives a live subscriber that saw nothing before an outage the events published during and after it', async () => {
    const nats = await server();
    const pub = await bus(nats.url);
    const sub = await bus(nats.url);
    await publishRange(pub, 'quiet', 0, 3);
    // Publishing is fire-and-forget: wait until the stream holds 0..2 so "after subscribe" is well defined.
    const stored: number[] = [];
    const probe = await sub.subscribe('quiet', (e) => stored.push(e.step), { replay: true });
    await eventually(() => expect(stored).toEqual([0, 1, 2]), 5000);
    await probe.close();
    const got: number[] = [];
    await sub.subscribe('quiet', (e) => got.push(e.step));
    await nats.stop();
    await eventually(() => expect(pub.stats().connected).toBe(false), 5000);
    await publishRange(pub, 'quiet', 3, 6);
    await nats.restart();
    await eventually(() => expect(pub.stats().connected).toBe(true), 10_000);
    await publishRange(pub, 'quiet', 6, 8);
    await eventually(() => expect(got).toEqual([3, 4, 5, 6, 7]), 15_000);
  });

  it('drops the oldest buffered events beyond maxBuffered after a crash, counting them, and keeps the newest', async () => {
    const nats = await server();
    const pub = await bus(nats.url, { maxBuffered: 5 });
    await nats.kill();
    await eventually(() => expect(pub.stats().connected).toBe(false), 5000);
    expect(await publishRange(pub, 'crash', 0, 20)).toBeLessThan(50);
    expect(pub.stats()).toMatchObject({ buffered: 5, dropped: 15 });

    await nats.restart();
    const sub = await bus(nats.url);
    const got: number[] = [];
    await sub.subscribe('crash', (e) => got.push(e.step), { replay: true });
    await eventually(() => expect(got).toEqual([15, 16, 17, 18, 19]), 10_000);
  });
});

describe('NATS metrics bus shutdown', () => {
  it('closes within a few seconds while the server is down, even with a subscription and buffered events', async () => {
    const nats = await server();
    const b = await NatsMetricsBus.connect(nats.url, { connectTimeoutMs: 5000 });
    await b.subscribe('shutdown', () => undefined, { replay: true });
    await nats.stop();
    await eventually(() => expect(b.stats().connected).toBe(false), 5000);
    await b.publish(ev('shutdown', 1));
    const started = Date.now();
    await b.close();
    expect(Date.now() - started).toBeLessThan(6000);
    expect((await b.publish(ev('shutdown', 2)).catch((e) => e)).code).toBe('CLOSED');
  });
});

describe('NATS metrics bus connection errors', () => {
  it('rejects a wrong token with AUTH and accepts the right one from the URL', async () => {
    const nats = await server({ token: 's3cret-token' });
    const err = await NatsMetricsBus.connect(nats.url, { token: 'wrong', connectTimeoutMs: 3000 }).catch((e) => e);
    expect(err).toBeInstanceOf(BusError);
    expect(err.code).toBe('AUTH');
    expect(err.message).toContain(nats.url);
    expect(err.message).not.toContain('wrong');
    const ok = await createMetricsBus(`nats://s3cret-token@127.0.0.1:${nats.port}`, { connectTimeoutMs: 3000 });
    expect(ok.location).toBe(nats.url);
    await ok.close();
  });

  it('fails with UNREACHABLE naming the URL once connectTimeoutMs has passed', async () => {
    const port = await freePort();
    const started = Date.now();
    const err = await createMetricsBus(`nats://127.0.0.1:${port}`, { connectTimeoutMs: 1000 }).catch((e) => e);
    const elapsed = Date.now() - started;
    expect(err).toBeInstanceOf(BusError);
    expect(err.code).toBe('UNREACHABLE');
    expect(err.message).toContain(`nats://127.0.0.1:${port}`);
    expect(elapsed).toBeGreaterThanOrEqual(800);
    expect(elapsed).toBeLessThan(4000);
  });

  it('reports NO_JETSTREAM when the server runs without -js', async () => {
    const nats = await server({ jetstream: false });
    const err = await createMetricsBus(nats.url, { connectTimeoutMs: 3000 }).catch((e) => e);
    expect(err).toBeInstanceOf(BusError);
    expect(err.code).toBe('NO_JETSTREAM');
    expect(err.message).toMatch(/-js/);
  });

  it('rejects unsupported URLs with BAD_URL', async () => {
    const err = await createMetricsBus('amqp://127.0.0.1:5672').catch((e) => e);
    expect(err.code).toBe('BAD_URL');
  });
});
