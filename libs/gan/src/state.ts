import { decodeF32, encodeF32 } from './codec.ts';
import type { Net } from './net.ts';
import type { AdamState } from './optim.ts';
import type { GanOptions, GanVariant } from './options.ts';

/** One network and its optimiser moments, weights as base64 float32. */
export interface NetState {
  sizes: number[];
  params: string;
  m: string;
  v: string;
  /** Optimistic Adam's previous step. */
  prev?: string;
  t: number;
}

/**
 * Everything needed to continue training exactly: networks, optimiser moments and the step count (every random draw
 * is seeded from (seed, step), so the step count is the random state). JSON-serialisable.
 */
export interface TrainerState {
  format: 'gansweep.trainer.v1';
  variant: GanVariant;
  options: GanOptions;
  step: number;
  generator: NetState;
  critic: NetState;
  /** cgan-aux's auxiliary A-vs-B classifier. */
  aux?: NetState;
}

/** Thrown when a saved state does not fit the data or options it is restored with. */
export class GanStateError extends Error {
  readonly code = 'invalid-trainer-state';
  constructor(message: string) {
    super(message);
    this.name = 'GanStateError';
  }
}

export function saveNet(net: Net, st: AdamState): NetState {
  const s: NetState = { sizes: [...net.sizes], params: encodeF32(net.params), m: encodeF32(st.m), v: encodeF32(st.v), t: st.t };
  if (st.prev) s.prev = encodeF32(st.prev);
  return s;
}

/** Loads a saved network into `net` and `st` in place, checking shapes. */
export function loadNet(name: string, saved: NetState | undefined, net: Net, st: AdamState): void {
  if (!saved) throw new GanStateError(`trainer state has no '${name}' network; was it saved by another variant?`);
  if (saved.sizes.join('-') !== net.sizes.join('-')) {
    throw new GanStateError(
      `trainer state '${name}' has layer sizes ${saved.sizes.join('-')}, but these data and options need ${net.sizes.join('-')}`,
    );
  }
  const n = net.params.length;
  net.params.set(decodeF32(saved.params, n, `${name}.params`));
  st.m.set(decodeF32(saved.m, n, `${name}.m`));
  st.v.set(decodeF32(saved.v, n, `${name}.v`));
  if (st.prev) {
    if (saved.prev === undefined)
      throw new GanStateError(`trainer state '${name}' has no optimistic-Adam history, but optimizer is 'oadam'`);
    st.prev.set(decodeF32(saved.prev, n, `${name}.prev`));
  }
  st.t = saved.t;
  net.upload();
}
