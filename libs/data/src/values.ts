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

/** Exact powers of ten for the fast path of {@link formatNumber}. */
const POW10 = Array.from({ length: 16 }, (_, i) => Number(`1e${i}`));
/** 2^52: below it a double holds every integer and its fractional part exactly. */
const EXACT_INT = 4503599627370496;

/**
 * Formats a number with at most `decimals` decimals and no trailing zeros or "-0", so decoded values read like
 * the original file rather than like float noise ("0.30000000000000004", "1e-17").
 *
 * Gives exactly `v.toFixed(decimals)` with trailing zeros and "-0" removed. The fast path rounds |v|·10^d in floating
 * point and builds the digits from integers; it leaves to `toFixed` (exact decimal arithmetic) every value whose
 * product lies so close to a rounding tie that the product's own rounding error could tip it, and every value too
 * large for exact integers.
 */
export function formatNumber(v: number, decimals: number): string {
  if (decimals >= 0 && decimals <= 15 && decimals === Math.floor(decimals)) {
    const neg = v < 0;
    const x = (neg ? -v : v) * POW10[decimals]!;
    if (x < EXACT_INT) {
      let n = Math.floor(x);
      const f = x - n;
      if (Math.abs(f - 0.5) > x * 1e-15) {
        if (f > 0.5) n += 1;
        if (n === 0) return '0';
        if (decimals === 0) return neg ? '-' + n : String(n);
        const p = POW10[decimals]!;
        let ip = Math.floor(n / p);
        let fr = n - ip * p;
        if (fr < 0) {
          ip -= 1;
          fr += p;
        }
        const sign = neg ? '-' : '';
        if (fr === 0) return sign + ip;
        let digits = decimals;
        while (fr % 10 === 0) {
          fr /= 10;
          digits--;
        }
        const fs = String(fr);
        return sign + ip + (fs.length < digits ? '.' + '0'.repeat(digits - fs.length) : '.') + fs;
      }
    }
  }
  return formatNumberExact(v, decimals);
}

/** The reference formatting: `toFixed` and string clean-up (any number, any decimals). */
function formatNumberExact(v: number, decimals: number): string {
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
