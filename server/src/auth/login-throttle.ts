import { closeRedis } from '../common/close-redis';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, RLWrapperTimeouts, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { DomainError, ErrorCode } from '../common/domain-error';
import { loadRedis } from '../common/heavy-libraries';
import { AppConfig } from '../config/config';
import { KeyedMutex } from './keyed-mutex';
import { sourceKey } from './source-key';

/** A budget of failed logins: at most `failures` within `seconds`, counted from the first one. */
export interface Budget {
  failures: number;
  seconds: number;
}

/**
 * The budgets; docs/security.md ("Logins") shows why these numbers hold a 20-judge contest with
 * 6-digit PINs for more than 7 days against any number of source addresses.
 */
export const BUDGETS = {
  /** PIN-only logins from one source to one contest (the contract's 10 in 10 minutes) */
  pinSource: { failures: 10, seconds: 600 },
  /** PIN-only logins to one contest, whatever the source: each such guess is tried against every judge */
  pinContest: { failures: 20, seconds: 600 },
  /** logins naming one judge, whatever the source */
  judge: { failures: 10, seconds: 600 },
  /** logins naming a judge from one source to one contest: a device cycling through judges */
  namedSource: { failures: 30, seconds: 600 },
  /** organizer logins from one source */
  organizerSource: { failures: 10, seconds: 600 },
  /** organizer logins from anywhere */
  organizer: { failures: 100, seconds: 3600 },
} as const satisfies Record<string, Budget>;

type BudgetName = keyof typeof BUDGETS;

/** What a login is about: each kind is counted in its own budgets. */
export type LoginAttempt =
  | { kind: 'pin'; source: string; contest: string }
  | { kind: 'named'; source: string; contest: string; judge: string }
  | { kind: 'organizer'; source: string };

/** A failure reserved before the secret is checked; `succeeded()` gives it back. */
export interface LoginTicket {
  succeeded(): Promise<void>;
}

const WHY: Record<BudgetName, string> = {
  pinSource: 'too many failed logins from this device',
  pinContest: 'too many failed logins to this contest without a judge key; scan the judge card or enter the judge key',
  judge: 'too many failed logins for this judge',
  namedSource: 'too many failed logins from this device',
  organizerSource: 'too many failed organizer logins from this device',
  organizer: 'too many failed organizer logins',
};

/**
 * Failed logins, counted per source, per contest and per judge. A login reserves one failure in
 * each of its budgets before the secret is checked and gives it back on success, so concurrent
 * guesses cannot slip past a count that has not caught up yet. A success gives back only its own
 * reservation: a judge who knows their own PIN cannot guess the others' nine at a time.
 *
 * PIN-only and named logins are counted apart, so a judge who names themselves still logs in
 * while someone exhausts the PIN-only budgets of the same NAT address or contest.
 *
 * In memory each key expires on its own timer (nothing is swept); with REDIS_URL the counters
 * live in Redis, shared by every server process, and fall back to this process's memory while
 * Redis cannot be reached.
 */
@Injectable()
export class LoginThrottle implements OnModuleInit, OnModuleDestroy {
  private limiters = memoryLimiters();
  /** logins that share a budget key take turns in this process (see guard) */
  private readonly turns = new KeyedMutex();
  private redis: { isReady: boolean; close(): Promise<void>; destroy(): void } | null = null;

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.redisUrl) return;
    const { createClient } = await loadRedis();
    // a login must not wait for a Redis that went away: commands fail at once and the counting falls back to memory
    const client = createClient({ url: this.config.redisUrl, disableOfflineQueue: true });
    const log = new Logger('login-throttle');
    let down = false;
    // once per outage, not once per reconnection attempt
    client.on('error', (e: Error) => {
      if (!down) log.error(`Redis unreachable (${e.message}): failed logins are counted by this process alone until it is back`);
      down = true;
    });
    client.on('ready', () => {
      if (down) log.log('Redis is back: failed logins are shared again');
      down = false;
    });
    await client.connect();
    this.redis = client;
    this.limiters = redisLimiters(client);
  }

  async onModuleDestroy(): Promise<void> {
    const client = this.redis;
    this.redis = null;
    // a client still trying to reconnect would wait for Redis forever to close politely
    if (client?.isReady) await closeRedis(() => client.close().catch(() => client.destroy()));
    else client?.destroy();
  }

  /**
   * Runs one login's secret check under its budgets. Logins that share a budget take turns, so a
   * reserved failure never turns away a right PIN: twenty tablets behind one venue NAT logging
   * in at the same minute each find the count as the failures before them left it, while a
   * flood of guesses is still counted one by one. `check` throws when the secret is wrong (the
   * failure stays counted) and returns what the login gives on success (the failure is given back).
   */
  async guard<T>(attempt: LoginAttempt, check: () => Promise<T>): Promise<T> {
    return this.turns.run(
      chargesOf(attempt).map(([name, key]) => `${name}|${key}`),
      async () => {
        const ticket = await this.reserve(attempt);
        const out = await check();
        await ticket.succeeded();
        return out;
      },
    );
  }

  /** Reserves a failure in every budget of the attempt; a 429 with Retry-After once any is spent. */
  async reserve(attempt: LoginAttempt): Promise<LoginTicket> {
    const charges = chargesOf(attempt).map(([name, key]) => ({ name, key, limiter: this.limiters[name] }));
    const outcomes = await Promise.allSettled(charges.map((c) => c.limiter.consume(c.key)));
    const refused = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [{ charge: charges[i], reason: o.reason as unknown }] : []));
    const giveBack = (which: typeof charges) => Promise.all(which.map((c) => c.limiter.reward(c.key).catch(() => undefined))).then(() => undefined);
    if (refused.length) {
      // only the budgets that took this attempt give it back; the spent ones stay spent
      await giveBack(charges.filter((_, i) => outcomes[i].status === 'fulfilled'));
      const spent = refused.filter((r) => r.reason instanceof RateLimiterRes) as { charge: (typeof charges)[number]; reason: RateLimiterRes }[];
      if (spent.length < refused.length) throw refused.find((r) => !(r.reason instanceof RateLimiterRes))!.reason;
      const longest = spent.reduce((a, b) => (b.reason.msBeforeNext > a.reason.msBeforeNext ? b : a));
      const retryAfter = Math.max(1, Math.ceil(longest.reason.msBeforeNext / 1000));
      throw new DomainError(ErrorCode.TooManyAttempts, `${WHY[longest.charge.name]}; try again in ${Math.ceil(retryAfter / 60)} minute(s)`, undefined, retryAfter);
    }
    let settled = false;
    return {
      succeeded: async () => {
        if (settled) return;
        settled = true;
        await giveBack(charges);
      },
    };
  }
}

function chargesOf(a: LoginAttempt): [BudgetName, string][] {
  const source = sourceKey(a.source);
  switch (a.kind) {
    case 'pin':
      return [
        ['pinSource', `${source}|${a.contest}`],
        ['pinContest', a.contest],
      ];
    case 'named':
      return [
        ['judge', `${a.contest}|${a.judge}`],
        ['namedSource', `${source}|${a.contest}`],
      ];
    case 'organizer':
      return [
        ['organizerSource', source],
        ['organizer', 'all'],
      ];
  }
}

type Limiters = Record<BudgetName, RateLimiterAbstract | RLWrapperTimeouts>;

/** Redis on the venue network answers in a few milliseconds; past this a login is counted in memory instead */
const REDIS_TIMEOUT_MS = 500;

function memoryLimiters(): Limiters {
  return mapBudgets((name, b) => new RateLimiterMemory({ keyPrefix: `login:${name}`, points: b.failures, duration: b.seconds }));
}

function redisLimiters(client: unknown): Limiters {
  return mapBudgets((name, b) => {
    // while Redis cannot be reached (down, or silent behind a broken link) this process counts alone
    const insuranceLimiter = new RateLimiterMemory({ keyPrefix: `login:${name}`, points: b.failures, duration: b.seconds });
    const limiter = new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      insuranceLimiter,
      keyPrefix: `login:${name}`,
      points: b.failures,
      duration: b.seconds,
    });
    return new RLWrapperTimeouts({ limiter, insuranceLimiter, timeoutMs: REDIS_TIMEOUT_MS });
  });
}

function mapBudgets(make: (name: BudgetName, b: Budget) => RateLimiterAbstract | RLWrapperTimeouts): Limiters {
  return Object.fromEntries((Object.keys(BUDGETS) as BudgetName[]).map((n) => [n, make(n, BUDGETS[n])])) as Limiters;
}
