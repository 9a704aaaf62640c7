import { scryptSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { DataSource, In } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NO_CONTEST } from '../../src/auth/login-audit';
import { BUDGETS } from '../../src/auth/login-throttle';
import { hashPassword, hashPinAsync, passwordMatches } from '../../src/auth/secrets';
import { loadQrCode } from '../../src/common/heavy-libraries';
import { AuditRecord } from '../../src/database/entities';
import { cardLoginLink, judgeCardsPdf } from '../../src/exports/judge-cards-pdf';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { ORGANIZER_PASSWORD, client, hairContest, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/**
 * Logins an attacker cannot outrun: failed logins are counted per source (the socket's address
 * unless TRUST_PROXY says which proxies to believe), per contest and per judge, shared by every
 * process through Redis; a judge who names themselves gets in while PIN-only logins are locked;
 * the hash runs off the event loop; every login is audited without its secret.
 * hairContest's judges J1…J7 have the PINs 100001…100007.
 */

interface Reply {
  status: number;
  body: any;
  retryAfter: string | null;
}

async function post(base: string, path: string, body: unknown, forwardedFor?: string): Promise<Reply> {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, retryAfter: res.headers.get('retry-after') };
}

const judgeLogin = (base: string, body: { contest: string; pin: string; judge?: string }, forwardedFor?: string) => post(base, '/api/auth/judge', body, forwardedFor);

function expectRetryAfter(r: Reply, windowSeconds = 600): void {
  expect(r.retryAfter).toMatch(/^\d+$/);
  expect(Number(r.retryAfter)).toBeGreaterThan(0);
  expect(Number(r.retryAfter)).toBeLessThanOrEqual(windowSeconds);
}

async function createContests(base: string, codes: string[]): Promise<void> {
  const org = await organizerToken(base);
  for (const code of codes) expect((await client(base)('POST', '/api/contests', hairContest(code), org)).status).toBe(201);
}

describe('without TRUST_PROXY the source is the socket address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await createContests(t.base, ['ROTATE', 'NAT']);
  });
  afterAll(() => t.close());

  it('rotating X-Forwarded-For buys no guesses: 429 with Retry-After after 10 failures', async () => {
    for (let i = 0; i < 10; i++) expect((await judgeLogin(t.base, { contest: 'ROTATE', pin: String(900000 + i) }, `203.0.113.${i}`)).status, `attempt ${i + 1}`).toBe(401);
    const blocked = await judgeLogin(t.base, { contest: 'ROTATE', pin: '900010' }, '198.51.100.77');
    expect(blocked.status).toBe(429);
    expectRetryAfter(blocked);
    expect((await judgeLogin(t.base, { contest: 'ROTATE', pin: '100001' }, '198.51.100.78')).status).toBe(429);
  });

  it('a judge who names themselves still logs in while PIN-only failures from the same NAT address are over budget', async () => {
    // the code is matched whatever its case, and so is its count
    for (let i = 0; i < 10; i++) expect((await judgeLogin(t.base, { contest: i % 2 ? 'nat' : 'NAT', pin: String(910000 + i) })).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await judgeLogin(t.base, { contest: 'NAT', pin: String(920000 + i) })).status).toBe(429);
    expect((await judgeLogin(t.base, { contest: 'NAT', pin: '100004' })).status).toBe(429);

    const named = await judgeLogin(t.base, { contest: 'nat', judge: 'J4', pin: '100004' });
    expect(named.status).toBe(200);
    expect(named.body.judge).toEqual({ key: 'J4', name: '裁判4' });
    expect(named.body.events).toEqual([{ key: 'hair', name: '美发', role: 'judge' }]);
    expect(named.body.contest).toEqual({ code: 'NAT', title: expect.any(String) });
    // the PIN is checked against the named judge alone: another judge's PIN does not open it
    expect((await judgeLogin(t.base, { contest: 'NAT', judge: 'J5', pin: '100004' })).status).toBe(401);
    expect((await judgeLogin(t.base, { contest: 'NAT', judge: 'J99', pin: '100004' })).status).toBe(401);
  });

  it('400 naming the field for a judge key longer than any judge key', async () => {
    const r = await judgeLogin(t.base, { contest: 'NAT', judge: 'J'.repeat(41), pin: '100001' });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/judge.*40/);
  });
});

describe('with many source addresses (TRUST_PROXY: one proxy in front)', () => {
  let t: TestApp;
  let source = 0;
  /** a new client address each call, as an attacker with unlimited addresses has */
  const fresh = () => `10.${Math.floor(++source / 250)}.${source % 250}.1`;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: '1' });
    await createContests(t.base, ['NAMED', 'PINONLY', 'SOURCES']);
  });
  afterAll(() => t.close());

  it('each address has a budget of its own', async () => {
    const a = fresh();
    for (let i = 0; i < 10; i++) expect((await judgeLogin(t.base, { contest: 'SOURCES', pin: String(930000 + i) }, a)).status).toBe(401);
    expect((await judgeLogin(t.base, { contest: 'SOURCES', pin: '930010' }, a)).status).toBe(429);
    expect((await judgeLogin(t.base, { contest: 'SOURCES', pin: '100001' }, fresh())).status).toBe(200);
  });

  it('failures naming one judge are counted for that judge whatever the source', async () => {
    for (let i = 0; i < BUDGETS.judge.failures; i++) expect((await judgeLogin(t.base, { contest: 'NAMED', judge: 'J2', pin: String(940000 + i) }, fresh())).status, `attempt ${i + 1}`).toBe(401);
    const blocked = await judgeLogin(t.base, { contest: 'NAMED', judge: 'J2', pin: '940099' }, fresh());
    expect(blocked.status).toBe(429);
    expectRetryAfter(blocked, BUDGETS.judge.seconds);
    expect(blocked.body.message).toMatch(/this judge/);
    expect((await judgeLogin(t.base, { contest: 'NAMED', judge: 'J2', pin: '100002' }, fresh())).status).toBe(429);
    // other judges are not touched, nor is J2's PIN-only login
    expect((await judgeLogin(t.base, { contest: 'NAMED', judge: 'J3', pin: '100003' }, fresh())).status).toBe(200);
    expect((await judgeLogin(t.base, { contest: 'NAMED', pin: '100002' }, fresh())).status).toBe(200);
  });

  it('PIN-only failures are counted per contest whatever the source; naming the judge still gets in', async () => {
    for (let i = 0; i < BUDGETS.pinContest.failures; i++) expect((await judgeLogin(t.base, { contest: 'PINONLY', pin: String(950000 + i) }, fresh())).status, `attempt ${i + 1}`).toBe(401);
    const blocked = await judgeLogin(t.base, { contest: 'PINONLY', pin: '950099' }, fresh());
    expect(blocked.status).toBe(429);
    expectRetryAfter(blocked, BUDGETS.pinContest.seconds);
    expect(blocked.body.message).toMatch(/judge key/);
    expect((await judgeLogin(t.base, { contest: 'PINONLY', pin: '100001' }, fresh())).status).toBe(429);
    expect((await judgeLogin(t.base, { contest: 'PINONLY', judge: 'J1', pin: '100001' }, fresh())).status).toBe(200);
  });
});

describe('the hash runs off the event loop', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await createContests(t.base, ['LAG']);
  });
  afterAll(() => t.close());

  /** Time the event loop itself was busy while `work` ran: waiting for the thread pool is idle time, even with every core taken. */
  async function loopBusy(work: () => Promise<unknown>): Promise<number> {
    const before = performance.eventLoopUtilization();
    await work();
    return performance.eventLoopUtilization(before).active;
  }

  /** The longest a 2 ms timer waited while `work` ran (the server is in this process). */
  async function longestWait(work: () => Promise<unknown>): Promise<number> {
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 2);
    try {
      await work();
    } finally {
      clearInterval(timer);
    }
    return longest;
  }

  function syncMs(n: number, cost: number, secret: string): number {
    const start = performance.now();
    for (let i = 0; i < n; i++) scryptSync(secret + i, 'a-salt-of-32-hex-characters-0000', 32, { N: cost });
    return performance.now() - start;
  }

  const ms = (n: number) => `${n.toFixed(0)} ms`;

  it('the hashes a login computes leave the event loop idle', async () => {
    const stored = hashPassword('organizer-password');
    // the best of three runs each, so a moment when other processes take every core does not decide
    const best = async (run: () => Promise<number> | number) => {
      let least = Infinity;
      for (let i = 0; i < 3; i++) least = Math.min(least, await run());
      return least;
    };
    const passwords = await best(() => loopBusy(() => Promise.all(Array.from({ length: 10 }, (_, i) => passwordMatches(`guess-${i}`, stored)))));
    const pins = await best(() => loopBusy(() => Promise.all(Array.from({ length: 20 }, (_, i) => hashPinAsync(String(100000 + i), 'a-salt-of-32-hex-characters-0000')))));
    const passwordSync = await best(() => syncMs(10, 16384, 'organizer-password'));
    const pinSync = await best(() => syncMs(20, 4096, '482913'));
    console.log(`event loop busy during 10 password checks ${ms(passwords)} (on the loop: ${ms(passwordSync)}), 20 PIN hashes ${ms(pins)} (${ms(pinSync)})`);
    // loose on purpose (a shared machine): on the loop they would keep it busy their whole time
    expect(passwords).toBeLessThan(passwordSync / 2);
    expect(pins).toBeLessThan(pinSync / 2);
  });

  it('a timer keeps firing during 20 concurrent organizer and 20 judge logins', async () => {
    const organizers = () => Promise.all(Array.from({ length: 20 }, () => post(t.base, '/api/auth/organizer', { password: ORGANIZER_PASSWORD })));
    const judges = () => Promise.all(Array.from({ length: 20 }, (_, i) => judgeLogin(t.base, { contest: 'LAG', pin: String(100001 + (i % 7)) })));
    // once to warm up the routes and statements
    await organizers();
    await judges();
    const organizerWait = await longestWait(organizers);
    const organizerSync = syncMs(20, 16384, 'organizer-password');
    const judgeWait = await longestWait(judges);
    const judgeSync = syncMs(20, 4096, '482913');
    console.log(`a 2 ms timer waited at most ${ms(organizerWait)} during 20 organizer logins (their hashes in a row: ${ms(organizerSync)}), ${ms(judgeWait)} during 20 judge logins (${ms(judgeSync)})`);
    // not a benchmark: each login also commits to the database, which holds the loop on a busy disk
    expect(organizerWait).toBeLessThan(organizerSync);
    expect(judgeWait).toBeLessThan(judgeSync);
  });
});

describe('logins are audited, never with their secret', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await createContests(t.base, ['AUDIT']);
  });
  afterAll(() => t.close());

  it('records success and failure of judge and organizer logins with source and judge key', async () => {
    expect((await judgeLogin(t.base, { contest: 'AUDIT', pin: '100003' })).status).toBe(200);
    expect((await judgeLogin(t.base, { contest: 'audit', judge: 'J4', pin: '100004' })).status).toBe(200);
    expect((await judgeLogin(t.base, { contest: 'AUDIT', judge: 'J5', pin: '271828' })).status).toBe(401);
    expect((await judgeLogin(t.base, { contest: 'AUDIT', pin: '314159' })).status).toBe(401);
    expect((await judgeLogin(t.base, { contest: 'NO-SUCH', judge: 'J1', pin: '161803' })).status).toBe(401);
    expect((await post(t.base, '/api/auth/organizer', { password: 'not-the-organizer-password' })).status).toBe(401);
    expect((await post(t.base, '/api/auth/organizer', { password: ORGANIZER_PASSWORD })).status).toBe(200);

    const ds = t.app.get(DataSource);
    const contestId = (await ds.query(`SELECT "id" FROM "contests" WHERE "code" = 'AUDIT'`))[0].id as number;
    const rows = await ds.getRepository(AuditRecord).find({ where: { action: In(['login', 'login.failed']) }, order: { id: 'ASC' } });
    const seen = rows.map((r) => ({ contestId: r.contestId, actor: r.actor, action: r.action, judge: r.judge, after: r.after, reason: r.reason }));
    const source = { source: expect.stringMatching(/127\.0\.0\.1$/) };
    expect(seen).toEqual([
      { contestId: NO_CONTEST, actor: 'organizer', action: 'login', judge: null, after: source, reason: null }, // createContests' login
      { contestId, actor: 'judge:J3', action: 'login', judge: 'J3', after: { ...source, named: false }, reason: null },
      { contestId, actor: 'judge:J4', action: 'login', judge: 'J4', after: { ...source, named: true }, reason: null },
      { contestId, actor: 'anonymous', action: 'login.failed', judge: 'J5', after: source, reason: 'wrong PIN' },
      { contestId, actor: 'anonymous', action: 'login.failed', judge: null, after: source, reason: 'wrong PIN' },
      { contestId: NO_CONTEST, actor: 'anonymous', action: 'login.failed', judge: 'J1', after: { ...source, contest: 'NO-SUCH' }, reason: 'unknown contest' },
      { contestId: NO_CONTEST, actor: 'anonymous', action: 'login.failed', judge: null, after: source, reason: 'wrong organizer password' },
      { contestId: NO_CONTEST, actor: 'organizer', action: 'login', judge: null, after: source, reason: null },
    ]);

    const everything = JSON.stringify(await ds.query('SELECT * FROM "audit_log"'));
    for (const secret of ['100003', '100004', '271828', '314159', '161803', 'not-the-organizer-password', ORGANIZER_PASSWORD]) expect(everything).not.toContain(secret);
  });
});

describe('judge cards', () => {
  it('the QR code signs a tablet in: contest, judge and PIN in the fragment, which never reaches a server log', () => {
    const link = new URL(cardLoginLink('http://192.168.1.20:3000/judge/?contest=BG2024', 'BG2024', { key: 'J1', pin: '482913' }));
    expect(link.origin + link.pathname).toBe('http://192.168.1.20:3000/judge/');
    expect(link.search).toBe('');
    expect(Object.fromEntries(new URLSearchParams(link.hash.slice(1)))).toEqual({ contest: 'BG2024', judge: 'J1', pin: '482913' });
    const noPin = new URL(cardLoginLink('http://192.168.1.20:3000/judge/', '赛-1', { key: '裁判1', pin: null }));
    expect(Object.fromEntries(new URLSearchParams(noPin.hash.slice(1)))).toEqual({ contest: '赛-1', judge: '裁判1' });
  });

  it('each printed card encodes its own judge and PIN', async () => {
    const qr = await loadQrCode();
    const create = vi.spyOn(qr, 'create');
    try {
      await judgeCardsPdf({
        contestTitle: '测试',
        code: 'BG2024',
        loginUrl: 'http://192.168.1.20:3000/judge/?contest=BG2024',
        locale: 'zh-CN',
        cards: [
          { key: 'J1', name: '刘敏', pin: '482913', events: [] },
          { key: 'J2', name: '王芳', pin: '000731', events: [] },
        ],
      });
      const encoded = create.mock.calls.map((c) => Object.fromEntries(new URLSearchParams(new URL(String(c[0])).hash.slice(1))));
      expect(encoded).toEqual([
        { contest: 'BG2024', judge: 'J1', pin: '482913' },
        { contest: 'BG2024', judge: 'J2', pin: '000731' },
      ]);
    } finally {
      create.mockRestore();
    }
  });
});

describe('two server processes on one Redis share the counters', () => {
  let redis: { url: string; stop(): Promise<void> };
  let a: ServerProcess;
  let b: ServerProcess;
  let dir: string;
  beforeAll(async () => {
    const lib = pathToFileURL(resolve(__dirname, '..', '..', '..', 'scripts', 'lib', 'redis.mjs')).href;
    const { startRedis } = (await import(lib)) as { startRedis(): Promise<{ url: string; stop(): Promise<void> }> };
    redis = await startRedis();
    dir = mkdtempSync(join(tmpdir(), 'skillscore-shared-'));
    // two databases with the same contest: only Redis joins the two processes
    const env = (name: string) => ({ DATABASE_URL: `sqlite:${join(dir, name, 'scoring.sqlite')}`, REDIS_URL: redis.url, ORGANIZER_PASSWORD });
    [a, b] = await Promise.all([startServerProcess(env('a')), startServerProcess(env('b'))]);
    await Promise.all([createContests(a.base, ['SHARED']), createContests(b.base, ['SHARED'])]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('PIN-only failures on one process are refused on the other', async () => {
    for (let i = 0; i < 5; i++) expect((await judgeLogin(a.base, { contest: 'SHARED', pin: String(960000 + i) })).status).toBe(401);
    for (let i = 5; i < 10; i++) expect((await judgeLogin(b.base, { contest: 'SHARED', pin: String(960000 + i) })).status).toBe(401);
    const blocked = await judgeLogin(b.base, { contest: 'SHARED', pin: '100001' });
    expect(blocked.status).toBe(429);
    expectRetryAfter(blocked);
    expect((await judgeLogin(a.base, { contest: 'SHARED', pin: '100001' })).status).toBe(429);
  });

  it('failures naming a judge on one process count on the other', async () => {
    for (let i = 0; i < BUDGETS.judge.failures; i++) {
      const on = i % 2 ? a : b;
      expect((await judgeLogin(on.base, { contest: 'SHARED', judge: 'J6', pin: String(970000 + i) })).status).toBe(401);
    }
    expect((await judgeLogin(a.base, { contest: 'SHARED', judge: 'J6', pin: '100006' })).status).toBe(429);
    expect((await judgeLogin(b.base, { contest: 'SHARED', judge: 'J6', pin: '100006' })).status).toBe(429);
    expect((await judgeLogin(b.base, { contest: 'SHARED', judge: 'J7', pin: '100007' })).status).toBe(200);
  });
});
