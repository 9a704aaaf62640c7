import { describe, expect, it } from 'vitest';
import { aggregateValues, droppedIndices } from './aggregate';
import { ratio } from './ratio';

/** Marks in points → hundredths, aggregated with hundredths as the unit. */
function agg(points: number[], method: 'mean' | 'trimmed' | 'median', trim = 0) {
  return aggregateValues(
    points.map((p) => Math.round(p * 100)),
    method,
    trim,
    100,
  );
}

describe('mean', () => {
  it('is the exact mean, a third kept as a third', () => {
    expect(agg([1, 1, 2], 'mean')).toEqual({ value: ratio(4, 3), fallback: false });
  });

  it('is exact with decimals (0.1, 0.2 → 0.15)', () => {
    expect(agg([0.1, 0.2], 'mean')?.value).toEqual(ratio(15, 100));
  });

  it('of one value is that value', () => {
    expect(agg([27], 'mean')?.value).toEqual(ratio(27));
  });

  it('gives null when no value is in', () => {
    expect(aggregateValues([], 'mean', 0, 100)).toBeNull();
    expect(aggregateValues([], 'trimmed', 1, 100)).toBeNull();
    expect(aggregateValues([], 'median', 0, 100)).toBeNull();
  });
});

describe('trimmed (去掉最高分和最低分)', () => {
  it('drops the lowest and the highest and averages the rest (spec: design of station 07)', () => {
    // 36, 38.5, 35, 39, 37 → drop 35 and 39 → 111.5 / 3
    expect(agg([36, 38.5, 35, 39, 37], 'trimmed', 1)).toEqual({ value: ratio(1115, 30), fallback: false });
  });

  it('drops only one of each even when the highest or lowest value appears twice', () => {
    // 27, 27, 27, 30, 30 → drop one 27 and one 30 → (27 + 27 + 30) / 3 = 28
    expect(agg([30, 27, 27, 30, 27], 'trimmed', 1)?.value).toEqual(ratio(28));
    // spec technique: 25, 26, 26, 24.5, 28 → 77 / 3
    expect(agg([25, 26, 26, 24.5, 28], 'trimmed', 1)?.value).toEqual(ratio(77, 3));
  });

  it('drops k of each side for trim k', () => {
    // 1, 2, 3, 4, 10, 20, 30 with k = 2 → 3 + 4 + 10 over 3
    expect(agg([30, 1, 20, 2, 10, 3, 4], 'trimmed', 2)).toEqual({ value: ratio(17, 3), fallback: false });
  });

  it('uses 2k + 1 values without falling back', () => {
    expect(agg([1, 2, 9], 'trimmed', 1)).toEqual({ value: ratio(2), fallback: false });
    expect(agg([1, 2, 3, 4, 99], 'trimmed', 2)).toEqual({ value: ratio(3), fallback: false });
  });

  it('falls back to the plain mean and flags it with fewer than 2k + 1 values', () => {
    expect(agg([1, 9], 'trimmed', 1)).toEqual({ value: ratio(5), fallback: true });
    expect(agg([7], 'trimmed', 1)).toEqual({ value: ratio(7), fallback: true });
    expect(agg([1, 2, 3, 10], 'trimmed', 2)).toEqual({ value: ratio(4), fallback: true });
  });

  it('with k = 0 is the plain mean, not flagged', () => {
    expect(agg([1, 2, 9], 'trimmed', 0)).toEqual({ value: ratio(4), fallback: false });
  });

  it('does not reorder the caller’s values', () => {
    const values = [3900, 3500, 3700];
    aggregateValues(values, 'trimmed', 1, 100);
    aggregateValues(values, 'median', 0, 100);
    expect(values).toEqual([3900, 3500, 3700]);
  });
});

describe('median', () => {
  it('is the middle value for odd n, whatever the input order', () => {
    expect(agg([9, 1, 5], 'median')).toEqual({ value: ratio(5), fallback: false });
  });

  it('is the mean of the two middle values for even n', () => {
    expect(agg([10, 1, 4, 2], 'median')?.value).toEqual(ratio(3));
    expect(agg([27, 27.5], 'median')?.value).toEqual(ratio(2725, 100));
    expect(agg([0.01, 0.02], 'median')?.value).toEqual(ratio(15, 1000));
  });

  it('of one value is that value', () => {
    expect(agg([38.5], 'median')?.value).toEqual(ratio(385, 10));
  });
});

describe('unit of the values', () => {
  it('reads integer values as counts of 1/unitDen', () => {
    // judges' totals in units of 1/10 000 point: 88.3, 90, 91.25 → mean 89.85
    expect(aggregateValues([883_000, 900_000, 912_500], 'mean', 0, 10_000)?.value).toEqual(ratio(8985, 100));
  });
});

describe('droppedIndices (marks shown struck out in exports)', () => {
  it('names the lowest and the highest mark', () => {
    expect([...droppedIndices([3600, 3850, 3500, 3900, 3700], 'trimmed', 1)].sort()).toEqual([2, 3]);
  });

  it('names exactly one of equal values on each side', () => {
    const dropped = droppedIndices([2700, 2700, 2700, 3000, 3000], 'trimmed', 1);
    expect(dropped.size).toBe(2);
    expect([...dropped].filter((i) => i <= 2)).toHaveLength(1);
    expect([...dropped].filter((i) => i >= 3)).toHaveLength(1);
  });

  it('names nothing when nothing is dropped', () => {
    expect(droppedIndices([1, 2], 'trimmed', 1).size).toBe(0);
    expect(droppedIndices([1, 2, 3], 'mean', 1).size).toBe(0);
    expect(droppedIndices([1, 2, 3], 'trimmed', 0).size).toBe(0);
  });
});
