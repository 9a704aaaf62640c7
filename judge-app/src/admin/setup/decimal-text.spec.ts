import { describe, expect, it } from 'vitest';
import { numberText, percentText, readNumber, shiftDecimal } from './decimal-text';

describe('numbers typed into the form', () => {
  it('reads decimals, with a comma too, and tells empty from wrong', () => {
    expect(readNumber('37.5')).toBe(37.5);
    expect(readNumber(' 40 ')).toBe(40);
    expect(readNumber('0,5')).toBe(0.5);
    expect(readNumber('.5')).toBe(0.5);
    expect(readNumber('-2')).toBe(-2);
    expect(readNumber('')).toBeNull();
    expect(readNumber('  ')).toBeNull();
    for (const bad of ['abc', '1.2.3', '1e3', '.', '12a', '--1']) expect(readNumber(bad), bad).toBeNaN();
  });

  it('turns percent into a fraction without float noise', () => {
    expect(shiftDecimal('33.3', -2)).toBe(0.333);
    expect(shiftDecimal('10', -2)).toBe(0.1);
    expect(shiftDecimal('5', -2)).toBe(0.05);
    expect(shiftDecimal('100', -2)).toBe(1);
    expect(shiftDecimal('12.3456', -2)).toBe(0.123456);
    expect(shiftDecimal('', -2)).toBeNull();
    expect(shiftDecimal('x', -2)).toBeNaN();
    // what plain division gets wrong
    expect(33.3 / 100).not.toBe(0.333);
  });

  it('shows fractions as percent and numbers in plain notation', () => {
    expect(percentText(0.333)).toBe('33.3');
    expect(percentText(0.1)).toBe('10');
    expect(percentText(0.07)).toBe('7');
    expect(percentText(undefined)).toBe('');
    expect(numberText(0.0000001)).toBe('0.0000001');
    expect(numberText(40)).toBe('40');
    expect(numberText(null)).toBe('');
  });
});
