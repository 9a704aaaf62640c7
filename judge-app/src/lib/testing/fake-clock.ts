import type { Scheduler } from '../outbox/outbox';

/** A clock the tests move by hand; timers fire only when the test advances it. */
export class FakeClock implements Scheduler {
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  constructor(public t = 1_700_000_000_000) {}

  now(): number {
    return this.t;
  }

  setTimer(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  }

  clearTimer(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** ms until the earliest pending timer, or null */
  nextTimerIn(): number | null {
    let at = Infinity;
    for (const x of this.timers.values()) at = Math.min(at, x.at);
    return at === Infinity ? null : at - this.t;
  }

  /** Moves time on and fires every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | null = null;
      for (const e of this.timers) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e;
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = Math.max(this.t, next[1].at);
      next[1].fn();
    }
    this.t = end;
  }
}
