import { blockArgmax, csvLine, decodeNumeric, formatNumber, type EncoderSpec, type Matrix } from '@gansweep/data';

/** Exact powers of ten (decimals the digit writer handles itself). */
const POW10 = Array.from({ length: 16 }, (_, i) => Number(`1e${i}`));
/** 2^52: below it a double holds every integer and its fractional part exactly. */
const EXACT_INT = 4503599627370496;

/** Writes the decimal digits of a non-negative integer below 2^53; returns the position after them. */
function writeUint(b: Uint8Array, p: number, n: number): number {
  let len = 1;
  for (let t = n; t >= 10; t = Math.floor(t / 10)) len++;
  for (let k = p + len - 1; k >= p; k--) {
    const q = Math.floor(n / 10);
    b[k] = 48 + n - q * 10;
    n = q;
  }
  return p + len;
}

/**
 * Writes `formatNumber(v, decimals)` as ASCII bytes; returns the position after them. The same arithmetic as
 * formatNumber's fast path (|v|·10^d rounded, ties and huge values left to formatNumber itself), without building a
 * string per cell. `decimals` must be an integer in [0, 15].
 */
function writeFixed(b: Uint8Array, p: number, v: number, decimals: number): number {
  const neg = v < 0;
  const x = (neg ? -v : v) * POW10[decimals]!;
  if (x < EXACT_INT) {
    let n = Math.floor(x);
    const f = x - n;
    if (Math.abs(f - 0.5) > x * 1e-15) {
      if (f > 0.5) n += 1;
      if (n === 0) {
        b[p] = 48;
        return p + 1;
      }
      if (neg) b[p++] = 45;
      const scale = POW10[decimals]!;
      let ip = Math.floor(n / scale);
      let fr = n - ip * scale;
      if (fr < 0) {
        ip -= 1;
        fr += scale;
      }
      p = writeUint(b, p, ip);
      if (fr === 0) return p;
      let digits = decimals;
      while (fr % 10 === 0) {
        fr /= 10;
        digits--;
      }
      b[p++] = 46;
      for (let k = p + digits - 1; k >= p; k--) {
        const q = Math.floor(fr / 10);
        b[k] = 48 + fr - q * 10;
        fr = q;
      }
      return p + digits;
    }
  }
  const s = formatNumber(v, decimals);
  for (let i = 0; i < s.length; i++) b[p++] = s.charCodeAt(i);
  return p;
}

type Column =
  | {
      kind: 'num';
      offset: number;
      std: number;
      mean: number;
      min: number;
      max: number;
      quantiles?: number[];
      integer: boolean;
      decimals: number;
      fast: boolean;
    }
  | { kind: 'cat'; offset: number; width: number; levels: Buffer[] };

/**
 * Decodes encoded rows straight to CSV text: the cells of `decodeMatrix` (un-scaled, clipped, formatted numbers;
 * the largest level of a categorical block, first on ties; '' for a block without levels), written as `csvLine` would
 * write them. Bytes go into one reused buffer and become one string per chunk: no string per cell or row (which also
 * keeps the garbage per chunk small, so chunks in flight die young instead of being promoted to the old generation).
 */
export function csvDecoder(spec: EncoderSpec): (m: Matrix) => string {
  const cols: Column[] = spec.columns.map((c): Column => {
    if (c.kind === 'numeric') {
      const fast = Number.isInteger(c.decimals) && c.decimals >= 0 && c.decimals <= 15;
      return {
        kind: 'num',
        offset: c.offset,
        std: c.std,
        mean: c.mean,
        min: c.min,
        max: c.max,
        quantiles: c.quantiles,
        integer: c.integer,
        decimals: c.decimals,
        fast,
      };
    }
    // csvLine of one cell is that cell as written (quoted if it must be) plus '\n'.
    return { kind: 'cat', offset: c.offset, width: c.width, levels: c.levels.map((l) => Buffer.from(csvLine([l]).slice(0, -1), 'utf8')) };
  });
  const ascii = cols.every((c) => c.kind === 'num' || c.levels.every((l) => l.every((x) => x < 128)));
  // Widest a row can be: a numeric cell is at most ~45 characters (toFixed with 20 decimals of a number below 1e21).
  const rowBytes = cols.reduce((a, c) => a + 1 + (c.kind === 'num' ? 48 : Math.max(0, ...c.levels.map((l) => l.length))), 1);
  let buf = Buffer.allocUnsafe(0);
  return (m) => {
    if (m.cols !== spec.width) throw new RangeError(`csvDecoder: matrix has ${m.cols} columns, the encoder spec is ${spec.width} wide`);
    if (buf.length < m.rows * rowBytes) buf = Buffer.allocUnsafe(m.rows * rowBytes);
    const b = buf;
    const d = m.data;
    let p = 0;
    for (let i = 0; i < m.rows; i++) {
      const base = i * m.cols;
      for (let j = 0; j < cols.length; j++) {
        if (j > 0) b[p++] = 44;
        const c = cols[j]!;
        if (c.kind === 'num') {
          const v = decodeNumeric(c, d[base + c.offset]!);
          if (c.integer) p = writeFixed(b, p, Math.round(v), 0);
          else if (c.fast) p = writeFixed(b, p, v, c.decimals);
          else {
            const s = formatNumber(v, c.decimals);
            for (let k = 0; k < s.length; k++) b[p++] = s.charCodeAt(k);
          }
          continue;
        }
        if (c.width === 0) continue;
        const level = c.levels[blockArgmax(d, base + c.offset, c.width)]!;
        p += level.copy(b, p);
      }
      b[p++] = 10;
    }
    return b.toString(ascii ? 'latin1' : 'utf8', 0, p);
  };
}
