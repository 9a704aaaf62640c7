import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.factory';
import { AppConfig } from '../../src/config/config';
import type { ContestFileInput } from '../../src/contracts/contest-file';
import { FeedService } from '../../src/live/feed.service';

export const ORGANIZER_PASSWORD = 'test-organizer-password';

export interface TestApp {
  app: NestExpressApplication;
  base: string;
  dir: string;
  /** waits until the live feed has published everything queued */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** loopback port to listen on; default: any free port */
  port?: number;
  /** the folder of an earlier server whose SQLite file this one reopens (a restart) */
  dir?: string;
}

/**
 * With TEST_DATABASE_URL=postgres://USER@HOST:PORT/DB the tests run against PostgreSQL instead:
 * each test server gets a database of its own (created through DB, named in its folder, so a
 * restart over the same folder reopens it).
 */
async function postgresFor(dir: string, adminUrl: string): Promise<string> {
  const marker = join(dir, 'postgres-database');
  const url = new URL(adminUrl);
  if (existsSync(marker)) {
    url.pathname = `/${readFileSync(marker, 'utf8')}`;
    return url.toString();
  }
  const name = `skillscore_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  writeFileSync(marker, name);
  url.pathname = `/${name}`;
  return url.toString();
}

interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  // pg ships no type declarations; this is the little of its client used here
  const pg = 'pg';
  const { Client } = (await import(pg)) as { Client: new (o: { connectionString: string }) => PgClient };
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * The real server on a fresh SQLite file with the real migrations, on a random loopback port —
 * or, for a restart, on a given port over an earlier server's folder.
 */
export async function startTestApp(env: Record<string, string> = {}, options: StartOptions = {}): Promise<TestApp> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'skillscore-'));
  const config = new AppConfig({
    DATABASE_URL: `sqlite:${join(dir, 'test.sqlite')}`,
    ORGANIZER_PASSWORD,
    DEMO: '0',
    LOG_LEVEL: 'error',
    FEED_COALESCE_MS: '10',
    JUDGE_APP_DIR: join(dir, 'no-judge-app'),
    SCOREBOARD_DIR: join(dir, 'no-board'),
    PORT: '0',
    ...(process.env.TEST_DATABASE_URL ? { DATABASE_URL: await postgresFor(dir, process.env.TEST_DATABASE_URL) } : {}),
    ...env,
  });
  const app = await createApp(config);
  await app.listen(options.port ?? 0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return {
    app,
    base: `http://127.0.0.1:${port}`,
    dir,
    settle: () => app.get(FeedService).settle(),
    close: async () => {
      await app.close();
      const marker = join(dir, 'postgres-database');
      if (process.env.TEST_DATABASE_URL && existsSync(marker)) await adminQuery(process.env.TEST_DATABASE_URL, `DROP DATABASE IF EXISTS ${readFileSync(marker, 'utf8')}`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small JSON client: `api(base)('POST', '/api/…', body, token)`. */
export function client(base: string) {
  return async function call<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<Reply<T>> {
    const res = await fetch(base + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  };
}

export async function organizerToken(base: string): Promise<string> {
  const r = await client(base)('POST', '/api/auth/organizer', { password: ORGANIZER_PASSWORD });
  if (r.status !== 200) throw new Error(`organizer login failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}

/** The spec's worked example as a contest file: 5 judges + chief, three criteria, trimmed, awards. */
/** The bib at a station of hairContest (station 07 holds A001): public rows name no station until the event is final. */
export function hairBib(station: string): string {
  return `A${String(Number(station) - 6).padStart(3, '0')}`;
}

export function hairContest(code = 'BG2024', stations = 3): ContestFileInput {
  const judges = ['J1', 'J2', 'J3', 'J4', 'J5', 'J6', 'J7'].map((key, i) => ({ key, name: `裁判${i + 1}`, pin: String(100001 + i) }));
  const contestants = Array.from({ length: stations }, (_, i) => ({
    bib: `A${String(i + 1).padStart(3, '0')}`,
    name: ['王小雨', '李晓燕', '张婷婷', '刘丽娟', '陈静怡'][i % 5] + (i >= 5 ? String(i) : ''),
    organization: ['广安市总工会', '北碚区总工会', '绵阳市总工会'][i % 3],
  }));
  return {
    code,
    title: '2024年“碚广”双城美容美发行业劳动和技能竞赛暨川渝邀请赛',
    locale: 'zh-CN',
    venue: '重庆市北碚区',
    judges,
    contestants,
    events: [
      {
        key: 'hair',
        name: '美发',
        precision: 2,
        criteria: [
          { key: 'design', name: '造型设计', kind: 'judged', max: 40, step: 0.5, tolerance: 6 },
          { key: 'technique', name: '技术难度', kind: 'judged', max: 30, step: 0.5 },
          { key: 'finish', name: '整体效果', kind: 'judged', max: 30, step: 0.5 },
        ],
        aggregate: { over: 'criterion', method: 'trimmed', trim: 1 },
        tieBreak: [{ criterion: 'design' }, { fewerDeductions: true }],
        awards: [
          { name: '一等奖', share: 0.1 },
          { name: '二等奖', share: 0.2 },
          { name: '三等奖', share: 0.3 },
        ],
        panel: ['J1', 'J2', 'J3', 'J4', 'J5'].map((judge) => ({ judge })),
        chiefJudge: 'J6',
        entries: contestants.map((c, i) => ({ bib: c.bib, station: String(i + 7).padStart(2, '0') })),
      },
    ],
    teams: { size: 3, events: ['hair'] },
  };
}

export async function judgeToken(base: string, contest: string, pin: string): Promise<string> {
  const r = await client(base)('POST', '/api/auth/judge', { contest, pin });
  if (r.status !== 200) throw new Error(`judge login failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}

export function cleanupDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
