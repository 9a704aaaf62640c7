import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FeedSnapshot, FeedUpdate } from '../../src/contracts/feed';
import type { EventStandings, StandingsRow } from '../../src/contracts/standings';
import { panelContest } from '../support/contests';
import { LiveClient } from '../support/live-client';
import { putSheet } from '../support/sheets';
import { client, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/** Contract §4: the live feed on socket.io namespace /live. */
let t: TestApp;
let api: ReturnType<typeof client>;
let org: string;
const clients: LiveClient[] = [];

async function watcher(contest: string): Promise<{ live: LiveClient; snapshot: FeedSnapshot }> {
  const live = new LiveClient(t.base);
  clients.push(live);
  await live.connect();
  live.watch(contest);
  return { live, snapshot: await live.snapshot() };
}

async function standings(code: string, event: string): Promise<EventStandings> {
  const r = await api('GET', `/api/contests/${code}/events/${event}/standings`);
  expect(r.status).toBe(200);
  return r.body;
}

function byBib(rows: readonly StandingsRow[]): Record<string, StandingsRow> {
  return Object.fromEntries(rows.map((r) => [r.bib, r]));
}

/** A board's state: the snapshot with every later update merged in by bib. */
function merge(snapshot: FeedSnapshot, updates: readonly FeedUpdate[]): Record<string, Record<string, StandingsRow>> {
  const state = Object.fromEntries(snapshot.events.map((e) => [e.event, byBib(e.rows)]));
  for (const u of updates) for (const r of u.rows) state[u.event] = { ...state[u.event], [r.bib]: r };
  return state;
}

beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  org = await organizerToken(t.base);
  for (const code of ['LIVE', 'LIVE-SEQ', 'LIVE-RE', 'LIVE-OTHER', 'LIVE-MANY']) {
    expect((await api('POST', '/api/contests', panelContest(code, { judges: 2, stations: 4, events: 2 }), org)).status).toBe(201);
  }
});
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});
afterAll(() => t.close());

describe('watch', () => {
  it('answers with exactly one snapshot { seq, contest, events: [standings] }', async () => {
    const { live, snapshot } = await watcher('LIVE');
    expect(snapshot.contest).toBe('LIVE');
    expect(Number.isInteger(snapshot.seq)).toBe(true);
    expect(snapshot.events.map((e) => e.event)).toEqual(['e1', 'e2']);
    for (const e of snapshot.events) {
      const rest = await standings('LIVE', e.event);
      expect(e).toMatchObject({ contest: 'LIVE', event: e.event, final: false, frozen: false, seq: snapshot.seq });
      expect(e.rows).toEqual(rest.rows);
      expect(e.rows).toHaveLength(4);
    }
    await new Promise((r) => setTimeout(r, 150));
    expect(live.messages('snapshot')).toHaveLength(1);
    expect(live.messages('update')).toHaveLength(0);
  });

  it('feed-error for an unknown contest and for a watch without a contest', async () => {
    const live = new LiveClient(t.base);
    clients.push(live);
    await live.connect();
    live.watch('NO-SUCH');
    const e = await live.feedError();
    expect(e).toMatchObject({ statusCode: 404, error: 'Not Found', message: expect.stringContaining('NO-SUCH') });
    const mark = live.log.length;
    live.socket.emit('watch', { nope: 1 });
    const bad = await live.feedError({ from: mark });
    expect(bad).toMatchObject({ statusCode: 400, message: expect.stringContaining('contest') });
    expect(live.messages('snapshot')).toHaveLength(0);
  });
});

describe('many watchers at once', () => {
  it('forty watchers arriving together each get one snapshot of the same seq, then every update', async () => {
    const many = Array.from({ length: 40 }, () => new LiveClient(t.base));
    clients.push(...many);
    await Promise.all(many.map((c) => c.connect()));
    for (const c of many) c.watch('LIVE-MANY');
    const snaps = await Promise.all(many.map((c) => c.snapshot()));
    expect(new Set(snaps.map((x) => x.seq)).size).toBe(1);
    const judge = await judgeToken(t.base, 'LIVE-MANY', '200001');
    expect((await putSheet(api, judge, 'LIVE-MANY', 'e1', '03', { score: 61.5 })).status).toBe(200);
    const updates = await Promise.all(many.map((c) => c.update((u) => u.rows.some((r) => r.bib === 'B003'))));
    expect(new Set(updates.map((u) => u.seq))).toEqual(new Set([snaps[0].seq + 1]));
    for (const c of many) expect(c.messages('snapshot')).toHaveLength(1);
  });
});

describe('update', () => {
  it('a submitted sheet reaches watchers within a second as { seq: previous + 1, event, rows: whole changed rows, final, frozen }', async () => {
    const { live, snapshot } = await watcher('LIVE');
    const { live: bystander } = await watcher('LIVE-OTHER');
    const judge = await judgeToken(t.base, 'LIVE', '200001');
    const put = await putSheet(api, judge, 'LIVE', 'e1', '02', { score: 88.5 });
    expect(put.status).toBe(200);
    const acknowledged = Date.now();
    const u = await live.update();
    expect(live.log.find((m) => m.name === 'update')!.at - acknowledged).toBeLessThan(1000);
    expect(u).toMatchObject({ seq: snapshot.seq + 1, event: 'e1', final: false, frozen: false });

    const rest = await standings('LIVE', 'e1');
    expect(rest.seq).toBe(u.seq);
    const now = byBib(rest.rows);
    const changed = u.rows.find((r) => r.bib === 'B002')!;
    expect(changed).toEqual(now.B002);
    expect(changed).toMatchObject({ station: null, total: 88.5, parts: { score: 88.5 }, complete: false, rank: 1, name: '选手2', organization: '四川省总工会' });
    // every row whose rank moved is sent whole; unchanged rows are not sent
    const before = byBib(snapshot.events[0].rows);
    for (const r of u.rows) expect(r).toEqual(now[r.bib]);
    for (const r of rest.rows) {
      const sent = u.rows.some((x) => x.bib === r.bib);
      expect(sent, r.bib).toBe(JSON.stringify(before[r.bib]) !== JSON.stringify(r));
    }
    await t.settle();
    expect(bystander.messages('update')).toHaveLength(0);
  });

  it('sends nothing for a change the public cannot see (a retried submission)', async () => {
    const judge = await judgeToken(t.base, 'LIVE', '200002');
    const requestId = crypto.randomUUID();
    expect((await putSheet(api, judge, 'LIVE', 'e2', '03', { score: 70 }, requestId)).status).toBe(200);
    await t.settle();
    const { live } = await watcher('LIVE');
    expect((await putSheet(api, judge, 'LIVE', 'e2', '03', { score: 70 }, requestId)).status).toBe(200);
    await t.settle();
    await new Promise((r) => setTimeout(r, 100));
    expect(live.messages('update')).toHaveLength(0);
  });
});

describe('chief acts and sign-off', () => {
  it('deductions, statuses, finalize and the organizer’s reopen each reach the feed as an update', async () => {
    expect((await api('POST', '/api/contests', panelContest('LIVE-FIN', { judges: 1, stations: 2 }), org)).status).toBe(201);
    const judge = await judgeToken(t.base, 'LIVE-FIN', '200001');
    const chief = await judgeToken(t.base, 'LIVE-FIN', '999999');
    for (const station of ['01', '02']) expect((await putSheet(api, judge, 'LIVE-FIN', 'e1', station, { score: 50 })).status).toBe(200);
    await t.settle();
    const { live, snapshot } = await watcher('LIVE-FIN');
    let seq = snapshot.seq;
    const next = async () => {
      const u = await live.update((x) => x.seq === seq + 1);
      seq = u.seq;
      return u;
    };

    expect((await api('POST', '/api/contests/LIVE-FIN/events/e1/deductions', { station: '02', points: 3, reason: '超时' }, chief)).status).toBe(201);
    const deducted = await next();
    expect(deducted.rows.find((r) => r.bib === 'B002')).toMatchObject({ total: 47, deductions: 3, rank: 2 });

    expect((await api('POST', '/api/contests/LIVE-FIN/events/e1/entries/01/status', { status: 'disqualified', reason: '违规' }, chief)).status).toBeLessThan(300);
    const dq = await next();
    expect(dq.rows.find((r) => r.bib === 'B001')).toMatchObject({ status: 'disqualified', rank: null, award: null });
    expect(dq.rows.find((r) => r.bib === 'B002')).toMatchObject({ rank: 1 });

    expect((await api('POST', '/api/contests/LIVE-FIN/events/e1/finalize', undefined, chief)).status).toBe(200);
    expect(await next()).toMatchObject({ event: 'e1', final: true, frozen: false });

    expect((await api('POST', '/api/contests/LIVE-FIN/events/e1/reopen', { reason: '复核' }, org)).status).toBe(200);
    expect(await next()).toMatchObject({ event: 'e1', final: false });
    await t.settle();
    expect(live.messages('update').map((u: FeedUpdate) => u.seq)).toEqual([snapshot.seq + 1, snapshot.seq + 2, snapshot.seq + 3, snapshot.seq + 4]);
  });
});

describe('seq', () => {
  it('grows by exactly 1 per message over many changes across events, the same for every watcher', async () => {
    const a = await watcher('LIVE-SEQ');
    const b = await watcher('LIVE-SEQ');
    expect(b.snapshot.seq).toBe(a.snapshot.seq);
    const judges = await Promise.all(['200001', '200002'].map((pin) => judgeToken(t.base, 'LIVE-SEQ', pin)));
    const chief = await judgeToken(t.base, 'LIVE-SEQ', '999999');
    const writes: Promise<{ status: number }>[] = [];
    for (const event of ['e1', 'e2']) {
      for (const station of ['01', '02', '03', '04']) {
        judges.forEach((token, j) => writes.push(putSheet(api, token, 'LIVE-SEQ', event, station, { score: 40 + j * 10 + Number(station) })));
      }
    }
    writes.push(api('POST', '/api/contests/LIVE-SEQ/events/e1/deductions', { station: '01', points: 2, reason: '超时' }, chief));
    for (const r of await Promise.all(writes)) expect(r.status).toBeLessThan(300);
    // withdrawn only once its sheets are in: on PostgreSQL concurrent writes commit in any order, and a sheet after the withdrawal is refused
    expect((await api('POST', '/api/contests/LIVE-SEQ/events/e2/entries/04/status', { status: 'withdrawn' }, chief)).status).toBeLessThan(300);
    // a second wave after a pause, so there is more than one burst
    await new Promise((r) => setTimeout(r, 50));
    expect((await api('POST', '/api/contests/LIVE-SEQ/events/e2/deductions', { station: '02', points: 0.5, reason: '卫生' }, chief)).status).toBe(201);
    await t.settle();

    const last = (await standings('LIVE-SEQ', 'e1')).seq;
    expect((await standings('LIVE-SEQ', 'e2')).seq).toBe(last);
    for (const w of [a, b]) await w.live.update((u) => u.seq === last);
    const seqs = a.live.messages('update').map((u: FeedUpdate) => u.seq);
    expect(seqs.length).toBeGreaterThanOrEqual(2);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => a.snapshot.seq + 1 + i));
    expect(seqs.at(-1)).toBe(last);
    expect(new Set(a.live.messages('update').map((u: FeedUpdate) => u.event))).toEqual(new Set(['e1', 'e2']));
    expect(b.live.messages('update')).toEqual(a.live.messages('update'));

    // merging the updates into the snapshot gives exactly what the REST API shows
    const state = merge(a.snapshot, a.live.messages('update'));
    for (const event of ['e1', 'e2']) expect(state[event]).toEqual(byBib((await standings('LIVE-SEQ', event)).rows));
  });
});

describe('watching again', () => {
  it('a second watch on the same socket replaces the state with a fresh snapshot and no update comes twice', async () => {
    const { live, snapshot } = await watcher('LIVE');
    const mark = live.log.length;
    live.watch('LIVE');
    const again = await live.snapshot({ from: mark });
    expect(again.seq).toBe(snapshot.seq);
    const judge = await judgeToken(t.base, 'LIVE', '200002');
    expect((await putSheet(api, judge, 'LIVE', 'e1', '04', { score: 33 })).status).toBe(200);
    const u = await live.update((x) => x.seq === again.seq + 1);
    await t.settle();
    await new Promise((r) => setTimeout(r, 100));
    expect(live.messages('update').filter((x: FeedUpdate) => x.seq === u.seq)).toHaveLength(1);
  });

  it('watching another contest stops the first one’s updates', async () => {
    const { live } = await watcher('LIVE');
    const mark = live.log.length;
    live.watch('LIVE-OTHER');
    const other = await live.snapshot({ from: mark });
    expect(other.contest).toBe('LIVE-OTHER');
    const judge = await judgeToken(t.base, 'LIVE', '200001');
    expect((await putSheet(api, judge, 'LIVE', 'e2', '04', { score: 44 })).status).toBe(200);
    await t.settle();
    await new Promise((r) => setTimeout(r, 100));
    expect(live.messages('update')).toHaveLength(0);
  });
});

describe('reconnect', () => {
  it('after a disconnect, re-watching gives a snapshot whose seq continues and whose rows match the standings', async () => {
    const first = await watcher('LIVE-RE');
    const judge = await judgeToken(t.base, 'LIVE-RE', '200001');
    expect((await putSheet(api, judge, 'LIVE-RE', 'e1', '01', { score: 60 })).status).toBe(200);
    const seen = await first.live.update();
    first.live.disconnect();

    // changes while the board is away
    expect((await putSheet(api, judge, 'LIVE-RE', 'e1', '02', { score: 61 })).status).toBe(200);
    expect((await putSheet(api, judge, 'LIVE-RE', 'e2', '01', { score: 62 })).status).toBe(200);
    await t.settle();

    const mark = first.live.log.length;
    await first.live.connect();
    first.live.watch('LIVE-RE');
    const again = await first.live.snapshot({ from: mark });
    expect(again.seq).toBeGreaterThan(seen.seq);
    expect(again.seq).toBe((await standings('LIVE-RE', 'e1')).seq);
    for (const e of again.events) expect(e.rows).toEqual((await standings('LIVE-RE', e.event)).rows);

    // and the feed goes on from there
    expect((await putSheet(api, judge, 'LIVE-RE', 'e1', '03', { score: 63 })).status).toBe(200);
    const next = await first.live.update(() => true, { from: mark });
    expect(next.seq).toBe(again.seq + 1);
  });
});
