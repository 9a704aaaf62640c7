import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { loadRedis } from '../common/heavy-libraries';
import { AppConfig } from '../config/config';
import { MIGRATIONS } from '../database/migrations';

/** The longest one readiness check waits: a load balancer's probe has a deadline of its own. */
export const CHECK_TIMEOUT_MS = 2000;

type RedisPing = { isReady: boolean; ping(): Promise<string>; connect(): Promise<unknown>; destroy(): void; on(e: 'error', l: (e: Error) => void): unknown };

/** The checks behind /api/ready: what must hold before this process may be sent traffic. */
@Injectable()
export class Readiness implements OnModuleDestroy {
  private redis: Promise<RedisPing> | null = null;
  private connecting: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
  ) {}

  database() {
    return this.indicators
      .check('database')
      .attempt(async () => {
        await this.ds.query('SELECT 1');
        return { type: this.ds.options.type };
      })
      .withTimeout(CHECK_TIMEOUT_MS);
  }

  /** Every migration this build knows is recorded as applied: a half-migrated database is not ready. */
  migrations() {
    return this.indicators
      .check('migrations')
      .attempt(async () => {
        const table = this.ds.options.migrationsTableName ?? 'migrations';
        const rows = await this.ds.createQueryBuilder().select('m.name', 'name').from(table, 'm').getRawMany<{ name: string }>();
        const applied = new Set(rows.map((r) => r.name));
        const expected = MIGRATIONS.map((M) => new M().name ?? M.name);
        const missing = expected.filter((name) => !applied.has(name));
        if (missing.length) throw new Error(`${missing.length} migration(s) not applied: ${missing.join(', ')}`);
        return { applied: expected.length };
      })
      .withTimeout(CHECK_TIMEOUT_MS);
  }

  /** Only with REDIS_URL: the live feed of several processes and the shared login budgets go through it. */
  redisCheck() {
    return this.indicators
      .check('redis')
      .attempt(async () => {
        const client = await this.redisClient();
        // the first probe waits for the first connection (bounded by the check's timeout)
        await this.connecting;
        if (!client.isReady) throw new Error('not connected');
        await client.ping();
      })
      .withTimeout(CHECK_TIMEOUT_MS);
  }

  get usesRedis(): boolean {
    return Boolean(this.config.redisUrl);
  }

  private redisClient(): Promise<RedisPing> {
    this.redis ??= loadRedis().then(({ createClient }) => {
      // commands fail at once while Redis is away, so a probe never hangs on a queue
      const client = createClient({ url: this.config.redisUrl, disableOfflineQueue: true }) as unknown as RedisPing;
      client.on('error', () => undefined);
      this.connecting = client.connect().catch(() => undefined);
      return client;
    });
    return this.redis;
  }

  async onModuleDestroy(): Promise<void> {
    const client = await this.redis?.catch(() => null);
    this.redis = null;
    client?.destroy();
  }
}
