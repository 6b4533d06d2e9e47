import type { Rng } from '@gansweep/data';

/** How the encoded columns group: numeric blocks (linear outputs) and one-hot categorical blocks. */
export interface OutputBlock {
  column: string;
  kind: 'numeric' | 'categorical';
  offset: number;
  width: number;
}

/** Gumbel-softmax temperature during training (CTGAN's choice): near one-hot rows that still carry a gradient. */
export const GUMBEL_TAU = 0.2;

/** Thrown when the column blocks do not describe the encoded matrix. */
export class GanDataError extends Error {
  readonly code = 'invalid-gan-data';
  constructor(message: string) {
    super(message);
    this.name = 'GanDataError';
  }
}

/** Checks that blocks lie inside [0, cols) without overlapping; returns the categorical ones. */
export function categoricalBlocks(blocks: readonly OutputBlock[], cols: number): { offset: number; width: number }[] {
  const used = new Uint8Array(cols);
  const cats: { offset: number; width: number }[] = [];
  for (const b of blocks) {
    if (!Number.isInteger(b.offset) || !Number.isInteger(b.width) || b.width < 1 || b.offset < 0 || b.offset + b.width > cols) {
      throw new GanDataError(`block '${b.column}' (offset ${b.offset}, width ${b.width}) lies outside the ${cols} encoded columns`);
    }
    for (let k = b.offset; k < b.offset + b.width; k++) {
      if (used[k]) throw new GanDataError(`block '${b.column}' overlaps another block at encoded column ${k}`);
      used[k] = 1;
    }
    if (b.kind === 'categorical') cats.push({ offset: b.offset, width: b.width });
  }
  return cats;
}

const gumbel = (rng: Rng): number => {
  let u = rng.next();
  while (u === 0) u = rng.next();
  return -Math.log(-Math.log(u));
};

/**
 * Output heads, computed on the JS side (the generator's last layer is rows×features, tiny next to the hidden
 * products, and per-block softmax is awkward as tensor kernels). Numeric columns pass through linearly.
 */
export class OutputHeads {
  readonly cats: { offset: number; width: number }[];
  constructor(
    blocks: readonly OutputBlock[],
    readonly cols: number,
  ) {
    this.cats = categoricalBlocks(blocks, cols);
  }

  /** Gumbel-softmax rows (training); also returns the softmax values needed by {@link backward}. */
  soft(o: Float32Array, rows: number, rng: Rng): Float32Array {
    const out = o.slice();
    const F = this.cols;
    for (let i = 0; i < rows; i++) {
      for (const { offset, width } of this.cats) {
        const base = i * F + offset;
        let max = -Infinity;
        for (let k = 0; k < width; k++) {
          const t = (o[base + k]! + gumbel(rng)) / GUMBEL_TAU;
          out[base + k] = t;
          if (t > max) max = t;
        }
        let sum = 0;
        for (let k = 0; k < width; k++) sum += out[base + k] = Math.exp(out[base + k]! - max);
        for (let k = 0; k < width; k++) out[base + k] = out[base + k]! / sum;
      }
    }
    return out;
  }

  /** d loss / d logits from d loss / d output, given the soft output y: softmax backward per block, divided by τ. */
  backward(dOut: Float32Array, y: Float32Array, rows: number): Float32Array {
    const d = dOut.slice();
    const F = this.cols;
    for (let i = 0; i < rows; i++) {
      for (const { offset, width } of this.cats) {
        const base = i * F + offset;
        let s = 0;
        for (let k = 0; k < width; k++) s += dOut[base + k]! * y[base + k]!;
        for (let k = 0; k < width; k++) d[base + k] = (y[base + k]! * (dOut[base + k]! - s)) / GUMBEL_TAU;
      }
    }
    return d;
  }

  /** Hard rows: argmax(logits + Gumbel noise), i.e. a draw from softmax(logits), one-hot per categorical block. */
  hard(o: Float32Array, rows: number, rng: Rng, out: Float64Array, outOffset: number): void {
    const F = this.cols;
    for (let i = 0; i < rows; i++) {
      const base = i * F;
      for (let k = 0; k < F; k++) out[outOffset + base + k] = o[base + k]!;
      for (const { offset, width } of this.cats) {
        let best = 0;
        let bestV = -Infinity;
        for (let k = 0; k < width; k++) {
          const v = o[base + offset + k]! + gumbel(rng);
          if (v > bestV) {
            bestV = v;
            best = k;
          }
          out[outOffset + base + offset + k] = 0;
        }
        out[outOffset + base + offset + best] = 1;
      }
    }
  }
}
