import { BusError } from './ports.ts';

/** One report from a trial: the metrics measured at a training step. */
export interface MetricEvent {
  sweepId: string;
  trialId: string;
  /** The lease/task that produced it; a retried trial reports under a new task id. */
  taskId: string;
  /** 1 for the first try of a trial, 2 for its first retry, ... */
  attempt: number;
  /** Training step (or epoch) the metrics belong to. */
  step: number;
  /** Metric name to value; NaN and ±Infinity survive transport (a diverging loss is worth seeing). */
  metrics: Record<string, number>;
  /** Milliseconds since the Unix epoch when the worker measured it. */
  ts: number;
}

/** Ids become NATS subject tokens, so they may not hold '.', '*', '>' or whitespace. */
const ID_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9_:=@+-]{0,199}$/;

/** True when `id` can be used as a sweep or trial id on every bus adapter. */
export function isValidBusId(id: unknown): id is string {
  return typeof id === 'string' && ID_PATTERN.test(id);
}

/** Throws BAD_EVENT naming the field when `ev` is not a well-formed {@link MetricEvent}. */
export function assertMetricEvent(ev: unknown): asserts ev is MetricEvent {
  const bad = (field: string, why: string): never => {
    throw new BusError('BAD_EVENT', `Invalid metric event: field "${field}" ${why}.`);
  };
  if (typeof ev !== 'object' || ev === null) return bad('(event)', 'must be an object');
  const e = ev as Record<string, unknown>;
  for (const f of ['sweepId', 'trialId'] as const) {
    if (!isValidBusId(e[f])) bad(f, `is ${JSON.stringify(e[f])}; use letters, digits, '_', '-' (no '.', '*', '>' or spaces)`);
  }
  if (typeof e.taskId !== 'string' || e.taskId === '') bad('taskId', 'must be a non-empty string');
  for (const f of ['attempt', 'step'] as const) {
    if (!Number.isInteger(e[f]) || (e[f] as number) < 0) bad(f, `must be a non-negative integer, got ${String(e[f])}`);
  }
  if (typeof e.ts !== 'number' || !Number.isFinite(e.ts)) bad('ts', 'must be a finite number of epoch milliseconds');
  if (typeof e.metrics !== 'object' || e.metrics === null || Array.isArray(e.metrics)) bad('metrics', 'must be an object of numbers');
  for (const [k, v] of Object.entries(e.metrics as object)) {
    if (typeof v !== 'number') bad(`metrics.${k}`, `must be a number, got ${typeof v}`);
  }
}

const NON_FINITE: Record<string, number> = { NaN: Number.NaN, Infinity: Infinity, '-Infinity': -Infinity };

/** JSON bytes for an event; non-finite metric values travel as the strings "NaN", "Infinity", "-Infinity". */
export function encodeMetricEvent(ev: MetricEvent): Uint8Array {
  const metrics: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(ev.metrics)) metrics[k] = Number.isFinite(v) ? v : String(v);
  const wire = { sweepId: ev.sweepId, trialId: ev.trialId, taskId: ev.taskId, attempt: ev.attempt, step: ev.step, metrics, ts: ev.ts };
  return new TextEncoder().encode(JSON.stringify(wire));
}

/** Parses bytes written by {@link encodeMetricEvent}; throws BAD_EVENT on anything else. */
export function decodeMetricEvent(bytes: Uint8Array): MetricEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes));
  } catch (err) {
    throw new BusError('BAD_EVENT', 'Invalid metric event: payload is not JSON.', { cause: err });
  }
  if (typeof raw === 'object' && raw !== null) {
    const metrics = (raw as { metrics?: unknown }).metrics;
    if (typeof metrics === 'object' && metrics !== null) {
      for (const [k, v] of Object.entries(metrics)) {
        if (typeof v === 'string' && v in NON_FINITE) (metrics as Record<string, number>)[k] = NON_FINITE[v] as number;
      }
    }
  }
  assertMetricEvent(raw);
  return raw;
}

/** A deep copy, so subscribers cannot change what other subscribers or the history see. */
export function cloneMetricEvent(ev: MetricEvent): MetricEvent {
  return { ...ev, metrics: { ...ev.metrics } };
}
