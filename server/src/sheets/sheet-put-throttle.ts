import { closeRedis } from '../common/close-redis';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, RLWrapperTimeouts, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Principal } from '../auth/principal';
import { DomainError, ErrorCode } from '../common/domain-error';
import { loadRedis } from '../common/heavy-libraries';
import { AppConfig } from '../config/config';
import { Transactor } from '../database/transactor';
import { SheetStoreRepository } from './sheet-store.repository';

type JudgePrincipal = Extract<Principal, { kind: 'judge' }>;

/** Redis on the venue network answers in a few milliseconds; past this a PUT is counted in memory instead */
const REDIS_TIMEOUT_MS = 200;
const PREFIX = 'sheet-put';

/**
 * The sheet PUTs of one judge token: `burst` at once, `rate` a second sustained (one fixed window
 * of burst ÷ rate seconds). A judge marks a few sheets a minute and a tablet's outbox flushing
 * after a Wi-Fi drop sends dozens in a few seconds; both fit with room to spare, while a leaked
 * or runaway token cannot keep the one write queue busy (docs/security.md, "Sheet PUTs").
 *
 * A retry of a stored `requestId` is answered even past the budget: it writes nothing, and a
 * tablet told "429" about a sheet the server already has would keep it in its outbox. Telling the
 * two apart costs one indexed read, and only once the budget is spent.
 *
 * Counters live in this process's memory, or with REDIS_URL in Redis (shared by every process, so
 * a token's PUTs spread over several processes share one budget) with memory as the fallback
 * while Redis cannot be reached — as the login throttle does.
 */
@Injectable()
export class SheetPutThrottle implements OnModuleInit, OnModuleDestroy {
  private readonly window: number;
  private readonly points: number;
  private limiter: RateLimiterAbstract | RLWrapperTimeouts;
  private redis: { isReady: boolean; close(): Promise<void>; destroy(): void } | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly tx: Transactor,
    private readonly store: SheetStoreRepository,
  ) {
    this.window = Math.max(1, Math.round(config.sheetPutBurst / config.sheetPutRate));
    this.points = Math.max(config.sheetPutBurst, config.sheetPutRate * this.window);
    this.limiter = this.memory();
  }

  async onModuleInit(): Promise<void> {
    if (!this.config.redisUrl) return;
    const { createClient } = await loadRedis();
    // a sheet must not wait for a Redis that went away: commands fail at once and the counting falls back to memory
    const client = createClient({ url: this.config.redisUrl, disableOfflineQueue: true });
    const log = new Logger('sheet-put-throttle');
    let down = false;
    client.on('error', (e: Error) => {
      if (!down) log.error(`Redis unreachable (${e.message}): sheet PUTs are counted by this process alone until it is back`);
      down = true;
    });
    client.on('ready', () => {
      if (down) log.log('Redis is back: sheet PUT budgets are shared again');
      down = false;
    });
    await client.connect();
    this.redis = client;
    const insuranceLimiter = this.memory();
    const limiter = new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      insuranceLimiter,
      keyPrefix: PREFIX,
      points: this.points,
      duration: this.window,
    });
    this.limiter = new RLWrapperTimeouts({ limiter, insuranceLimiter, timeoutMs: REDIS_TIMEOUT_MS });
  }

  async onModuleDestroy(): Promise<void> {
    const client = this.redis;
    this.redis = null;
    if (client?.isReady) await closeRedis(() => client.close().catch(() => client.destroy()));
    else client?.destroy();
  }

  /** Counts one PUT of the token; a 429 with Retry-After once its budget is spent, unless the PUT is a replay. */
  async admit(judge: JudgePrincipal, body: unknown): Promise<void> {
    try {
      await this.limiter.consume(String(judge.tokenId));
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      if (await this.isReplay(judge, body)) return;
      const retryAfter = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      throw new DomainError(
        ErrorCode.TooManyAttempts,
        `too many sheets from this login: at most ${this.points} in ${this.window} seconds (SHEET_PUT_BURST ${this.config.sheetPutBurst}, SHEET_PUT_RATE ${this.config.sheetPutRate}/s); try again in ${retryAfter} second(s)`,
        undefined,
        retryAfter,
      );
    }
  }

  private async isReplay(judge: JudgePrincipal, body: unknown): Promise<boolean> {
    const raw = typeof body === 'object' && body !== null ? (body as { requestId?: unknown }).requestId : undefined;
    // trimmed and bounded as the sheet's schema stores it
    const requestId = typeof raw === 'string' ? raw.trim() : '';
    if (requestId.length < 8 || requestId.length > 64) return false;
    return (await this.store.replay(this.tx.manager, judge.judgeId, requestId)) !== null;
  }

  private memory(): RateLimiterMemory {
    return new RateLimiterMemory({ keyPrefix: PREFIX, points: this.points, duration: this.window });
  }
}
