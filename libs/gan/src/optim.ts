import type { GanOptimizer } from './options.ts';

/** Adam moments of one network's flat parameter vector; `prev` holds the last step for Optimistic Adam. */
export interface AdamState {
  m: Float32Array;
  v: Float32Array;
  prev?: Float32Array;
  t: number;
}

export function createAdamState(size: number, optimizer: GanOptimizer): AdamState {
  const st: AdamState = { m: new Float32Array(size), v: new Float32Array(size), t: 0 };
  if (optimizer === 'oadam') st.prev = new Float32Array(size);
  return st;
}

/**
 * One Adam step on the flat parameters, in place (PyTorch's formula: m̂/(√v̂+ε) with bias corrections). With `prev`
 * it is Optimistic Adam: the parameters move by 2·s_t − s_{t−1}, s the Adam step. It runs in JS: one fused loop over
 * a few thousand floats beats a dozen tensor kernels per network on wasm.
 */
export function adamStep(params: Float32Array, grads: Float32Array, st: AdamState, lr: number, beta1: number, beta2: number, eps = 1e-8): void {
  st.t += 1;
  const bc1 = 1 - Math.pow(beta1, st.t);
  const bc2 = Math.sqrt(1 - Math.pow(beta2, st.t));
  const { m, v, prev } = st;
  const a1 = 1 - beta1;
  const a2 = 1 - beta2;
  const size = lr / bc1;
  for (let i = 0; i < params.length; i++) {
    const g = grads[i]!;
    const mi = (m[i] = beta1 * m[i]! + a1 * g);
    const vi = (v[i] = beta2 * v[i]! + a2 * g * g);
    const s = (size * mi) / (Math.sqrt(vi) / bc2 + eps);
    if (prev) {
      params[i] = params[i]! - (2 * s - prev[i]!);
      prev[i] = s;
    } else {
      params[i] = params[i]! - s;
    }
  }
}
