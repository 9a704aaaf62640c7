/**
 * Wall-clock milliseconds with sub-millisecond resolution. Every process of a benchmark reads
 * the same system clock this way, so times taken in different processes can be subtracted.
 */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
