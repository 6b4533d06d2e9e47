import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@gansweep/data';

/** Negative slope of every hidden LeakyReLU. */
export const LEAK = 0.2;

/**
 * A fully connected LeakyReLU network whose parameters live in one flat Float32Array (layer j: W_j row-major
 * in×out, then b_j). The optimiser updates that array in place and {@link Net.upload} refreshes the tensors, together
 * with materialised transposes W_jᵀ: tfjs-wasm hands a product to XNNPACK only when no operand is transposed.
 */
export class Net {
  readonly sizes: readonly number[];
  readonly params: Float32Array;
  readonly wOff: number[] = [];
  readonly bOff: number[] = [];
  W: tf.Tensor2D[] = [];
  b: tf.Tensor1D[] = [];
  WT: tf.Tensor2D[] = [];
  private readonly ones = new Map<number, tf.Tensor2D>();

  constructor(sizes: readonly number[], params?: Float32Array) {
    this.sizes = [...sizes];
    let off = 0;
    for (let j = 0; j + 1 < sizes.length; j++) {
      this.wOff.push(off);
      off += sizes[j]! * sizes[j + 1]!;
      this.bOff.push(off);
      off += sizes[j + 1]!;
    }
    if (params && params.length !== off) {
      throw new RangeError(`network ${sizes.join('-')} has ${off} parameters, got ${params.length}`);
    }
    this.params = params ? params.slice() : new Float32Array(off);
    this.upload();
  }

  /** Number of weight layers. */
  get depth(): number {
    return this.sizes.length - 1;
  }

  /** PyTorch's default Linear init: U(−1/√fan_in, 1/√fan_in) for weights and biases. */
  init(rng: Rng): void {
    for (let j = 0; j < this.depth; j++) {
      const bound = 1 / Math.sqrt(this.sizes[j]!);
      const end = this.bOff[j]! + this.sizes[j + 1]!;
      for (let i = this.wOff[j]!; i < end; i++) this.params[i] = (2 * rng.next() - 1) * bound;
    }
    this.upload();
  }

  /** Re-creates the weight tensors (and transposes) from {@link params}; copies, so later in-place updates are safe. */
  upload(): void {
    this.disposeWeights();
    for (let j = 0; j < this.depth; j++) {
      const n = this.sizes[j]!;
      const m = this.sizes[j + 1]!;
      const w = this.params.slice(this.wOff[j]!, this.wOff[j]! + n * m);
      const wt = new Float32Array(n * m);
      for (let r = 0; r < n; r++) for (let c = 0; c < m; c++) wt[c * n + r] = w[r * m + c]!;
      this.W.push(tf.tensor2d(w, [n, m]));
      this.WT.push(tf.tensor2d(wt, [m, n]));
      this.b.push(tf.tensor1d(this.params.slice(this.bOff[j]!, this.bOff[j]! + m)));
    }
  }

  /**
   * Activations [x, a_1, …, a_L, out] (hidden a_j after LeakyReLU, out linear) and the LeakyReLU derivative masks
   * M_j = step(h_j, 0.2) of the hidden layers. The forward uses a = h⊙M: the mask is needed for backpropagation
   * anyway, and the wasm LeakyRelu kernel costs more than Step and Multiply together. Call inside a tidy scope.
   */
  forward(x: tf.Tensor2D): { acts: tf.Tensor2D[]; masks: tf.Tensor2D[] } {
    const acts: tf.Tensor2D[] = [x];
    const masks: tf.Tensor2D[] = [];
    let a = x;
    for (let j = 0; j < this.depth; j++) {
      const h = tf.fused.matMul({ a, b: this.W[j]!, bias: this.b[j]! }) as tf.Tensor2D;
      if (j + 1 < this.depth) {
        const m = tf.step(h, LEAK) as tf.Tensor2D;
        masks.push(m);
        a = tf.mul(h, m);
      } else {
        a = h;
      }
      acts.push(a);
    }
    return { acts, masks };
  }

  /** A kept 1×n row of ones: column sums as products, cheaper than the Sum kernel on wasm. */
  onesRow(n: number): tf.Tensor2D {
    let t = this.ones.get(n);
    if (!t) {
      t = tf.keep(tf.ones([1, n]) as tf.Tensor2D);
      this.ones.set(n, t);
    }
    return t;
  }

  /**
   * Backpropagates dOut (rows×out) through the network of a forward pass. Returns the flat parameter gradient
   * (same layout as {@link params}) when `inputT` (the input transposed, in×rows) is given, and the input gradient
   * when `needInput`. 
   */
  backward(
    fwd: { acts: tf.Tensor2D[]; masks: tf.Tensor2D[] },
    dOut: tf.Tensor2D,
    inputT: tf.Tensor2D | undefined,
    needInput: boolean,
  ): { flat?: tf.Tensor1D; dIn?: tf.Tensor2D } {
    const { acts, masks } = fwd;
    const ones = inputT ? this.onesRow(dOut.shape[0]) : undefined;
    const parts: tf.Tensor1D[] = [];
    let dh = dOut;
    let dIn: tf.Tensor2D | undefined;
    for (let j = this.depth - 1; j >= 0; j--) {
      if (inputT) {
        const left = j === 0 ? inputT : tf.transpose(acts[j]!);
        parts.push(tf.reshape(tf.matMul(ones!, dh), [-1]) as tf.Tensor1D);
        parts.push(tf.reshape(tf.matMul(left, dh), [-1]) as tf.Tensor1D);
      }
      if (j > 0) {
        dh = tf.mul(tf.matMul(dh, this.WT[j]!), masks[j - 1]!) as tf.Tensor2D;
      } else if (needInput) {
        dIn = tf.matMul(dh, this.WT[0]!) as tf.Tensor2D;
      }
    }
    const flat = inputT ? (tf.concat(parts.reverse()) as tf.Tensor1D) : undefined;
    return { flat, dIn };
  }

  /** Releases every tensor this network holds. */
  disposeTensors(): void {
    this.disposeWeights();
    for (const t of this.ones.values()) t.dispose();
    this.ones.clear();
  }

  private disposeWeights(): void {
    for (const t of [...this.W, ...this.WT, ...this.b]) t.dispose();
    this.W = [];
    this.WT = [];
    this.b = [];
  }
}

/**
 * Runs `fn` in a tf.tidy scope and returns its (non-tensor) result. tf.tidy walks whatever its callback returns
 * looking for tensors, element by element for a typed array: returning a gradient vector through it cost more than
 * the training step itself.
 */
export function scoped<T>(fn: () => T): T {
  let out: T | undefined;
  tf.tidy(() => {
    out = fn();
  });
  return out as T;
}
