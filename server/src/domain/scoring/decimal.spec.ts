import { describe, expect, it } from 'vitest';
import { decimalRatio, decimalsOf, hundredthsToNumber, hundredthsToUnits, toHundredths, unitsToNumber, UNIT } from './decimal';
import { ratio } from './ratio';

describe('toHundredths', () => {
  it('reads marks with at most two decimals exactly', () => {
    expect(toHundredths(38.5)).toBe(3850);
    expect(toHundredths(0.07)).toBe(7); // 0.07 × 100 is 7.000000000000001 as a float
    expect(toHundredths(0.29)).toBe(29); // 28.999999999999996 as a float
    expect(toHundredths(40)).toBe(4000);
    expect(toHundredths(-1.5)).toBe(-150);
  });

  it('reads float noise from a client’s arithmetic as the two-decimal mark meant', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(toHundredths(0.1 + 0.2)).toBe(30);
    expect(toHundredths(38 + 0.1 + 0.2)).toBe(3830);
  });

  it('gives 0, never −0', () => {
    expect(Object.is(toHundredths(-0), 0)).toBe(true);
  });

  it('refuses a third decimal', () => {
    expect(toHundredths(1.005)).toBeNull();
    expect(toHundredths(0.125)).toBeNull();
    expect(toHundredths(38.555)).toBeNull();
  });

  it('refuses extra decimals on large values too', () => {
    expect(toHundredths(3599.9999)).toBeNull();
    expect(toHundredths(5000.0001)).toBeNull();
    expect(toHundredths(99999.999)).toBeNull();
    expect(toHundredths(100000.000001)).toBeNull();
    expect(toHundredths(100000)).toBe(10_000_000);
    expect(toHundredths(99999.99)).toBe(9_999_999);
  });

  it('refuses what is not a finite number', () => {
    expect(toHundredths(Number.NaN)).toBeNull();
    expect(toHundredths(Number.POSITIVE_INFINITY)).toBeNull();
    expect(toHundredths('38' as unknown as number)).toBeNull();
  });
});

describe('units and numbers', () => {
  it('uses one unit of 1/10 000 point', () => {
    expect(UNIT).toBe(10_000);
    expect(hundredthsToUnits(150)).toBe(15_000);
  });

  it('writes units and hundredths back as the nearest JSON number', () => {
    expect(unitsToNumber(883_400)).toBe(88.34);
    expect(unitsToNumber(3_000)).toBe(0.3);
    expect(unitsToNumber(1)).toBe(0.0001);
    expect(Object.is(unitsToNumber(-0), 0)).toBe(true);
    expect(hundredthsToNumber(3717)).toBe(37.17);
    expect(Object.is(hundredthsToNumber(-0), 0)).toBe(true);
  });
});

describe('decimalRatio', () => {
  it('gives the exact value of the decimal as written', () => {
    expect(decimalRatio(0.1)).toEqual(ratio(1, 10));
    expect(decimalRatio(0.333333)).toEqual(ratio(333_333, 1_000_000));
    expect(decimalRatio(25)).toEqual(ratio(25));
    expect(decimalRatio(-0.5)).toEqual(ratio(-1, 2));
    expect(decimalRatio(1e-7)).toEqual(ratio(1, 10_000_000));
    expect(decimalRatio(1.5e-7)).toEqual(ratio(15, 100_000_000));
  });

  it('gives null where the value cannot be held exactly', () => {
    expect(decimalRatio(1e21)).toBeNull();
    expect(decimalRatio(0.1234567890123456)).toBeNull();
    expect(decimalRatio(Number.NaN)).toBeNull();
  });
});

describe('decimalsOf', () => {
  it('counts the decimals written', () => {
    expect(decimalsOf(3)).toBe(0);
    expect(decimalsOf(0.25)).toBe(2);
    expect(decimalsOf(0.1)).toBe(1);
    expect(decimalsOf(1e-7)).toBe(7);
    expect(decimalsOf(1.5e-7)).toBe(8);
    expect(decimalsOf(1e21)).toBe(0);
    expect(decimalsOf(Number.NaN)).toBe(Infinity);
  });
});
