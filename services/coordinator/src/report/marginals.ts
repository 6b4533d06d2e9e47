import { isMissing, parseNumber, type ColumnInfo } from '@gansweep/data';

/** The rows whose per-column distributions are compared: real minority, real majority, synthetic minority. */
export interface MarginalGroup {
  name: string;
  /** Cells aligned with the dataset's feature columns. */
  rows: readonly (readonly string[])[];
}

export type ColumnMarginal =
  | { kind: 'numeric'; column: string; edges: number[]; densities: number[][]; missing: number[] }
  | { kind: 'categorical'; column: string; levels: string[]; shares: number[][] };

/** Bins of a numeric histogram. @default 20 */
const BINS = 20;
/** Categorical levels shown before the rest are pooled as "(other)". */
const MAX_LEVELS = 16;

function numericMarginal(column: string, j: number, groups: MarginalGroup[]): ColumnMarginal {
  const values = groups.map((g) => {
    const xs: number[] = [];
    for (const r of g.rows) {
      const cell = r[j] ?? '';
      const v = isMissing(cell) ? undefined : parseNumber(cell);
      if (v !== undefined && Number.isFinite(v)) xs.push(v);
    }
    return xs;
  });
  let lo = Infinity;
  let hi = -Infinity;
  for (const xs of values) for (const v of xs) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  if (hi === lo) [lo, hi] = [lo - 0.5, hi + 0.5];
  const width = (hi - lo) / BINS;
  const edges = Array.from({ length: BINS + 1 }, (_, i) => lo + i * width);
  const densities = values.map((xs) => {
    const counts = new Array<number>(BINS).fill(0);
    for (const v of xs) counts[Math.min(BINS - 1, Math.floor((v - lo) / width))]!++;
    return counts.map((c) => (xs.length ? c / xs.length : 0));
  });
  const missing = groups.map((g, gi) => g.rows.length - values[gi]!.length);
  return { kind: 'numeric', column, edges, densities, missing };
}

function categoricalMarginal(column: string, j: number, info: ColumnInfo | undefined, groups: MarginalGroup[]): ColumnMarginal {
  const counts = groups.map((g) => {
    const m = new Map<string, number>();
    for (const r of g.rows) {
      const cell = r[j] ?? '';
      const key = isMissing(cell) ? '(missing)' : cell;
      m.set(key, (m.get(key) ?? 0) + 1);
    }
    return m;
  });
  const all = new Set<string>([...(info?.levels ?? []), ...counts.flatMap((m) => [...m.keys()])]);
  // Most frequent levels in the real minority first; the comparison that matters is real B vs synthetic B.
  const ref = counts[0] ?? new Map<string, number>();
  const total = (l: string) => counts.reduce((a, m) => a + (m.get(l) ?? 0), 0);
  let levels = [...all].filter((l) => total(l) > 0).sort((a, b) => (ref.get(b) ?? 0) - (ref.get(a) ?? 0) || total(b) - total(a));
  const pooled = levels.length > MAX_LEVELS ? levels.slice(MAX_LEVELS - 1) : [];
  if (pooled.length) levels = [...levels.slice(0, MAX_LEVELS - 1), '(other)'];
  const shares = groups.map((g, gi) => {
    const n = Math.max(1, g.rows.length);
    const m = counts[gi]!;
    return levels.map((l) => (l === '(other)' && pooled.length ? pooled.reduce((a, p) => a + (m.get(p) ?? 0), 0) : (m.get(l) ?? 0)) / n);
  });
  return { kind: 'categorical', column, levels, shares };
}

/**
 * Per-column distributions of each group: a shared-edge histogram (densities summing to 1) for numeric columns,
 * level shares for categorical ones. `columns` gives the kinds and the order of the cells in every row.
 */
export function columnMarginals(columns: readonly ColumnInfo[], groups: MarginalGroup[]): ColumnMarginal[] {
  return columns.map((c, j) => (c.kind === 'numeric' ? numericMarginal(c.name, j, groups) : categoricalMarginal(c.name, j, c, groups)));
}

/** Reorders decoded rows (encoder column order) into the dataset's column order, by name; absent columns are ''. */
export function alignRows(rows: readonly (readonly string[])[], from: readonly string[], to: readonly string[]): string[][] {
  const index = to.map((name) => from.indexOf(name));
  return rows.map((r) => index.map((i) => (i >= 0 ? (r[i] ?? '') : '')));
}
