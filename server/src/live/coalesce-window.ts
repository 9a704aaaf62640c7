import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/** Below this share of busy time the feed publishes as soon as it may; at BUSY_FULL it waits longest. */
export const BUSY_FROM = 0.4;
export const BUSY_FULL = 0.8;

/**
 * How long the live feed gathers changes before its next publish, from how busy the process has
 * been. Each publish fans the changed rows out to every watcher, so at a thousand watchers a
 * publish costs tens of milliseconds of socket writes; when marks arrive by the hundred a second,
 * publishing after every few of them would leave little time for the marks themselves. A quiet
 * process publishes after `minMs`; a busy one gathers for up to `maxMs`, so updates become fewer
 * and fuller (the rows that changed in between are sent once) and the process keeps up.
 */
export function coalesceWindow(busy: number, minMs: number, maxMs: number): number {
  const t = Math.min(1, Math.max(0, (busy - BUSY_FROM) / (BUSY_FULL - BUSY_FROM)));
  return Math.round(minMs + (maxMs - minMs) * t);
}

/** The process's share of busy time (event-loop utilization), smoothed over the last few readings. */
export class BusyGauge {
  private last: EventLoopUtilization = performance.eventLoopUtilization();
  private smoothed = 0;

  read(): number {
    const now = performance.eventLoopUtilization();
    const delta = performance.eventLoopUtilization(now, this.last);
    // a reading over a few milliseconds says little; keep the smoothed figure until more time has passed
    if (delta.idle + delta.active >= 20) {
      this.smoothed = 0.5 * this.smoothed + 0.5 * delta.utilization;
      this.last = now;
    }
    return this.smoothed;
  }
}
