import { resolve } from 'node:path';
import { z } from 'zod';

/** Environment read and validated once at start; everything else asks this object. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0, 'must be a port number 0–65535 (0: any free port)').max(65535, 'must be a port number 0–65535').default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/scoring.sqlite')
    .refine((v) => v.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(v), 'must be sqlite:PATH or postgres://…'),
  REDIS_URL: z.string().optional(),
  ORGANIZER_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  DEMO: z.enum(['0', '1', 'live']).default('0'),
  /** hours a judge's login lasts: a competition day */
  JUDGE_TOKEN_HOURS: z.coerce.number().positive().max(24 * 14).default(18),
  ORGANIZER_TOKEN_HOURS: z.coerce.number().positive().max(24 * 14).default(12),
  /** trust X-Forwarded-For from a reverse proxy when telling login sources apart */
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  /** where the built apps are; defaults to the monorepo's dist folders */
  JUDGE_APP_DIR: z.string().optional(),
  SCOREBOARD_DIR: z.string().optional(),
  /** milliseconds the live feed waits to coalesce a burst of changes */
  FEED_COALESCE_MS: z.coerce.number().int().min(0).max(1000).default(40),
  /** the longest the live feed waits while the process is busy (the contract allows a second from change to update) */
  FEED_MAX_COALESCE_MS: z.coerce.number().int().min(0).max(800).default(250),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'silent']).default('log'),
});

export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export class AppConfig {
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseTarget;
  readonly redisUrl: string | undefined;
  readonly organizerPassword: string | undefined;
  readonly demo: '0' | '1' | 'live';
  readonly judgeTokenMs: number;
  readonly organizerTokenMs: number;
  readonly trustProxy: boolean;
  readonly judgeAppDir: string;
  readonly scoreboardDir: string;
  readonly feedCoalesceMs: number;
  readonly feedMaxCoalesceMs: number;
  readonly logLevel: 'error' | 'warn' | 'log' | 'debug' | 'silent';
  /** a data folder beside an SQLite file, for files the server keeps (secret key) */
  readonly dataDir: string;

  constructor(env: Record<string, string | undefined>) {
    const parsed = envSchema.safeParse(env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
    }
    const e = parsed.data;
    this.port = e.PORT;
    this.host = e.HOST;
    this.database = e.DATABASE_URL.startsWith('sqlite:')
      ? { kind: 'sqlite', path: e.DATABASE_URL.slice('sqlite:'.length) }
      : { kind: 'postgres', url: e.DATABASE_URL };
    this.redisUrl = e.REDIS_URL || undefined;
    this.organizerPassword = e.ORGANIZER_PASSWORD;
    this.demo = e.DEMO;
    this.judgeTokenMs = e.JUDGE_TOKEN_HOURS * 3_600_000;
    this.organizerTokenMs = e.ORGANIZER_TOKEN_HOURS * 3_600_000;
    this.trustProxy = e.TRUST_PROXY === '1';
    const root = resolve(__dirname, '..', '..', '..');
    this.judgeAppDir = e.JUDGE_APP_DIR ?? resolve(root, 'judge-app', 'dist');
    this.scoreboardDir = e.SCOREBOARD_DIR ?? resolve(root, 'scoreboard', 'dist');
    this.feedCoalesceMs = e.FEED_COALESCE_MS;
    this.feedMaxCoalesceMs = Math.max(e.FEED_COALESCE_MS, e.FEED_MAX_COALESCE_MS);
    this.logLevel = e.LOG_LEVEL;
    this.dataDir =
      this.database.kind === 'sqlite' && this.database.path !== ':memory:'
        ? resolve(this.database.path, '..')
        : resolve(process.cwd(), 'data');
  }
}

export class ConfigError extends Error {}
