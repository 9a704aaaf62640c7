import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ORGANIZER_PASSWORD_MAX, ORGANIZER_PASSWORD_MIN } from '../contracts/session-limits';
import { parseSecretKey, parseTrustProxy, type TrustProxy } from './config-values';
import { parsePublicUrl } from './public-url';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/** Environment read and validated once at start; everything else asks this object. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0, 'must be a port number 0–65535 (0: any free port)').max(65535, 'must be a port number 0–65535').default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** the address phones and tablets reach (QR codes, judge cards); by default the machine's LAN address */
  PUBLIC_URL: z.string().optional().transform(parsePublicUrl),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/scoring.sqlite')
    .refine((v) => v.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(v), 'must be sqlite:PATH or postgres://…'),
  REDIS_URL: z.string().optional(),
  // the login accepts at most 200 characters, so a longer one could never be typed in
  ORGANIZER_PASSWORD: z
    .string()
    .min(ORGANIZER_PASSWORD_MIN, `must be at least ${ORGANIZER_PASSWORD_MIN} characters`)
    .max(ORGANIZER_PASSWORD_MAX, `must be at most ${ORGANIZER_PASSWORD_MAX} characters`)
    .optional(),
  DEMO: z.enum(['0', '1', 'live']).default('0'),
  /** hours a judge's login lasts: a competition day */
  JUDGE_TOKEN_HOURS: z.coerce.number().positive().max(24 * 14).default(18),
  ORGANIZER_TOKEN_HOURS: z.coerce.number().positive().max(24 * 14).default(12),
  /** which reverse proxies' X-Forwarded-For to believe when telling login sources apart */
  TRUST_PROXY: z.string().optional().transform(parseTrustProxy),
  /** the key that seals judges' PINs: 64 hex characters, or a passphrase the key is derived from */
  SECRET_KEY: z.string().optional().transform(parseSecretKey),
  /** PEM files: with both set the server speaks HTTPS (and socket.io over it) on PORT */
  TLS_CERT: z.string().optional(),
  TLS_KEY: z.string().optional(),
  /** where the built apps are; defaults to the monorepo's dist folders */
  JUDGE_APP_DIR: z.string().optional(),
  SCOREBOARD_DIR: z.string().optional(),
  /** milliseconds the live feed waits to coalesce a burst of changes */
  FEED_COALESCE_MS: z.coerce.number().int().min(0).max(1000).default(40),
  /** the longest the live feed waits while the process is busy (the contract allows a second from change to update) */
  FEED_MAX_COALESCE_MS: z.coerce.number().int().min(0).max(800).default(80),
  /** open socket.io connections one client address may hold; a venue's phones behind one NAT share an address */
  FEED_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(2000),
  /** milliseconds without contact after which a tablet with unsent marks shows red on the fleet monitor */
  FLEET_STALE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
  /** sheet PUTs one judge token may send a second, sustained (docs/security.md, "Sheet PUTs") */
  SHEET_PUT_RATE: z.coerce.number().int().min(1).max(100_000).default(5),
  /** sheet PUTs one judge token may send at once, above the sustained rate: a tablet's outbox after a Wi-Fi drop */
  SHEET_PUT_BURST: z.coerce.number().int().min(1).max(100_000).default(60),
  /** `info` is pino's name for `log`, accepted so either habit works */
  LOG_LEVEL: z
    .enum(['error', 'warn', 'log', 'info', 'debug', 'silent'], { error: 'must be one of error, warn, log (or info), debug, silent' })
    .default('log')
    .transform((v) => (v === 'info' ? 'log' : v)),
}).superRefine((e, ctx) => {
  if (Boolean(e.TLS_CERT) !== Boolean(e.TLS_KEY)) {
    const missing = e.TLS_CERT ? 'TLS_KEY' : 'TLS_CERT';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'TLS_CERT and TLS_KEY go together: set both (HTTPS) or neither (HTTP)' });
  }
});

export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export class AppConfig {
  readonly port: number;
  readonly host: string;
  /** PUBLIC_URL without a trailing slash, or undefined to use the LAN address found at start */
  readonly publicUrl: string | undefined;
  readonly database: DatabaseTarget;
  readonly redisUrl: string | undefined;
  readonly organizerPassword: string | undefined;
  readonly demo: '0' | '1' | 'live';
  readonly judgeTokenMs: number;
  readonly organizerTokenMs: number;
  /** Express's `trust proxy`: false, a hop count, or the proxies' addresses — never `true` */
  readonly trustProxy: TrustProxy;
  /** 32 bytes from SECRET_KEY, or undefined to use the key file beside the database */
  readonly secretKey: Buffer | undefined;
  /** certificate and key read from TLS_CERT / TLS_KEY, or undefined for plain HTTP */
  readonly tls: TlsFiles | undefined;
  readonly judgeAppDir: string;
  readonly scoreboardDir: string;
  readonly feedCoalesceMs: number;
  readonly feedMaxCoalesceMs: number;
  readonly feedMaxConnectionsPerAddress: number;
  readonly fleetStaleMs: number;
  readonly sheetPutRate: number;
  readonly sheetPutBurst: number;
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
    this.publicUrl = e.PUBLIC_URL;
    this.database = e.DATABASE_URL.startsWith('sqlite:')
      ? { kind: 'sqlite', path: e.DATABASE_URL.slice('sqlite:'.length) }
      : { kind: 'postgres', url: e.DATABASE_URL };
    this.redisUrl = e.REDIS_URL || undefined;
    this.organizerPassword = e.ORGANIZER_PASSWORD;
    this.demo = e.DEMO;
    this.judgeTokenMs = e.JUDGE_TOKEN_HOURS * 3_600_000;
    this.organizerTokenMs = e.ORGANIZER_TOKEN_HOURS * 3_600_000;
    this.trustProxy = e.TRUST_PROXY;
    this.secretKey = e.SECRET_KEY;
    this.tls = e.TLS_CERT && e.TLS_KEY ? readTls(e.TLS_CERT, e.TLS_KEY) : undefined;
    const root = resolve(__dirname, '..', '..', '..');
    this.judgeAppDir = e.JUDGE_APP_DIR ?? resolve(root, 'judge-app', 'dist');
    this.scoreboardDir = e.SCOREBOARD_DIR ?? resolve(root, 'scoreboard', 'dist');
    this.feedCoalesceMs = e.FEED_COALESCE_MS;
    this.feedMaxCoalesceMs = Math.max(e.FEED_COALESCE_MS, e.FEED_MAX_COALESCE_MS);
    this.feedMaxConnectionsPerAddress = e.FEED_MAX_CONNECTIONS_PER_ADDRESS;
    this.fleetStaleMs = e.FLEET_STALE_MS;
    this.sheetPutRate = e.SHEET_PUT_RATE;
    this.sheetPutBurst = e.SHEET_PUT_BURST;
    this.logLevel = e.LOG_LEVEL;
    this.dataDir =
      this.database.kind === 'sqlite' && this.database.path !== ':memory:'
        ? resolve(this.database.path, '..')
        : resolve(process.cwd(), 'data');
  }
}

export class ConfigError extends Error {}

/** Reads and checks the PEM files now, so a wrong path stops the start instead of the first connection. */
function readTls(certPath: string, keyPath: string): TlsFiles {
  const read = (name: string, path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (e) {
      throw new ConfigError(`Invalid configuration:\n  ${name}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  };
  const cert = read('TLS_CERT', certPath);
  const key = read('TLS_KEY', keyPath);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new ConfigError(`Invalid configuration:\n  TLS_CERT: ${certPath} is not a PEM certificate`);
  }
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new ConfigError(`Invalid configuration:\n  TLS_KEY: ${keyPath} is not a PEM private key (an encrypted key is not supported)`);
  }
  if (!x509.checkPrivateKey(privateKey)) throw new ConfigError(`Invalid configuration:\n  TLS_KEY: ${keyPath} is not the key of the certificate in TLS_CERT`);
  return { cert, key };
}
