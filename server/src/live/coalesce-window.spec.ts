import { describe, expect, it } from 'vitest';
import { BUSY_FROM, BUSY_FULL, BusyGauge, coalesceWindow } from './coalesce-window';

describe('coalescing window of the live feed', () => {
  it('is the shortest while the process is quiet', () => {
    expect(coalesceWindow(0, 40, 250)).toBe(40);
    expect(coalesceWindow(BUSY_FROM, 40, 250)).toBe(40);
  });

  it('is the longest once the process is busy, and never longer', () => {
    expect(coalesceWindow(BUSY_FULL, 40, 250)).toBe(250);
    expect(coalesceWindow(1, 40, 250)).toBe(250);
  });

  it('grows steadily in between', () => {
    const mid = coalesceWindow((BUSY_FROM + BUSY_FULL) / 2, 40, 250);
    expect(mid).toBe(145);
    let last = 0;
    for (let busy = 0; busy <= 1; busy += 0.05) {
      const w = coalesceWindow(busy, 40, 250);
      expect(w).toBeGreaterThanOrEqual(last);
      last = w;
    }
  });

  it('stays at the configured value when no longer wait is allowed', () => {
    expect(coalesceWindow(1, 40, 40)).toBe(40);
    expect(coalesceWindow(0.9, 0, 0)).toBe(0);
  });
});

describe('busy gauge', () => {
  it('reads near 1 while the event loop is kept busy and falls while it idles', async () => {
    const gauge = new BusyGauge();
    const spin = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    };
    for (let i = 0; i < 4; i++) {
      spin(30);
      await new Promise((r) => setImmediate(r));
      gauge.read();
    }
    const busy = gauge.read();
    expect(busy).toBeGreaterThan(0.7);
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 40));
      gauge.read();
    }
    expect(gauge.read()).toBeLessThan(busy / 2);
  });
});
