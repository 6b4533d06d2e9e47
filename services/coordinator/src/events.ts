import type { SweepSpec } from '@gansweep/sweep';
import type { SweepRecord, SweepStateName, TaskRecord, TrialRecord } from './model.ts';

/**
 * Every change of coordinator state is one of these events. They are applied in order by {@link applyEvent} and
 * appended to a journal, so a restarted coordinator rebuilds exactly the state it had by replaying them.
 */
export type CoordinatorEvent =
  | {
      type: 'sweep_created';
      sweepId: string;
      name: string;
      spec: SweepSpec;
      at: number;
      datasetKey: string;
      datasetSummary: string;
      nFolds: number;
      /** Rows in the whole dataset and minority rows among them. */
      rows: number;
      minorityRows: number;
      sleepMs?: number;
    }
  | {
      type: 'trial_added';
      sweepId: string;
      trialId: string;
      method: string;
      baseline: boolean;
      params: Record<string, unknown>;
      fromSearch: boolean;
    }
  | { type: 'final_added'; sweepId: string; trialId: string; taskId: string }
  | { type: 'task_leased'; sweepId: string; taskId: string; leaseId: string; workerId: string; deadline: number; at: number }
  | {
      type: 'task_finished';
      sweepId: string;
      taskId: string;
      leaseId: string;
      at: number;
      ok: boolean;
      error?: string;
      permanent?: boolean;
      metrics: Record<string, number>;
      bestStep: number;
      curve: NonNullable<TaskRecord['curve']>;
      generatorKey?: string;
      encoderKey?: string;
      resumedFromStep?: number;
    }
  | {
      type: 'task_released';
      sweepId: string;
      taskId: string;
      leaseId: string;
      reason: string;
      at: number;
      /** A draining worker handed the task back: the attempt does not count. */
      handedBack?: boolean;
    }
  | { type: 'trial_pruned'; sweepId: string; trialId: string; reason: string }
  /** A GAN fold task reached an ASHA rung: its score there, so a restarted coordinator prunes by the same table. */
  | { type: 'rung_recorded'; sweepId: string; trialId: string; fold: number; rung: number; score: number }
  | { type: 'sweep_best'; sweepId: string; bestTrialId: string; bestBaselineTrialId?: string; bestGanTrialId?: string }
  | { type: 'sweep_ended'; sweepId: string; state: SweepStateName; at: number; error?: string };

function taskIdOf(trialId: string, fold: number): string {
  return `${trialId}/f${fold}`;
}

/** Applies one event to the state map. Pure state change: no I/O, no decisions. */
export function applyEvent(sweeps: Map<string, SweepRecord>, ev: CoordinatorEvent, maxAttempts: (s: SweepRecord) => number): void {
  if (ev.type === 'sweep_created') {
    sweeps.set(ev.sweepId, {
      sweepId: ev.sweepId,
      name: ev.name,
      spec: ev.spec,
      state: 'running',
      createdAt: ev.at,
      datasetKey: ev.datasetKey,
      datasetSummary: ev.datasetSummary,
      nFolds: ev.nFolds,
      rows: ev.rows,
      minorityRows: ev.minorityRows,
      trials: new Map(),
      tasks: new Map(),
      searchAsked: 0,
      sleepMs: ev.sleepMs,
    });
    return;
  }
  const sweep = sweeps.get(ev.sweepId);
  if (!sweep) return;
  switch (ev.type) {
    case 'trial_added': {
      const trial: TrialRecord = {
        trialId: ev.trialId,
        sweepId: ev.sweepId,
        method: ev.method,
        baseline: ev.baseline,
        params: ev.params,
        state: 'queued',
        taskIds: [],
        order: sweep.trials.size,
      };
      for (let f = 0; f < sweep.nFolds; f++) {
        const taskId = taskIdOf(ev.trialId, f);
        trial.taskIds.push(taskId);
        sweep.tasks.set(taskId, {
          taskId,
          sweepId: ev.sweepId,
          trialId: ev.trialId,
          kind: sweep.sleepMs !== undefined ? 'sleep' : 'fold',
          fold: f,
          state: 'queued',
          attempts: 0,
        });
      }
      sweep.trials.set(ev.trialId, trial);
      if (ev.fromSearch) sweep.searchAsked++;
      return;
    }
    case 'final_added': {
      const trial = sweep.trials.get(ev.trialId);
      if (!trial) return;
      trial.finalTaskId = ev.taskId;
      sweep.tasks.set(ev.taskId, {
        taskId: ev.taskId,
        sweepId: ev.sweepId,
        trialId: ev.trialId,
        kind: 'final',
        fold: -1,
        state: 'queued',
        attempts: 0,
      });
      if (sweep.state === 'running') sweep.state = 'finalizing';
      return;
    }
    case 'task_leased': {
      const task = sweep.tasks.get(ev.taskId);
      if (!task) return;
      task.state = 'leased';
      task.leaseId = ev.leaseId;
      task.workerId = ev.workerId;
      task.leaseDeadline = ev.deadline;
      task.attempts++;
      task.startedAt = ev.at;
      const trial = sweep.trials.get(task.trialId);
      if (trial && trial.state === 'queued') trial.state = 'running';
      return;
    }
    case 'task_finished': {
      const task = sweep.tasks.get(ev.taskId);
      if (!task || task.leaseId !== ev.leaseId) return;
      task.leaseId = undefined;
      task.leaseDeadline = undefined;
      task.finishedAt = ev.at;
      if (ev.ok) {
        task.state = 'done';
        task.metrics = ev.metrics;
        task.bestStep = ev.bestStep;
        task.curve = ev.curve;
        task.generatorKey = ev.generatorKey;
        task.encoderKey = ev.encoderKey;
        task.resumedFromStep = ev.resumedFromStep;
        task.error = undefined;
      } else {
        task.error = ev.error;
        const exhausted = ev.permanent || task.attempts >= maxAttempts(sweep);
        task.state = exhausted ? 'failed' : 'queued';
      }
      updateTrialState(sweep, task.trialId);
      return;
    }
    case 'task_released': {
      const task = sweep.tasks.get(ev.taskId);
      if (!task || task.leaseId !== ev.leaseId) return;
      task.leaseId = undefined;
      task.leaseDeadline = undefined;
      task.error = ev.reason;
      if (ev.handedBack) task.attempts = Math.max(0, task.attempts - 1);
      task.state = task.attempts >= maxAttempts(sweep) ? 'failed' : 'queued';
      updateTrialState(sweep, task.trialId);
      return;
    }
    case 'rung_recorded': {
      const byFold = (sweep.rungs ??= new Map());
      let table = byFold.get(ev.fold);
      if (!table) byFold.set(ev.fold, (table = new Map()));
      let atRung = table.get(ev.rung);
      if (!atRung) table.set(ev.rung, (atRung = new Map()));
      atRung.set(ev.trialId, ev.score);
      return;
    }
    case 'trial_pruned': {
      const trial = sweep.trials.get(ev.trialId);
      if (!trial) return;
      trial.state = 'pruned';
      trial.error = ev.reason;
      for (const id of trial.taskIds) {
        const t = sweep.tasks.get(id);
        if (t && (t.state === 'queued' || t.state === 'leased')) {
          t.state = 'pruned';
          t.leaseId = undefined;
        }
      }
      return;
    }
    case 'sweep_best':
      sweep.bestTrialId = ev.bestTrialId;
      sweep.bestBaselineTrialId = ev.bestBaselineTrialId;
      sweep.bestGanTrialId = ev.bestGanTrialId;
      return;
    case 'sweep_ended':
      sweep.state = ev.state;
      sweep.finishedAt = ev.at;
      sweep.error = ev.error;
      for (const t of sweep.tasks.values()) {
        if (t.state === 'queued' || t.state === 'leased') {
          t.state = 'cancelled';
          t.leaseId = undefined;
        }
      }
      for (const tr of sweep.trials.values()) if (tr.state === 'queued' || tr.state === 'running') tr.state = 'cancelled';
      return;
  }
}

/** A trial is done when every fold task is; failed as soon as one fails for good. */
function updateTrialState(sweep: SweepRecord, trialId: string): void {
  const trial = sweep.trials.get(trialId);
  if (!trial || trial.state === 'pruned' || trial.state === 'cancelled') return;
  const tasks = trial.taskIds.map((id) => sweep.tasks.get(id)!);
  const failed = tasks.find((t) => t.state === 'failed');
  if (failed) {
    trial.state = 'failed';
    trial.error = `${failed.taskId}: ${failed.error ?? 'failed'}`;
    for (const t of tasks) if (t.state === 'queued') t.state = 'cancelled';
  } else if (tasks.every((t) => t.state === 'done')) {
    trial.state = 'done';
  } else if (tasks.some((t) => t.state === 'leased' || t.state === 'done')) {
    trial.state = 'running';
  }
}
