import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError, ErrorCode } from '../common/domain-error';

/**
 * A tablet reports every 30 s and on outbox changes (which it coalesces to one a second), so a
 * burst of 5 then one a second covers every honest tablet; anything faster is a loop or a flood.
 */
export const REPORT_BUDGET = { points: 5, seconds: 5 } as const;

/** Reports counted per login token and per device, so neither a new device id nor a new login lifts the limit alone. */
export class FleetRate {
  private readonly limiter = new RateLimiterMemory({ keyPrefix: 'fleet', points: REPORT_BUDGET.points, duration: REPORT_BUDGET.seconds });

  async charge(tokenId: number, contestId: number, deviceId: string): Promise<void> {
    const keys = [`token:${tokenId}`, `device:${contestId}:${deviceId}`];
    const outcomes = await Promise.allSettled(keys.map((k) => this.limiter.consume(k)));
    const spent = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    if (!spent.length) return;
    const waits = spent.map((r) => (r instanceof RateLimiterRes ? r.msBeforeNext : 1000));
    const retryAfter = Math.max(1, Math.ceil(Math.max(...waits) / 1000));
    throw new DomainError(ErrorCode.TooManyAttempts, `too many device reports: at most ${REPORT_BUDGET.points} in ${REPORT_BUDGET.seconds} seconds; try again in ${retryAfter} s`, undefined, retryAfter);
  }
}
