/**
 * Exact non-float arithmetic for scores. A Ratio is num/den with den > 0, reduced.
 * Integers stay JavaScript numbers for speed; any product that could leave the safe-integer
 * range is done in BigInt, so results are exact whatever the inputs.
 */
export interface Ratio {
  readonly num: number;
  readonly den: number;
}

const SAFE = Number.MAX_SAFE_INTEGER;

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

function mul(a: number, b: number): number {
  const p = a * b;
  if (Math.abs(p) <= SAFE) return p;
  throw new RangeError(`score arithmetic overflow (${a} × ${b})`);
}

export function ratio(num: number, den = 1): Ratio {
  if (!Number.isInteger(num) || !Number.isInteger(den) || den === 0) {
    throw new RangeError(`ratio needs integers and a non-zero denominator, got ${num}/${den}`);
  }
  if (den < 0) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den) || 1;
  return { num: num / g, den: den / g };
}

export const ZERO: Ratio = { num: 0, den: 1 };

export function add(a: Ratio, b: Ratio): Ratio {
  if (a.den === b.den) return ratio(a.num + b.num, a.den);
  const g = gcd(a.den, b.den);
  const da = a.den / g;
  return ratio(mul(a.num, b.den / g) + mul(b.num, da), mul(da, b.den));
}

export function sub(a: Ratio, b: Ratio): Ratio {
  return add(a, { num: -b.num, den: b.den });
}

export function times(a: Ratio, b: Ratio): Ratio {
  const g1 = gcd(a.num, b.den) || 1;
  const g2 = gcd(b.num, a.den) || 1;
  return ratio(mul(a.num / g1, b.num / g2), mul(a.den / g2, b.den / g1));
}

export function divInt(a: Ratio, n: number): Ratio {
  return ratio(a.num, mul(a.den, n));
}

export function compare(a: Ratio, b: Ratio): number {
  if (a.den === b.den) return Math.sign(a.num - b.num);
  const l = a.num * b.den;
  const r = b.num * a.den;
  if (Math.abs(l) <= SAFE && Math.abs(r) <= SAFE) return Math.sign(l - r);
  const bl = BigInt(a.num) * BigInt(b.den);
  const br = BigInt(b.num) * BigInt(a.den);
  return bl < br ? -1 : bl > br ? 1 : 0;
}

export function sum(values: readonly Ratio[]): Ratio {
  let s = ZERO;
  for (const v of values) s = add(s, v);
  return s;
}

/**
 * Rounds num/den to a whole number of 1/scale units, half away from zero (scores are never
 * negative, so this is "half up"): 37.1666… at scale 100 → 3717, 0.125 at scale 100 → 13.
 */
export function roundToUnits(a: Ratio, scale: number): number {
  const sign = a.num < 0 ? -1 : 1;
  const n = Math.abs(a.num);
  const scaled = n * scale;
  if (scaled <= SAFE && 2 * scaled + a.den <= SAFE) {
    return sign * Math.floor((2 * scaled + a.den) / (2 * a.den));
  }
  const big = (2n * BigInt(n) * BigInt(scale) + BigInt(a.den)) / (2n * BigInt(a.den));
  return sign * Number(big);
}

export function toNumber(a: Ratio): number {
  return a.num / a.den;
}
