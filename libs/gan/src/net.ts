import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@gansweep/data';

/** Negative slope of every hidden LeakyReLU. */
export const LEAK = 0.2;

/** A forward pass: the input (JS, unaugmented), augmented activations and the LeakyReLU masks. */
export interface Forward {
  x: Float32Array;
  rows: number;
  /** [x̂, â_1, …, â_L, out]: input and hidden activations carry a trailing column of ones; `out` does not. */
  acts: tf.Tensor2D[];
  /** M_j = step(ĥ_j, 0.2) of the hidden layers, trailing column 1. */
  masks: tf.Tensor2D[];
}

/**
 * A fully connected LeakyReLU network whose parameters live in one flat Float32Array (layer j: W_j row-major in×out,
 * then b_j: the rows of [W_j; b_j]). The optimiser updates that array in place and {@link Net.upload} refreshes the
 * tensors.
 *
 * Tensors use homogeneous coordinates: activations carry a trailing column of ones and hidden layers use
 * Ŵ_j = [[W_j, 0], [b_j, 1]], so every layer is one plain product (no bias kernel), and every weight gradient
 * âᵀ·dh comes out as [dW; db] in the flat layout's row order, with no separate bias reduction (a column sum is a 1-row
 * product whose big operand XNNPACK repacks on every call). The backward pass uses materialised transposes
 * Ŵᵀ_j = [[W_jᵀ, 0], [0, 0]] that keep the trailing column of every backpropagated quantity at zero: tfjs-wasm hands a
 * product to XNNPACK only when no operand is transposed.
 */
export class Net {
  readonly sizes: readonly number[];
  readonly params: Float32Array;
  readonly wOff: number[] = [];
  readonly bOff: number[] = [];
  /** Ŵ_j for the forward pass. */
  W: tf.Tensor2D[] = [];
  /** Ŵᵀ_j with zeroed bias row and column, for the backward pass. */
  WT: tf.Tensor2D[] = [];
  /**
   * Scalar-output nets: diag(w_out)·Ŵᵀ_{L−1}, the last hidden layer's backward operand with the output weights folded
   * in, so that δ_{L−1}Ŵᵀ_{L−1} = M_{L−1}·outWT needs no multiply by w_out.
   */
  outWT?: tf.Tensor2D;
  /** PReLU slopes (LEAK) per hidden width for {@link outputs}: one XNNPACK kernel per layer instead of step and mul. */
  private alpha = new Map<number, tf.Tensor1D>();

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
    for (let j = 1; j < sizes.length - 1; j++) {
      const h = sizes[j]! + 1;
      if (!this.alpha.has(h)) this.alpha.set(h, tf.fill([h], LEAK) as tf.Tensor1D);
    }
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

  /** Re-creates the tensors from {@link params} (copies, so later in-place updates are safe). */
  upload(): void {
    this.disposeWeights();
    const p = this.params;
    for (let j = 0; j < this.depth; j++) {
      const n = this.sizes[j]!;
      const m = this.sizes[j + 1]!;
      const hidden = j + 1 < this.depth;
      const mc = hidden ? m + 1 : m;
      const base = this.wOff[j]!;
      const w = new Float32Array((n + 1) * mc);
      const wt = new Float32Array(mc * (n + 1));
      w.set(p.subarray(base, base + (n + 1) * m));
      if (mc !== m) {
        // widen rows from m to m+1 columns in place, last row first so that no row is overwritten before it moves
        for (let r = n; r >= 0; r--) {
          w.copyWithin(r * mc, r * m, r * m + m);
          w[r * mc + m] = 0;
        }
      }
      // Ŵᵀ without the bias row: its column r < n is row r of W
      for (let r = 0; r < n; r++) {
        const src = base + r * m;
        for (let c = 0; c < m; c++) wt[c * (n + 1) + r] = p[src + c]!;
      }
      if (hidden) w[(n + 1) * mc - 1] = 1;
      this.W.push(tf.tensor2d(w, [n + 1, mc]));
      this.WT.push(tf.tensor2d(wt, [mc, n + 1]));
    }
    const L = this.depth - 1;
    if (this.sizes[this.depth] === 1 && L > 0) {
      const h = this.sizes[L]!;
      const n = this.sizes[L - 1]! + 1;
      const wt = new Float32Array((h + 1) * n);
      const base = this.wOff[L - 1]!;
      for (let r = 0; r < n - 1; r++) {
        for (let c = 0; c < h; c++) wt[c * n + r] = p[base + r * h + c]! * p[this.wOff[L]! + c]!;
      }
      this.outWT = tf.tensor2d(wt, [h + 1, n]);
    }
  }

  /** Forward pass of rows×in input (JS) with the LeakyReLU as ĥ⊙step(ĥ, 0.2). Call inside a tidy scope. */
  forward(x: Float32Array, rows: number): Forward {
    const acts: tf.Tensor2D[] = [tf.tensor2d(withOnes(x, rows, this.sizes[0]!), [rows, this.sizes[0]! + 1])];
    const masks: tf.Tensor2D[] = [];
    for (let j = 0; j < this.depth; j++) {
      const h = tf.matMul(acts[j]!, this.W[j]!);
      if (j + 1 < this.depth) {
        const m = tf.step(h, LEAK) as tf.Tensor2D;
        masks.push(m);
        acts.push(tf.mul(h, m) as tf.Tensor2D);
      } else {
        acts.push(h as tf.Tensor2D);
      }
    }
    return { x, rows, acts, masks };
  }

  /** The raw outputs (rows×out, row-major) of a forward pass. */
  outputs(x: Float32Array, rows: number): Float32Array {
    return scoped(() => {
      let h = tf.tensor2d(withOnes(x, rows, this.sizes[0]!), [rows, this.sizes[0]! + 1]);
      for (let j = 0; j < this.depth; j++) {
        h = tf.matMul(h, this.W[j]!);
        // the trailing ones column is positive, so PReLU keeps it
        if (j + 1 < this.depth) h = tf.prelu<tf.Tensor>(h, this.alpha.get(this.sizes[j + 1]! + 1)!) as tf.Tensor2D;
      }
      return h.dataSync() as Float32Array;
    });
  }

  /**
   * Backpropagates dOut (rows×out) through a forward pass: the flat parameter gradient when `weights`, the input
   * gradient (rows×in, JS) when `input`.
   */
  backward(fwd: Forward, dOut: tf.Tensor2D, weights: boolean, input: boolean): { grads?: Float32Array; dIn?: Float32Array } {
    const { acts, masks, rows } = fwd;
    const parts: tf.Tensor2D[] = [];
    let dh = dOut;
    let dIn: Float32Array | undefined;
    for (let j = this.depth - 1; j >= 0; j--) {
      if (weights) {
        const left =
          j === 0 ? tf.tensor2d(transposeWithOnes(fwd.x, rows, this.sizes[0]!), [this.sizes[0]! + 1, rows]) : tf.transpose(acts[j]!);
        parts.push(tf.matMul(left, dh));
      }
      if (j > 0) dh = tf.mul(tf.matMul(dh, this.WT[j]!), masks[j - 1]!) as tf.Tensor2D;
      else if (input) dIn = dropLastColumn(tf.matMul(dh, this.WT[0]!).dataSync() as Float32Array, rows, this.sizes[0]! + 1);
    }
    if (!weights) return { dIn };
    parts.reverse();
    const grads = new Float32Array(this.params.length);
    // one read per part: a Concat kernel would copy everything once more before the read
    for (let j = 0; j < this.depth; j++) {
      this.collect(parts[j]!.dataSync() as Float32Array, 0, j, j + 1 < this.depth ? this.sizes[j + 1]! + 1 : this.sizes[j + 1]!, grads);
    }
    return { grads, dIn };
  }

  /**
   * Copies layer j's gradient [dW; db] ((in+1)×cols at `off` in buf, the trailing column of a hidden layer dropped)
   * into the flat layout; returns the offset after it.
   */
  collect(buf: Float32Array, off: number, j: number, cols: number, into: Float32Array): number {
    const n = this.sizes[j]!;
    const m = this.sizes[j + 1]!;
    const base = this.wOff[j]!;
    for (let r = 0; r <= n; r++) for (let c = 0; c < m; c++) into[base + r * m + c] = buf[off + r * cols + c]!;
    return off + (n + 1) * cols;
  }

  /** Releases every tensor this network holds. */
  disposeTensors(): void {
    this.disposeWeights();
    for (const t of this.alpha.values()) t.dispose();
    this.alpha.clear();
  }

  private disposeWeights(): void {
    for (const t of [...this.W, ...this.WT]) t.dispose();
    this.outWT?.dispose();
    this.W = [];
    this.WT = [];
    this.outWT = undefined;
  }
}

/**
 * Rows [from, from+count) of a 2-D tensor. On wasm, tfjs's Slice kernel copies the whole source tensor out of the
 * heap first; reading just the rows and uploading them costs a third of that.
 */
export function rowsOf(t: tf.Tensor2D, from: number, count: number): tf.Tensor2D {
  const [rows, cols] = t.shape;
  if (from === 0 && count === rows) return t;
  if (tf.getBackend() === 'wasm') {
    const be = tf.backend() as unknown as { readSync(dataId: object, start: number, end: number): Float32Array };
    return tf.tensor2d(be.readSync(t.dataId, from * cols, (from + count) * cols), [count, cols]);
  }
  return tf.slice(t, [from, 0], [count, cols]);
}

/** rows×cols → rows×(cols+1) with a trailing column of ones. */
export function withOnes(x: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * (cols + 1));
  const w = cols + 1;
  for (let i = 0; i < rows; i++) {
    const xo = i * cols;
    const o = i * w;
    for (let k = 0; k < cols; k++) out[o + k] = x[xo + k]!;
    out[o + cols] = 1;
  }
  return out;
}

/** rows×cols → (cols+1)×rows: the transpose of {@link withOnes}. */
export function transposeWithOnes(x: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array((cols + 1) * rows);
  for (let i = 0; i < rows; i++) for (let k = 0; k < cols; k++) t[k * rows + i] = x[i * cols + k]!;
  t.fill(1, cols * rows);
  return t;
}

/** rows×cols → rows×(cols−1). */
export function dropLastColumn(x: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * (cols - 1));
  for (let i = 0; i < rows; i++) out.set(x.subarray(i * cols, i * cols + cols - 1), i * (cols - 1));
  return out;
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
