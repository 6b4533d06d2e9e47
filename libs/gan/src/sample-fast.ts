import * as tf from '@tensorflow/tfjs-core';
import { fn, kn, LAYERS, R, wn } from './normal.ts';

/**
 * The sampling hot path, kept apart from the trainer's code: a seeded uniform/normal stream that fills typed arrays
 * in place, an inference-only generator forward pass (one fused kernel per layer) and hard categorical heads drawn
 * by inverse CDF of the softmax.
 */

/**
 * A seeded stream of 32-bit words (mulberry32, as in `createRng`), uniforms and standard normals. Normals use the
 * ziggurat method (Marsaglia & Tsang 2000, 128 layers): one word and one table compare for ~99 % of draws, instead of
 * a log, a sqrt and a sin/cos per pair.
 */
export class SampleStream {
  /** The generator state, kept as an int32 (the bit pattern of mulberry32's uint32 state). */
  s: number;

  constructor(seed: number) {
    this.s = (Math.floor(seed) ^ 0x9e3779b9) | 0;
  }

  /** The next 32-bit word, as a signed int32. */
  word(): number {
    const s = (this.s = (this.s + 0x6d2b79f5) | 0);
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return t ^ (t >>> 14);
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return (this.word() >>> 0) / 4294967296;
  }

  /** Uniform in (0, 1): safe under a log. */
  positive(): number {
    return ((this.word() >>> 0) + 0.5) / 4294967296;
  }
}

/** The rare ziggurat draws: a wedge test, or the tail beyond R for layer 0. */
function normalSlow(hz: number, iz: number, st: SampleStream): number {
  for (;;) {
    const x = hz * wn[iz]!;
    if (iz === 0) {
      let a: number;
      let b: number;
      do {
        a = -Math.log(st.positive()) / R;
        b = -Math.log(st.positive());
      } while (b + b < a * a);
      return hz > 0 ? R + a : -R - a;
    }
    if (fn[iz]! + st.uniform() * (fn[iz - 1]! - fn[iz]!) < Math.exp(-0.5 * x * x)) return x;
    hz = st.word();
    iz = hz & (LAYERS - 1);
    if (Math.abs(hz) < kn[iz]!) return hz * wn[iz]!;
  }
}

/** One standard normal from the stream. */
export function normal(st: SampleStream): number {
  const hz = st.word();
  const iz = hz & (LAYERS - 1);
  return Math.abs(hz) < kn[iz]! ? hz * wn[iz]! : normalSlow(hz, iz, st);
}

/**
 * Fills `cols` standard normals at the start of each of `rows` rows of `out` (row stride `stride`); the other
 * columns of a row are left as they are.
 */
export function fillNormals(out: Float32Array, rows: number, cols: number, stride: number, st: SampleStream): void {
  for (let i = 0; i < rows; i++) {
    const base = i * stride;
    for (let k = 0; k < cols; k++) out[base + k] = normal(st);
  }
}

/** The parameter layout of a generator network (the flat layout of `Net` and of checkpoints). */
export interface ForwardLayout {
  readonly sizes: readonly number[];
  readonly params: Float32Array;
  readonly wOff: readonly number[];
  readonly bOff: readonly number[];
}

/**
 * Inference-only forward pass of a LeakyReLU generator: per layer one fused matMul + bias kernel and a PReLU, no
 * homogeneous-coordinate padding, no masks kept for a backward pass. Holds its weight tensors until dispose().
 */
export class GeneratorForward {
  private readonly w: tf.Tensor2D[] = [];
  private readonly b: tf.Tensor1D[] = [];
  /** The LeakyReLU slope as PReLU weights: wasm runs PReLU as one XNNPACK kernel, LeakyReLU as a slower scalar loop. */
  private readonly alpha: tf.Tensor1D[] = [];

  constructor(
    private readonly layout: ForwardLayout,
    leak: number,
  ) {
    const { sizes, params, wOff, bOff } = layout;
    for (let j = 0; j + 1 < sizes.length; j++) {
      const n = sizes[j]!;
      const m = sizes[j + 1]!;
      this.w.push(tf.tensor2d(params.slice(wOff[j]!, wOff[j]! + n * m), [n, m]));
      this.b.push(tf.tensor1d(params.slice(bOff[j]!, bOff[j]! + m)));
      if (j + 2 < sizes.length) this.alpha.push(tf.fill([m], leak) as tf.Tensor1D);
    }
  }

  /** The raw outputs (rows×out, row-major) for rows×in inputs `x`. */
  run(x: Float32Array, rows: number): Float32Array {
    let out: Float32Array | undefined;
    const depth = this.w.length;
    tf.tidy(() => {
      let h: tf.Tensor2D = tf.tensor2d(x, [rows, this.layout.sizes[0]!]);
      for (let j = 0; j < depth; j++) {
        h = tf.fused.matMul({ a: h, b: this.w[j]!, bias: this.b[j]! }) as tf.Tensor2D;
        if (j + 1 < depth) h = tf.prelu<tf.Tensor>(h, this.alpha[j]!) as tf.Tensor2D;
      }
      out = h.dataSync() as Float32Array;
    });
    return out!;
  }

  dispose(): void {
    for (const t of [...this.w, ...this.b, ...this.alpha]) t.dispose();
    this.w.length = 0;
    this.b.length = 0;
    this.alpha.length = 0;
  }
}

/**
 * Hard rows from raw outputs: numeric columns copied, each categorical block one-hot at a level drawn from
 * softmax(logits) by inverse CDF (one uniform per block; the same distribution as argmax(logits + Gumbel noise)).
 */
export function hardRows(
  o: Float32Array,
  rows: number,
  cols: number,
  cats: readonly { offset: number; width: number }[],
  st: SampleStream,
  out: Float64Array,
  outOffset: number,
): void {
  const scratch = new Float64Array(Math.max(1, ...cats.map((c) => c.width)));
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    const ob = outOffset + base;
    for (let k = 0; k < cols; k++) out[ob + k] = o[base + k]!;
    for (let c = 0; c < cats.length; c++) {
      const { offset, width } = cats[c]!;
      const lb = base + offset;
      let max = -Infinity;
      for (let k = 0; k < width; k++) if (o[lb + k]! > max) max = o[lb + k]!;
      let sum = 0;
      for (let k = 0; k < width; k++) scratch[k] = sum += Math.exp(o[lb + k]! - max);
      const u = st.uniform() * sum;
      let pick = 0;
      if (sum < Infinity) {
        while (pick < width - 1 && !(u < scratch[pick]!)) pick++;
      } else {
        // Non-finite logits (a diverged generator): the first largest level, as the Gumbel argmax would pick.
        for (let k = 1; k < width; k++) {
          const v = o[lb + k]!;
          if (!Number.isNaN(v) && (Number.isNaN(o[lb + pick]!) || v > o[lb + pick]!)) pick = k;
        }
      }
      for (let k = 0; k < width; k++) out[ob + offset + k] = 0;
      out[ob + offset + pick] = 1;
    }
  }
}
