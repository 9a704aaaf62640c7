export interface Timing {
  readonly iterations: number;
  /** milliseconds */
  readonly median: number;
  readonly p95: number;
  readonly max: number;
}

/** Untimed calls go on at least this long, so the optimizing compiler has done its work. */
const WARMUP_MS = 1000;

/**
 * Times `once` after at least `warmup` untimed calls (and at least a second of them). `prepare`
 * runs before each call, outside the timed span, so only the work under test is measured.
 * Garbage collection pauses that fall inside a call are kept: a caller waits for them too.
 */
export function measure<P>(
  opts: { warmup: number; iterations: number },
  prepare: () => P,
  once: (prepared: P) => unknown,
): Timing {
  let sink: unknown;
  const warmupEnd = process.hrtime.bigint() + BigInt(WARMUP_MS * 1e6);
  for (let i = 0; i < opts.warmup || process.hrtime.bigint() < warmupEnd; i++) sink = once(prepare());
  const samples: number[] = [];
  for (let i = 0; i < opts.iterations; i++) {
    const p = prepare();
    const start = process.hrtime.bigint();
    sink = once(p);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  keep(sink);
  samples.sort((a, b) => a - b);
  return {
    iterations: samples.length,
    median: quantile(samples, 0.5),
    p95: quantile(samples, 0.95),
    max: samples[samples.length - 1],
  };
}

/** Nearest-rank quantile of sorted samples. */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

/** Stops the optimizer from dropping a result nobody reads. */
let kept: unknown;
function keep(value: unknown): void {
  kept = value;
  if (kept === Symbol.for('never')) console.log(kept);
}

export function formatMs(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}
