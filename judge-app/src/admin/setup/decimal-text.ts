/**
 * Numbers typed into the form, read and written as decimal text so that "33.3 %" becomes the
 * share 0.333 exactly (33.3 / 100 in floating point is 0.33299999999999996).
 */
const DECIMAL = /^([+-]?)(\d*)(?:[.,](\d*))?$/;

/** The number a person typed, or NaN when it is not one; '' is "left empty" and reads as null. */
export function readNumber(text: string): number | null {
  const s = text.trim().replace(/\s+/g, '');
  if (s === '') return null;
  const m = DECIMAL.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return Number.NaN;
  return Number(`${m[1]}${m[2] || '0'}.${m[3] || '0'}`);
}

/** Moves the decimal point of typed text by `places` (positive: to the right), without float arithmetic. */
export function shiftDecimal(text: string, places: number): number | null {
  const s = text.trim().replace(/\s+/g, '');
  if (s === '') return null;
  const m = DECIMAL.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return Number.NaN;
  let int = m[2] || '0';
  let frac = m[3] ?? '';
  if (places >= 0) {
    frac = frac.padEnd(places, '0');
    int += frac.slice(0, places);
    frac = frac.slice(places);
  } else {
    int = int.padStart(-places + 1, '0');
    frac = int.slice(int.length + places) + frac;
    int = int.slice(0, int.length + places);
  }
  return Number(`${m[1]}${int || '0'}.${frac || '0'}`);
}

/** A number as the form shows it: plain decimal notation, never 1e-7. */
export function numberText(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '';
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(12).replace(/\.?0+$/, '');
}

/** A fraction (0.333) as percent text ("33.3"). */
export function percentText(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '';
  const n = shiftDecimal(numberText(fraction), 2);
  return n === null || Number.isNaN(n) ? '' : numberText(n);
}
