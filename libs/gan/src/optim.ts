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
export function adamStep(
  params: Float32Array,
  grads: Float32Array,
  st: AdamState,
  lr: number,
  beta1: number,
  beta2: number,
  eps = 1e-8,
): void {
  st.t += 1;
  const bc1 = 1 - Math.pow(beta1, st.t);
  const bc2 = Math.sqrt(1 - Math.pow(beta2, st.t));
  const { m, v, prev } = st;
  const a1 = 1 - beta1;
  const a2 = 1 - beta2;
  const size = lr / bc1;
  const rb2 = 1 / bc2;
  const n = params.length;
  // two loops rather than a branch per element; s = size·m/(√v/bc2 + ε), PyTorch's order of operations
  if (prev) {
    for (let i = 0; i < n; i++) {
      const g = grads[i]!;
      const mi = beta1 * m[i]! + a1 * g;
      const vi = beta2 * v[i]! + a2 * g * g;
      m[i] = mi;
      v[i] = vi;
      const s = (size * mi) / (Math.sqrt(vi) * rb2 + eps);
      params[i] = params[i]! - (2 * s - prev[i]!);
      prev[i] = s;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const g = grads[i]!;
      const mi = beta1 * m[i]! + a1 * g;
      const vi = beta2 * v[i]! + a2 * g * g;
      m[i] = mi;
      v[i] = vi;
      params[i] = params[i]! - (size * mi) / (Math.sqrt(vi) * rb2 + eps);
    }
  }
}
