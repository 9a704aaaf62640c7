import { ratio, type Ratio } from './ratio';

/**
 * Every published number (parts, totals, deductions, team scores) is an integer count of
 * 1/10 000 points. Precision is at most 4 decimals, so one unit fits all events and team
 * sums across events with different precisions stay exact.
 */
export const UNIT = 10_000;
export const MAX_PRECISION = 4;

/** Exact hundredths of a JSON number, or null when it has more than two decimals. */
export function toHundredths(x: number): number | null {
  if (typeof x !== 'number' || !Number.isFinite(x)) return null;
  const scaled = x * 100;
  const h = Math.round(scaled);
  // Absorbs float noise (0.1 + 0.2 sent by a client) only: a looser bound let 3599.9999 pass as 3600.
  if (Math.abs(scaled - h) > 1e-12 * Math.max(1, Math.abs(scaled))) return null;
  return h === 0 ? 0 : h;
}

export function hundredthsToUnits(h: number): number {
  return h * (UNIT / 100);
}

/** The JSON number for a count of units. Division of two exact integers is correctly rounded. */
export function unitsToNumber(u: number): number {
  return u === 0 ? 0 : u / UNIT;
}

export function hundredthsToNumber(h: number): number {
  return h === 0 ? 0 : h / 100;
}

/** Exact value of a decimal literal as written by JSON.stringify (handles 1e-7 style too). */
export function decimalRatio(x: number): Ratio | null {
  if (typeof x !== 'number' || !Number.isFinite(x)) return null;
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/i.exec(String(x));
  if (!m) return null;
  const [, sign, int, frac = '', exp = '0'] = m;
  let digits = int + frac;
  let scale = frac.length - Number(exp);
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  if (scale > 15 || digits.length > 15) return null;
  return ratio(Number(sign + digits), 10 ** scale);
}

/** Number of decimals written, e.g. 0.25 → 2, 1e-7 → 7. */
export function decimalsOf(x: number): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) return Infinity;
  const m = /^-?\d+(?:\.(\d+))?(?:e([+-]\d+))?$/i.exec(String(x));
  if (!m) return Infinity;
  return Math.max(0, (m[1]?.length ?? 0) - Number(m[2] ?? 0));
}
