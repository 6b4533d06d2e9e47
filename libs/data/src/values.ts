/** Cell-level conventions shared by schema inference, the encoder and the decoder. */

const MISSING = new Set(['', 'na', 'n/a', 'nan', '?', 'null', 'none']);

/** True for cells that mean "no value": '', NA, N/A, NaN, ?, null, None (any case). */
export function isMissing(cell: string): boolean {
  return MISSING.has(cell.trim().toLowerCase());
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a plain decimal number (optionally with an exponent). Hex, 'Infinity' and other things `Number()` would
 * accept are rejected so that codes like "0x1F" stay categorical. Returns undefined when the cell is not a number.
 */
export function parseNumber(cell: string): number | undefined {
  const s = cell.trim();
  if (!DECIMAL.test(s)) return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

/** The number of decimals a numeric cell was written with ("0.455" -> 3, "1e-4" -> 4, "12" -> 0), capped at 12. */
export function decimalsOf(cell: string): number {
  const s = cell.trim().toLowerCase();
  const [mant = '', exp = '0'] = s.split('e');
  const dot = mant.indexOf('.');
  const frac = dot < 0 ? 0 : mant.length - dot - 1;
  return Math.min(12, Math.max(0, frac - Number(exp)));
}

/**
 * Formats a number with at most `decimals` decimals and no trailing zeros or "-0", so decoded values read like
 * the original file rather than like float noise ("0.30000000000000004", "1e-17").
 */
export function formatNumber(v: number, decimals: number): string {
  let s = v.toFixed(Math.max(0, Math.min(20, decimals)));
  if (s.includes('.') && !s.includes('e')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  if (/^-0(\.0*)?$/.test(s)) s = '0';
  return s;
}

/** Orders category levels: numerically when both look like numbers, else by code unit (locale independent). */
export function compareLevels(a: string, b: string): number {
  const x = parseNumber(a);
  const y = parseNumber(b);
  if (x !== undefined && y !== undefined && x !== y) return x - y;
  if (x !== undefined && y === undefined) return -1;
  if (x === undefined && y !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
