import { DataError } from './errors.ts';
import { zeros, type Matrix } from './matrix.ts';
import { normalScore, quantileKnots, quantileValue } from './normal-cdf.ts';
import type { ColumnKind, Dataset } from './schema.ts';
import { formatNumber, isMissing, parseNumber } from './values.ts';

/**
 * A numeric column: one encoded value at `offset`. Z-scored with `mean` / `std`, or, when `quantiles` is present,
 * mapped to normal scores through the training quantiles.
 */
export interface EncodedNumeric {
  kind: 'numeric';
  name: string;
  offset: number;
  /** Training mean; under z-score a missing cell encodes to 0, i.e. this value. */
  mean: number;
  /** Training standard deviation (population); 1 when the column is constant. */
  std: number;
  /**
   * Quantile encoding only: the training values' quantiles at evenly spaced probabilities 0, 1/(k-1), …, 1, sorted,
   * repeats kept (a run of equal knots is the share of rows holding that value). All training values when there are
   * at most 1000 of them, else 1000 interpolated quantiles; a single knot for a constant column, none for an empty one.
   */
  quantiles?: number[];
  /** Training range; decoded values are clipped to it. */
  min: number;
  max: number;
  integer: boolean;
  decimals: number;
}

/** A one-hot categorical column: `width` = levels.length values starting at `offset`. */
export interface EncodedCategorical {
  kind: 'categorical';
  name: string;
  offset: number;
  width: number;
  /** Levels seen in the training rows, in the dataset's level order. */
  levels: string[];
}

export type EncodedColumn = EncodedNumeric | EncodedCategorical;

/** How {@link fitEncoder} encodes; see {@link fitEncoder}. */
export interface EncoderOptions {
  /**
   * The rule for numeric columns: 'zscore' (value - mean) / std, or 'quantile' (the empirical CDF of the training
   * values mapped to standard-normal scores, like scikit-learn's QuantileTransformer with a normal output).
   * @default 'zscore'
   */
  numeric?: 'zscore' | 'quantile';
}

/** Everything needed to encode and decode rows the same way later, on another machine (plain JSON). */
export interface EncoderSpec {
  version: 1;
  label: string;
  minority: string;
  columns: EncodedColumn[];
  /** Total encoded width. */
  width: number;
}

/** A contiguous slice of the encoded vector belonging to one column, for per-column output heads. */
export interface OutputBlock {
  column: string;
  kind: ColumnKind;
  offset: number;
  width: number;
}

/**
 * Fits the preprocessing on the given (training) rows only, as BENCHMARK.md requires: numeric columns get their
 * mean / std / range (and, for `numeric: 'quantile'`, their quantiles) from those rows (missing cells ignored),
 * categorical columns one-hot over the levels that occur in them.
 */
export function fitEncoder(ds: Dataset, indices: ArrayLike<number>, options: EncoderOptions = {}): EncoderSpec {
  const quantile = (options.numeric ?? 'zscore') === 'quantile';
  let offset = 0;
  const columns: EncodedColumn[] = ds.columns.map((col, j) => {
    if (col.kind === 'numeric') {
      let n = 0;
      let sum = 0;
      let min = Infinity;
      let max = -Infinity;
      const values: number[] = [];
      for (let k = 0; k < indices.length; k++) {
        const cell = ds.rows[indices[k]!]![j]!;
        if (isMissing(cell)) continue;
        const v = parseNumber(cell);
        if (v === undefined) continue;
        values.push(v);
        n++;
        sum += v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const mean = n > 0 ? sum / n : 0;
      let ss = 0;
      for (const v of values) ss += (v - mean) * (v - mean);
      const sd = n > 0 ? Math.sqrt(ss / n) : 0;
      // Relative threshold: a constant column can show float dust in its variance.
      const std = sd > 1e-12 * Math.max(1, Math.abs(mean)) ? sd : 1;
      const enc: EncodedNumeric = {
        kind: 'numeric',
        name: col.name,
        offset,
        mean,
        std,
        min: n > 0 ? min : 0,
        max: n > 0 ? max : 0,
        integer: col.integer,
        decimals: col.decimals,
      };
      if (quantile) enc.quantiles = quantileKnots(values.sort((a, b) => a - b));
      offset += 1;
      return enc;
    }
    const seen = new Set<string>();
    for (let k = 0; k < indices.length; k++) {
      const cell = ds.rows[indices[k]!]![j]!;
      if (!isMissing(cell)) seen.add(cell);
    }
    const order = col.levels ?? [...seen].sort();
    const levels = order.filter((l) => seen.has(l));
    const enc: EncodedCategorical = { kind: 'categorical', name: col.name, offset, width: levels.length, levels };
    offset += levels.length;
    return enc;
  });
  return { version: 1, label: ds.label, minority: ds.minority, columns, width: offset };
}

/**
 * Encodes feature rows (cells in the spec's column order), optionally only those at `indices`. Missing numeric
 * cells encode as 0: the training mean under z-score, the training median under quantile encoding (its normal
 * score). Missing or unseen categories encode as all zeros.
 * @throws DataError BAD_COLUMN when a row has the wrong number of cells or a numeric cell is not a number.
 */
export function encodeRows(spec: EncoderSpec, rows: readonly (readonly string[])[], indices?: ArrayLike<number>): Matrix {
  const n = indices ? indices.length : rows.length;
  const out = zeros(n, spec.width);
  const lookups = spec.columns.map((c) => (c.kind === 'categorical' ? new Map(c.levels.map((l, i) => [l, i])) : undefined));
  for (let k = 0; k < n; k++) {
    const i = indices ? indices[k]! : k;
    const r = rows[i]!;
    if (r.length !== spec.columns.length) {
      throw new DataError(
        'BAD_COLUMN',
        `row ${i + 1} has ${r.length} cells, the encoder expects ${spec.columns.length} (${header(spec).join(', ')}).`,
        {
          row: i + 1,
        },
      );
    }
    const base = k * spec.width;
    spec.columns.forEach((c, j) => {
      const cell = r[j]!;
      if (isMissing(cell)) return;
      if (c.kind === 'numeric') {
        const v = parseNumber(cell);
        if (v === undefined) {
          throw new DataError('BAD_COLUMN', `row ${i + 1}, numeric column "${c.name}": "${cell}" is not a number. Fix or blank the cell.`, {
            row: i + 1,
            column: c.name,
            value: cell,
          });
        }
        out.data[base + c.offset] = c.quantiles ? normalScore(c.quantiles, v) : (v - c.mean) / c.std;
      } else {
        const li = lookups[j]!.get(cell);
        if (li !== undefined) out.data[base + c.offset + li] = 1;
      }
    });
  }
  return out;
}

/**
 * The original-scale value of an encoded numeric cell, clipped to [min, max]. Z-score: the inverse z-score, the mean
 * when that is not finite. Quantile: Φ(x) interpolated back through the knots; NaN gives the median, ±∞ the range
 * ends.
 */
export function decodeNumeric(c: Pick<EncodedNumeric, 'mean' | 'std' | 'min' | 'max' | 'quantiles'>, x: number): number {
  let v: number;
  if (c.quantiles && c.quantiles.length > 0) v = quantileValue(c.quantiles, x);
  else {
    v = x * c.std + c.mean;
    if (!Number.isFinite(v)) v = c.mean;
  }
  return Math.min(c.max, Math.max(c.min, v));
}

/** The level index a one-hot block decodes to: its largest value (ties -> first; a number beats NaN). */
export function blockArgmax(d: ArrayLike<number>, off: number, width: number): number {
  let best = 0;
  let bestV = d[off]!;
  for (let t = 1; t < width; t++) {
    const v = d[off + t]!;
    if (v > bestV || (Number.isNaN(bestV) && !Number.isNaN(v))) {
      bestV = v;
      best = t;
    }
  }
  return best;
}

/**
 * Turns encoded (e.g. generated) rows back into cells: numeric values are un-scaled ({@link decodeNumeric}),
 * clipped to the training range and rounded / formatted like the original column; a categorical block becomes the
 * level with the largest value (first on ties). A block with no training levels decodes to ''.
 */
export function decodeMatrix(spec: EncoderSpec, m: Matrix): string[][] {
  if (m.cols !== spec.width) {
    throw new RangeError(`decodeMatrix: matrix has ${m.cols} columns, the encoder spec is ${spec.width} wide`);
  }
  const cols = spec.columns;
  const nc = cols.length;
  const d = m.data;
  const out: string[][] = new Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    const base = i * m.cols;
    const cells: string[] = new Array(nc);
    for (let j = 0; j < nc; j++) {
      const c = cols[j]!;
      if (c.kind === 'numeric') {
        const v = decodeNumeric(c, d[base + c.offset]!);
        cells[j] = c.integer ? formatNumber(Math.round(v), 0) : formatNumber(v, c.decimals);
        continue;
      }
      if (c.width === 0) {
        cells[j] = '';
        continue;
      }
      cells[j] = c.levels[blockArgmax(d, base + c.offset, c.width)]!;
    }
    out[i] = cells;
  }
  return out;
}

/** The encoded layout per column; zero-width blocks (no training levels) are left out. */
export function outputBlocks(spec: EncoderSpec): OutputBlock[] {
  return spec.columns
    .map((c) => ({ column: c.name, kind: c.kind, offset: c.offset, width: c.kind === 'numeric' ? 1 : c.width }))
    .filter((b) => b.width > 0);
}

/** Feature column names in encoded order (the header for decoded CSV output). */
export function header(spec: EncoderSpec): string[] {
  return spec.columns.map((c) => c.name);
}
