import { ratio, type Ratio } from './ratio';
import type { AggregateMethod } from './types';

export interface Aggregated {
  readonly value: Ratio;
  /** trimming fell back to the mean because fewer than 2k + 1 values were given */
  readonly fallback: boolean;
}

function sumInts(values: readonly number[], from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += values[i];
  return s;
}

/**
 * Aggregates integer values that are all counts of 1/unitDen (hundredths: 100).
 * Returns null for no values.
 */
export function aggregateValues(
  values: readonly number[],
  method: AggregateMethod,
  trim: number,
  unitDen: number,
): Aggregated | null {
  const n = values.length;
  if (n === 0) return null;
  if (method === 'mean' || (method === 'trimmed' && trim === 0)) {
    return { value: ratio(sumInts(values, 0, n), n * unitDen), fallback: false };
  }
  const sorted = [...values].sort((a, b) => a - b);
  if (method === 'median') {
    const mid = n >> 1;
    const value = n % 2 ? ratio(sorted[mid], unitDen) : ratio(sorted[mid - 1] + sorted[mid], 2 * unitDen);
    return { value, fallback: false };
  }
  if (n < 2 * trim + 1) {
    return { value: ratio(sumInts(sorted, 0, n), n * unitDen), fallback: true };
  }
  return { value: ratio(sumInts(sorted, trim, n - trim), (n - 2 * trim) * unitDen), fallback: false };
}

/** Which of the given values trimming drops (indices into the input), for mark matrices in exports. */
export function droppedIndices(values: readonly number[], method: AggregateMethod, trim: number): Set<number> {
  const dropped = new Set<number>();
  if (method !== 'trimmed' || trim === 0 || values.length < 2 * trim + 1) return dropped;
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 0; i < trim; i++) {
    dropped.add(order[i][1]);
    dropped.add(order[order.length - 1 - i][1]);
  }
  return dropped;
}
