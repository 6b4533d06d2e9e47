import { describe, expect, it } from 'vitest';
import { parseSweep } from '@gansweep/sweep';
import { createLogger } from '@gansweep/log';
import { Scheduler } from '../src/scheduler.ts';
import { createMemoryJournal } from '../src/journal.ts';
import { consumeMetrics } from '../src/metrics-consumer.ts';

const log = createLogger({ level: 'silent' });

describe('consumeMetrics', () => {
  it("applies bus events to the current attempt's task and ignores stale or older ones", async () => {
    const s = new Scheduler({ journal: createMemoryJournal(), log });
    const spec = parseSweep(
      JSON.stringify({ name: 'm', dataset: { path: 'x', label: 'y', minority: '1' }, space: { variant: 'gan-min' }, baselines: [] }),
    );
    s.createSweep({ sweepId: 'sw', spec, datasetKey: 'k', datasetSummary: '', nFolds: 2, rows: 10, minorityRows: 2 });
    const consumer = await consumeMetrics(s, 'local', log);
    const g = s.lease('w')!;
    const ev = (step: number, attempt = 1) => ({
      sweepId: 'sw',
      trialId: g.trial.trialId,
      taskId: g.task.taskId,
      attempt,
      step,
      metrics: { val_f1: step / 100 },
      ts: Date.now(),
    });
    const wait = () => new Promise((r) => setTimeout(r, 20));
    await consumer.bus.publish(ev(50));
    await wait();
    expect(g.task.lastStep).toBe(50);
    expect(g.task.lastMetrics).toEqual({ val_f1: 0.5 });
    await consumer.bus.publish(ev(25));
    await consumer.bus.publish(ev(75, 2));
    await wait();
    expect(g.task.lastStep).toBe(50);
    await consumer.bus.publish(ev(100));
    await wait();
    expect(g.task.lastStep).toBe(100);
    await consumer.close();
  });
});
