import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRowChanges } from '../../src/contracts/compact-feed';
import type { FeedSnapshot, FeedUpdate } from '../../src/contracts/feed';
import type { EventStandings } from '../../src/contracts/standings';
import { panelContest, stationOf } from '../support/contests';
import { FeedFollower } from '../support/feed-follower';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { client, ORGANIZER_PASSWORD } from '../support/test-app';

/**
 * Two server processes on one PostgreSQL database and one Redis, as a larger venue runs them:
 * tablets on either, phones on either, one process killed mid-marking and started again. No
 * acknowledged sheet may be lost or counted twice, both processes must publish the same results,
 * and every watch on either process must be answered — also the first watch of a contest the
 * other process has just created.
 */

type Api = ReturnType<typeof client>;
interface Pg {
  url: string;
  stop(): void;
}
interface Redis {
  url: string;
  stop(): Promise<void>;
}

const lib = (name: string) => pathToFileURL(resolve(__dirname, '..', '..', '..', 'scripts', 'lib', name)).href;

let pg: Pg | null = null;
let redis: Redis;
let env: Record<string, string>;
let a: ServerProcess;
let b: ServerProcess;

async function createDatabase(adminUrl: string): Promise<string> {
  const name = `skillscore_two_${randomBytes(5).toString('hex')}`;
  const pgModule = 'pg';
  const { Client } = (await import(pgModule)) as { Client: new (o: { connectionString: string }) => { connect(): Promise<void>; query(sql: string): Promise<unknown>; end(): Promise<void> } };
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

beforeAll(async () => {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const { startPostgres } = (await import(lib('postgres.mjs'))) as { startPostgres(): Promise<Pg | null> };
    pg = await startPostgres();
    if (!pg) throw new Error('the two-process test needs PostgreSQL (see the message above for how to install it)');
    adminUrl = pg.url;
  }
  const { startRedis } = (await import(lib('redis.mjs'))) as { startRedis(): Promise<Redis> };
  redis = await startRedis();
  env = {
    DATABASE_URL: await createDatabase(adminUrl),
    REDIS_URL: redis.url,
    ORGANIZER_PASSWORD,
    SECRET_KEY: randomBytes(32).toString('hex'),
    FEED_COALESCE_MS: '10',
  };
  // one after the other: the first runs the migrations
  a = await startServerProcess(env, 60_000);
  b = await startServerProcess(env, 60_000);
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.kill(), b?.kill()]);
  await redis?.stop();
  pg?.stop();
});

async function organizer(base: string): Promise<string> {
  const r = await client(base)('POST', '/api/auth/organizer', { password: ORGANIZER_PASSWORD });
  expect(r.status).toBe(200);
  return r.body.token;
}

/** The first answer to one watch, and how long it took. */
function firstAnswer(base: string, body: Record<string, unknown>, timeoutMs: number): Promise<{ name: string; ms: number; payload: unknown }> {
  return new Promise((resolveP) => {
    const socket = io(`${base}/live`, { transports: ['websocket'], reconnection: false, forceNew: true });
    const started = Date.now();
    const done = (name: string, payload: unknown) => {
      clearTimeout(timer);
      socket.disconnect();
      resolveP({ name, ms: Date.now() - started, payload });
    };
    const timer = setTimeout(() => done('nothing', null), timeoutMs);
    socket.on('snapshot', (s: FeedSnapshot) => done('snapshot', s));
    socket.on('error', (e: unknown) => done('error', e));
    socket.on('connect', () => socket.emit('watch', body));
  });
}

describe('two server processes on PostgreSQL and Redis', () => {
  it('the first watch of a contest just created on the other process is answered with a snapshot within a second', async () => {
    const org = await organizer(a.base);
    const api = client(a.base);
    for (let i = 0; i < 10; i++) {
      const code = `FRESH${i}`;
      expect((await api('POST', '/api/contests', panelContest(code, { judges: 1, stations: 4, firstPin: 310001 + i * 10 }), org)).status).toBe(201);
      const answers = await Promise.all([
        firstAnswer(b.base, { contest: code }, 5000),
        firstAnswer(b.base, { contest: code, compact: true, events: ['e1'] }, 5000),
        firstAnswer(a.base, { contest: code.toLowerCase(), compact: true }, 5000),
      ]);
      for (const ans of answers) {
        expect(ans.name, `${code}: ${JSON.stringify(ans.payload)}`).toBe('snapshot');
        expect(ans.ms).toBeLessThan(1000);
        expect((ans.payload as FeedSnapshot).contest).toBe(code);
      }
    }
  }, 60_000);

  it('a phone back from a short drop on the other process receives only what it missed', async () => {
    const code = 'HOPPER';
    const org = await organizer(b.base);
    expect((await client(b.base)('POST', '/api/contests', panelContest(code, { judges: 1, stations: 6, firstPin: 330001 }), org)).status).toBe(201);
    const judge = (await client(a.base)('POST', '/api/auth/judge', { contest: code, pin: '330001' })).body.token as string;
    const put = (base: string, i: number, score: number) => client(base)('PUT', `/api/contests/${code}/events/e1/sheets/${stationOf(i)}`, { requestId: randomUUID(), scores: { score } }, judge);
    const first = new FeedFollower(a.base, { contest: code, compact: true, events: ['e1'] });
    await first.until(() => first.snapshots > 0, 10_000);
    expect((await put(a.base, 0, 70)).status).toBe(200);
    await first.until(() => first.updates > 0, 10_000);
    const held = { seq: first.seq, last: first.last.get('e1')!, rows: first.rows.get('e1')! };
    first.close();

    // while it is away, marks on both processes
    expect((await put(b.base, 1, 80)).status).toBe(200);
    expect((await put(a.base, 2, 60)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));

    const back = io(`${b.base}/live`, { transports: ['websocket'], reconnection: false, forceNew: true });
    const got: { name: string; payload: any }[] = [];
    back.onAny((name: string, payload: unknown) => got.push({ name, payload }));
    back.emit('watch', { contest: code, compact: true, events: ['e1'], since: held.seq });
    const deadline = Date.now() + 5000;
    while (!got.some((m) => m.name === 'resumed') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    back.disconnect();
    expect(got.map((m) => m.name)).not.toContain('snapshot');
    expect(got.at(-1)?.name).toBe('resumed');
    let rows = held.rows;
    let last = held.last;
    for (const m of got.filter((x) => x.name === 'update')) {
      expect(m.payload.prev).toBe(last);
      rows = applyRowChanges(rows, m.payload);
      last = m.payload.seq;
    }
    const standings = (await client(a.base)('GET', `/api/contests/${code}/events/e1/standings`)).body as EventStandings;
    expect(rows).toEqual(standings.rows);
  }, 60_000);

  it('marks sent to both, one process killed and restarted: every acknowledged sheet once, one result, every watcher equal to it', async () => {
    const code = 'TWOPROC';
    const judges = 4;
    const stations = 24;
    const firstPin = 320001;
    const orgA = await organizer(a.base);
    expect((await client(a.base)('POST', '/api/contests', panelContest(code, { judges, stations, firstPin }), orgA)).status).toBe(201);
    const pins = Array.from({ length: judges }, (_, j) => String(firstPin + j));
    const tokens: string[] = [];
    for (const [j, pin] of pins.entries()) {
      // tokens are the database's: one login serves the tablet on either process
      const r = await client(j % 2 ? b.base : a.base)('POST', '/api/auth/judge', { contest: code, pin });
      expect(r.status).toBe(200);
      tokens.push(r.body.token);
    }

    const followers: FeedFollower[] = [];
    const received = new Map<FeedFollower, number[]>();
    const follow = (p: ServerProcess) => {
      for (const f of [new FeedFollower(p.base, { contest: code, compact: true, events: ['e1'] }), new FeedFollower(p.base, { contest: code })]) {
        const seqs: number[] = [];
        f.socket.on('update', (u: FeedUpdate) => seqs.push(u.seq));
        received.set(f, seqs);
        followers.push(f);
      }
    };
    follow(a);
    follow(b);
    await Promise.all(followers.map((f) => f.until(() => f.snapshots > 0, 10_000)));

    // every sheet, judge by judge in station order; tablet i sends its k-th sheet to A or B alternately
    const plan = Array.from({ length: judges }, (_, j) => Array.from({ length: stations }, (_, s) => ({ judge: j, station: stationOf(s), score: 40 + ((j * 7 + s * 3) % 60), requestId: randomUUID() })));
    const acknowledged: { judge: number; station: string; score: number; requestId: string; version: number }[] = [];
    let bases = [a.base, b.base];
    let sent = 0;
    const killAt = Math.floor((judges * stations) / 3);
    const restartAt = Math.floor((judges * stations) / 2);
    let killed: Promise<void> | null = null;
    let restarted: Promise<void> | null = null;

    async function send(sheet: (typeof plan)[number][number]): Promise<void> {
      // a tablet retries with the same requestId, on the other process when one does not answer
      for (let attempt = 0; attempt < 20; attempt++) {
        const base = bases[(sheet.station.charCodeAt(1) + attempt) % bases.length];
        try {
          const r = await client(base)('PUT', `/api/contests/${code}/events/e1/sheets/${sheet.station}`, { requestId: sheet.requestId, scores: { score: sheet.score } }, tokens[sheet.judge]);
          if (r.status === 200) {
            acknowledged.push({ ...sheet, version: r.body.version });
            return;
          }
          if (r.status !== 503 && r.status < 500) throw new Error(`PUT ${sheet.station} by J${sheet.judge}: ${r.status} ${JSON.stringify(r.body)}`);
        } catch (e) {
          if (e instanceof Error && e.message.startsWith('PUT ')) throw e;
          // the process is gone: try the other one
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`sheet ${sheet.station} by J${sheet.judge} never acknowledged`);
    }

    const started = Date.now();
    await Promise.all(
      plan.map(async (queue) => {
        for (const sheet of queue) {
          sent++;
          if (sent === killAt && !killed) {
            // SIGKILL mid-marking: its tablets and phones carry on with the other process
            killed = a.kill().then(() => {
              bases = [b.base];
            });
          }
          if (sent === restartAt && !restarted) {
            restarted = (async () => {
              await killed;
              a = await startServerProcess(env, 60_000);
              bases = [a.base, b.base];
              follow(a);
            })();
          }
          await send(sheet);
        }
      }),
    );
    await killed;
    await restarted;
    const seconds = (Date.now() - started) / 1000;
    console.log(`two processes on PostgreSQL + Redis: ${judges * stations} sheets acknowledged in ${seconds.toFixed(1)} s (${((judges * stations) / seconds).toFixed(1)} sheets/s, four tablets one sheet at a time each, one process killed and restarted meanwhile)`);

    // every acknowledged sheet once, each at version 1 (a retried requestId is never a second write)
    expect(acknowledged).toHaveLength(judges * stations);
    expect(acknowledged.every((s) => s.version === 1)).toBe(true);
    const [onA, onB] = await Promise.all(
      [a, b].map(async (p) => {
        // the feed of either process publishes after its coalescing window
        await new Promise((r) => setTimeout(r, 500));
        return (await client(p.base)('GET', `/api/contests/${code}/events/e1/standings`)).body as EventStandings;
      }),
    );
    expect(onA.rows).toEqual(onB.rows);
    expect(onA.rows.every((r) => r.complete)).toBe(true);
    for (const [j, token] of tokens.entries()) {
      const mine = (await client(b.base)('GET', `/api/contests/${code}/events/e1/sheets`, undefined, token)).body as { station: string; status: string; scores: { score: number } }[];
      for (const s of mine) {
        const ack = acknowledged.find((x) => x.judge === j && x.station === s.station)!;
        expect(s.status).toBe('submitted');
        expect(s.scores.score).toBe(ack.score);
      }
    }

    // every watcher still connected holds exactly the published rows; seq never repeats within one watcher
    const live = followers.filter((f) => f.socket.connected);
    expect(live.length).toBeGreaterThanOrEqual(4);
    await Promise.all(live.map((f) => f.until(() => JSON.stringify(f.rows.get('e1')) === JSON.stringify(onB.rows), 10_000)));
    for (const f of live) {
      expect(f.rows.get('e1')).toEqual(onB.rows);
      // Two processes publish through Redis, so a watcher may miss a message that crossed its
      // snapshot, or one that a killed process committed but never sent: its `prev` says so, the
      // watcher re-watched (as the contract tells it to) and ended equal to the standings above.
      // What may never happen is one seq numbering two messages.
      const seqs = received.get(f)!;
      expect(new Set(seqs).size).toBe(seqs.length);
      for (const g of f.gaps) expect(g.prev).not.toBe(g.held);
    }
    // one more mark: both processes' watchers get it under the same, new seq
    const before = Math.max(...live.map((f) => f.seq));
    const judgeOnA = client(a.base);
    const extra = await judgeOnA('POST', `/api/auth/judge`, { contest: code, pin: '999999' });
    expect(extra.status).toBe(200);
    const deduction = await judgeOnA('POST', `/api/contests/${code}/events/e1/deductions`, { station: '01', points: 1, reason: '超时' }, extra.body.token);
    expect(deduction.status).toBeLessThan(300);
    await Promise.all(live.map((f) => f.until(() => f.seq > before, 10_000)));
    const after = new Set(live.map((f) => f.seq));
    expect(after.size).toBe(1);
    for (const f of followers) f.close();
  }, 240_000);
});
