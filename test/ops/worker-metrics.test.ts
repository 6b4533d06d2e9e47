import { describe, expect, it } from 'vitest';
import type { TaskMsg } from '@gansweep/contract';
import { createWorkerMetrics } from '../../services/worker/src/prom.ts';

function task(leaseId: string, params: Record<string, unknown> = { checkpointEvery: 20 }): TaskMsg {
  return {
    leaseId,
    taskId: `t/${leaseId}`,
    sweepId: 's',
    trialId: 't001',
    kind: 'fold',
    fold: 0,
    attempt: 1,
    method: 'gan-min',
    paramsJson: JSON.stringify(params),
    settingsJson: '{}',
    datasetKey: 'k',
    seed: 1,
    checkpointPrefix: 'p',
  };
}

async function values(render: () => Promise<string>): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const line of (await render()).split('\n')) {
    const m = /^(gansweep_[a-z0-9_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

describe('worker Prometheus metrics', () => {
  it('counts generator steps between checkpoints, including a task resumed from a checkpoint', async () => {
    let now = 0;
    const m = createWorkerMetrics({ defaultMetrics: false, now: () => now });
    const fresh = task('a');
    m.hooks.taskStarted!(fresh);
    now += 2000;
    m.hooks.progress!(fresh, 20, {});
    now += 1000;
    m.hooks.progress!(fresh, 40, {});
    let v = await values(m.render);
    expect(v.get('gansweep_worker_training_steps_total')).toBe(40);
    expect(v.get('gansweep_worker_training_steps_per_second')).toBe(20);
    expect(v.get('gansweep_worker_tasks_running')).toBe(1);
    m.hooks.taskEnded!(fresh, 'done', 3000, true);
    // Resumed at step 60: the first report (80) stands for 20 steps, not 80.
    const resumed = task('b');
    m.hooks.taskStarted!(resumed);
    now += 1000;
    m.hooks.progress!(resumed, 80, {});
    m.hooks.progress!(resumed, 90, {}); // the last, shorter interval of a 90-step task
    m.hooks.taskEnded!(resumed, 'released', 1000, true);
    v = await values(m.render);
    expect(v.get('gansweep_worker_training_steps_total')).toBe(70);
    expect(v.get('gansweep_worker_training_steps_per_second')).toBe(0);
    expect(v.get('gansweep_worker_tasks_running')).toBe(0);
  });

  it('counts task outcomes and rejected results, and labels the backend in use', async () => {
    const m = createWorkerMetrics({ defaultMetrics: false, slots: 2 });
    m.setBackend('wasm');
    m.setBackend('gpu');
    for (const [id, outcome, accepted] of [
      ['x', 'done', true],
      ['y', 'failed', true],
      ['z', 'done', false],
    ] as const) {
      m.hooks.taskStarted!(task(id));
      m.hooks.taskEnded!(task(id), outcome, 10, accepted);
    }
    const v = await values(m.render);
    expect(v.get('gansweep_worker_tasks_total{outcome="done"}')).toBe(2);
    expect(v.get('gansweep_worker_tasks_total{outcome="failed"}')).toBe(1);
    expect(v.get('gansweep_worker_tasks_total{outcome="stopped"}')).toBe(0);
    expect(v.get('gansweep_worker_results_rejected_total')).toBe(1);
    expect(v.get('gansweep_worker_backend_info{backend="gpu"}')).toBe(1);
    expect(v.has('gansweep_worker_backend_info{backend="wasm"}')).toBe(false);
    expect(v.get('gansweep_worker_slots')).toBe(2);
    expect(v.get('gansweep_worker_task_duration_seconds_count{outcome="done"}')).toBe(2);
  });

  it('reports live TensorFlow.js tensors once the worker has chosen its backend', async () => {
    const tf = await import('@tensorflow/tfjs-core');
    await import('@tensorflow/tfjs-backend-cpu');
    await tf.setBackend('cpu');
    const m = createWorkerMetrics({ defaultMetrics: false });
    m.setBackend('cpu');
    const before = (await values(m.render)).get('gansweep_worker_tensors')!;
    const t = tf.tensor1d([1, 2, 3]);
    expect((await values(m.render)).get('gansweep_worker_tensors')).toBe(before + 1);
    t.dispose();
    expect((await values(m.render)).get('gansweep_worker_tensors')).toBe(before);
  });
});
