import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BusError, createMetricsBus, LocalMetricsBus, NatsMetricsBus } from '@gansweep/bus';
import type { MetricEvent, MetricsBus } from '@gansweep/bus';
import { startNatsServer } from '../../../test/support/nats-server.ts';
import type { NatsServerHandle } from '../../../test/support/nats-server.ts';

let seq = 0;
function ev(sweepId: string, trialId: string, step: number, metrics: Record<string, number> = { loss: step / 10 }): MetricEvent {
  return { sweepId, trialId, taskId: `${trialId}-task`, attempt: 1, step, metrics, ts: 1_700_000_000_000 + step };
}
function uniqueSweep(prefix: string): string {
  return `${prefix}-${process.pid}-${++seq}`;
}

/** Polls until `check` passes or `timeoutMs` runs out, then asserts once more for a readable failure. */
async function eventually(check: () => void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** Behaviour every MetricsBus adapter shares: a publisher bus and a separate subscriber bus. */
function metricsBusContract(name: string, open: () => Promise<{ pub: MetricsBus; sub: MetricsBus }>): void {
  describe(`${name} metrics bus`, () => {
    let pub: MetricsBus;
    let sub: MetricsBus;
    beforeAll(async () => {
      ({ pub, sub } = await open());
    });
    afterAll(async () => {
      await pub.close();
      if (sub !== pub) await sub.close();
    });

    it('delivers published events to a live subscriber in publish order with all fields intact', async () => {
      const sweep = uniqueSweep('live');
      const got: MetricEvent[] = [];
      const s = await sub.subscribe(sweep, (e) => got.push(e));
      for (let i = 0; i < 20; i++) await pub.publish(ev(sweep, 't1', i, { loss: i * 0.5, f1: 0.25 }));
      await eventually(() => expect(got).toHaveLength(20));
      expect(got.map((e) => e.step)).toEqual([...Array(20).keys()]);
      expect(got[7]).toEqual(ev(sweep, 't1', 7, { loss: 3.5, f1: 0.25 }));
      await s.close();
    });

    it('replays a sweep history to a late subscriber, then continues live', async () => {
      const sweep = uniqueSweep('replay');
      for (let i = 0; i < 5; i++) await pub.publish(ev(sweep, i % 2 ? 'ta' : 'tb', i));
      const got: number[] = [];
      const s = await sub.subscribe(sweep, (e) => got.push(e.step), { replay: true });
      await eventually(() => expect(got).toEqual([0, 1, 2, 3, 4]));
      await pub.publish(ev(sweep, 'ta', 5));
      await eventually(() => expect(got).toEqual([0, 1, 2, 3, 4, 5]));
      await s.close();
    });

    it('gives a subscriber without replay only events published after it subscribed', async () => {
      const sweep = uniqueSweep('noreplay');
      await pub.publish(ev(sweep, 't', 0));
      await pub.publish(ev(sweep, 't', 1));
      await new Promise((r) => setTimeout(r, 100));
      const got: number[] = [];
      const s = await sub.subscribe(sweep, (e) => got.push(e.step));
      await pub.publish(ev(sweep, 't', 2));
      await eventually(() => expect(got).toEqual([2]));
      await new Promise((r) => setTimeout(r, 150));
      expect(got).toEqual([2]);
      await s.close();
    });

    it('keeps sweeps apart: a subscriber sees only its own sweep', async () => {
      const a = uniqueSweep('iso-a');
      const b = uniqueSweep('iso-b');
      const gotA: string[] = [];
      const gotB: string[] = [];
      const sa = await sub.subscribe(a, (e) => gotA.push(`${e.sweepId}/${e.step}`), { replay: true });
      const sb = await sub.subscribe(b, (e) => gotB.push(`${e.sweepId}/${e.step}`), { replay: true });
      await pub.publish(ev(a, 't', 1));
      await pub.publish(ev(b, 't', 2));
      await pub.publish(ev(a, 't', 3));
      await eventually(() => expect(gotA).toEqual([`${a}/1`, `${a}/3`]));
      await eventually(() => expect(gotB).toEqual([`${b}/2`]));
      await sa.close();
      await sb.close();
    });

    it('stops delivering after a subscription is closed', async () => {
      const sweep = uniqueSweep('closed');
      const got: number[] = [];
      const s = await sub.subscribe(sweep, (e) => got.push(e.step));
      await pub.publish(ev(sweep, 't', 1));
      await eventually(() => expect(got).toEqual([1]));
      await s.close();
      await pub.publish(ev(sweep, 't', 2));
      await new Promise((r) => setTimeout(r, 200));
      expect(got).toEqual([1]);
    });

    it('carries NaN and infinite metric values through unchanged', async () => {
      const sweep = uniqueSweep('nan');
      const got: MetricEvent[] = [];
      const s = await sub.subscribe(sweep, (e) => got.push(e), { replay: true });
      await pub.publish(ev(sweep, 't', 0, { loss: Number.NaN, grad: Infinity, neg: -Infinity, ok: 1.5 }));
      await eventually(() => expect(got).toHaveLength(1));
      expect(got[0]?.metrics).toEqual({ loss: Number.NaN, grad: Infinity, neg: -Infinity, ok: 1.5 });
      await s.close();
    });

    it('isolates a throwing handler from the publisher and from other subscribers', async () => {
      const sweep = uniqueSweep('throw');
      const got: number[] = [];
      const bad = await sub.subscribe(sweep, () => {
        throw new Error('watcher bug');
      });
      const good = await sub.subscribe(sweep, (e) => got.push(e.step));
      await pub.publish(ev(sweep, 't', 1));
      await pub.publish(ev(sweep, 't', 2));
      await eventually(() => expect(got).toEqual([1, 2]));
      await bad.close();
      await good.close();
    });

    it('rejects malformed events with BAD_EVENT naming the field', async () => {
      const err = await pub.publish({ ...ev('s', 't', 0), sweepId: 'has.dot' }).catch((e) => e);
      expect(err).toBeInstanceOf(BusError);
      expect(err.code).toBe('BAD_EVENT');
      expect(err.message).toContain('sweepId');
      const err2 = await pub.publish({ ...ev('s', 't', 0), step: -1 }).catch((e) => e);
      expect(err2.message).toContain('step');
    });
  });
}

metricsBusContract('local', async () => {
  const bus = await createMetricsBus('local');
  expect(bus).toBeInstanceOf(LocalMetricsBus);
  return { pub: bus, sub: bus };
});

let nats: NatsServerHandle;
beforeAll(async () => {
  nats = await startNatsServer({ jetstream: true });
});
afterAll(async () => {
  await nats?.cleanup();
});
metricsBusContract('nats', async () => {
  const pub = await createMetricsBus(nats.url, { connectTimeoutMs: 5000 });
  const sub = await createMetricsBus(nats.url, { connectTimeoutMs: 5000 });
  expect(pub).toBeInstanceOf(NatsMetricsBus);
  return { pub, sub };
});
