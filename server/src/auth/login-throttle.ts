import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../common/domain-error';

export const MAX_FAILURES = 10;
export const WINDOW_MS = 10 * 60_000;

/**
 * Failed logins per source and target (a contest, or the organizer login). After ten failures
 * within ten minutes the source is refused for that target, right or wrong, until the oldest
 * failure leaves the window. A success does not wipe the count: otherwise a judge who knows
 * their own PIN could guess the others' nine at a time.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  assertAllowed(source: string, target: string, now = Date.now()): void {
    const list = this.recent(`${source}|${target}`, now);
    if (list.length >= MAX_FAILURES) {
      const retryAfter = Math.max(1, Math.ceil((list[0] + WINDOW_MS - now) / 1000));
      throw new DomainError(ErrorCode.TooManyAttempts, `too many failed logins from this device; try again in ${Math.ceil(retryAfter / 60)} minute(s)`, undefined, retryAfter);
    }
  }

  fail(source: string, target: string, now = Date.now()): void {
    const key = `${source}|${target}`;
    const list = this.recent(key, now);
    list.push(now);
    this.failures.set(key, list);
    if (this.failures.size > 50_000) this.sweep(now);
  }

  private sweep(now: number): void {
    for (const key of this.failures.keys()) this.recent(key, now);
  }
}
