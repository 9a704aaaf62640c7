import { describe, expect, it } from 'vitest';
import { add, compare, divInt, ratio, roundToUnits, sub, sum, times, toNumber, ZERO } from './ratio';

describe('ratio', () => {
  it('is kept reduced with a positive denominator', () => {
    expect(ratio(6, 4)).toEqual({ num: 3, den: 2 });
    expect(ratio(2, -4)).toEqual({ num: -1, den: 2 });
    expect(ratio(0, 7)).toEqual({ num: 0, den: 1 });
  });

  it('refuses fractions and a zero denominator', () => {
    expect(() => ratio(0.5, 1)).toThrow(RangeError);
    expect(() => ratio(1, 0)).toThrow(RangeError);
    expect(() => ratio(1, 1.5)).toThrow(RangeError);
  });
});

describe('exact arithmetic', () => {
  it('adds 0.1 and 0.2 to exactly 0.3', () => {
    const s = add(ratio(1, 10), ratio(2, 10));
    expect(s).toEqual(ratio(3, 10));
    expect(compare(s, ratio(3, 10))).toBe(0);
  });

  it('adds three thirds to exactly 1', () => {
    const third = ratio(1, 3);
    expect(sum([third, third, third])).toEqual(ratio(1));
    expect(sum([])).toEqual(ZERO);
  });

  it('subtracts, multiplies and divides exactly', () => {
    expect(sub(ratio(1, 2), ratio(1, 3))).toEqual(ratio(1, 6));
    expect(times(ratio(3718, 100), ratio(7, 10))).toEqual(ratio(26026, 1000));
    expect(times(ZERO, ratio(7, 10))).toEqual(ZERO);
    expect(divInt(ratio(7700, 100), 3)).toEqual(ratio(77, 3));
  });

  it('throws instead of losing precision when a product leaves the exact integer range', () => {
    expect(() => times(ratio(2 ** 40), ratio(2 ** 40))).toThrow(RangeError);
  });

  it('compares values whose cross products exceed the float range exactly', () => {
    const big = Number.MAX_SAFE_INTEGER;
    // 1 + 1/(big−1) < 1 + 1/(big−2); as floats both are 1.
    const a = ratio(big, big - 1);
    const b = ratio(big - 1, big - 2);
    expect(toNumber(a)).toBe(toNumber(b));
    expect(compare(a, b)).toBe(-1);
    expect(compare(b, a)).toBe(1);
    expect(compare(a, a)).toBe(0);
  });

  it('compares with the sign of the difference', () => {
    expect(compare(ratio(1, 3), ratio(33, 100))).toBe(1);
    expect(compare(ratio(-1, 2), ratio(0))).toBe(-1);
  });
});

describe('roundToUnits (one half-up rounding)', () => {
  it('rounds 37.1666… to 37.17 and 25.666… to 25.67', () => {
    expect(roundToUnits(ratio(223, 6), 100)).toBe(3717);
    expect(roundToUnits(ratio(77, 3), 100)).toBe(2567);
  });

  it('rounds an exact half up', () => {
    expect(roundToUnits(ratio(1, 8), 100)).toBe(13); // 0.125 → 0.13
    expect(roundToUnits(ratio(5, 2), 1)).toBe(3); // 2.5 → 3
    expect(roundToUnits(ratio(7, 2), 1)).toBe(4); // not to even
  });

  it('rounds the exact value, not its float (1.005 → 1.01)', () => {
    expect(Math.round(1.005 * 100)).toBe(100);
    expect(roundToUnits(ratio(1005, 1000), 100)).toBe(101);
  });

  it('rounds a value a hair below a half down where float division would round it up', () => {
    // 100 × 75750000000051 / 150000000000101 = 50.5 − 1/300000000000202: 50.5 as a float
    const den = 150_000_000_000_101;
    const num = 75_750_000_000_051;
    expect(Math.round((num * 100) / den)).toBe(51);
    expect(roundToUnits(ratio(num, den), 100)).toBe(50);
  });

  it('rounds below a half down', () => {
    expect(roundToUnits(ratio(1249, 10000), 100)).toBe(12);
    expect(roundToUnits(ratio(1, 3), 1)).toBe(0);
  });

  it('rounds a negative half away from zero', () => {
    expect(roundToUnits(ratio(-1, 8), 100)).toBe(-13);
  });

  it('stays exact beyond the float range', () => {
    const big = Number.MAX_SAFE_INTEGER; // odd: big / 2 ends in .5
    expect(roundToUnits(ratio(big, 2), 1)).toBe(Number((BigInt(big) + 1n) / 2n));
    expect(roundToUnits(ratio(big, 3), 100)).toBe(Number((2n * BigInt(big) * 100n + 3n) / 6n));
  });
});
