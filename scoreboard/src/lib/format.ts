import type { StandingsRow } from '@skillscore/server/contracts';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function decimalsOf(n: number): number {
  const s = String(n);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : Math.min(4, s.length - dot - 1);
}

/**
 * Digits after the point for an event whose standings do not say their precision: the most any total
 * or part shows. The server rounds to the
 * event's precision but JSON drops trailing zeros, and a column reads best with one width.
 */
export function displayDecimals(rows: readonly StandingsRow[]): number {
  let d = 0;
  for (const r of rows) {
    d = Math.max(d, decimalsOf(r.total), decimalsOf(r.deductions));
    for (const v of Object.values(r.parts)) d = Math.max(d, decimalsOf(v));
  }
  return d;
}

/** The same for any list of numbers (team totals). */
export function decimalsIn(values: Iterable<number>): number {
  let d = 0;
  for (const v of values) d = Math.max(d, decimalsOf(v));
  return d;
}

export function score(n: number, decimals: number): string {
  return n.toFixed(decimals);
}
