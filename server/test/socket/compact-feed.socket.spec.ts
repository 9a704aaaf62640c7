import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStandings } from '../../src/contracts/standings';
import { panelContest, stationOf } from '../support/contests';
import { FeedFollower } from '../support/feed-follower';
import { LiveClient } from '../support/live-client';
import { putSheet } from '../support/sheets';
import { client, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/**
 * Contract §4a: the compact form and the event filter. Whole events are driven through the real
 * server while three boards follow them — whole rows, compact, and compact for one event only —
 * and after every act each board's merged state must equal the public standings, row for row.
 */
let t: TestApp;
let api: ReturnType<typeof client>;
let org: string;
const followers: FeedFollower[] = [];
const STATIONS = 12;
const JUDGES = 3;

function follow(body: ConstructorParameters<typeof FeedFollower>[1]): FeedFollower {
  const f = new FeedFollower(t.base, body);
  followers.push(f);
  return f;
}

async function standings(code: string, event: string): Promise<EventStandings> {
  const r = await api('GET', `/api/contests/${code}/events/${event}/standings`);
  expect(r.status).toBe(200);
  return r.body;
}

/** A seeded shuffle, so a failure can be replayed. */
function shuffled<T>(list: T[], seed: number): T[] {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  org = await organizerToken(t.base);
});
afterAll(async () => {
  for (const f of followers) f.close();
  await t.close();
});

describe('compact and filtered watchers follow whole events exactly', () => {
  it('equal the standings after every act: sheets in random order, reopen, deduction, disqualification, freeze, reveal, finalize, reopen', async () => {
    const code = 'CMP';
    expect((await api('POST', '/api/contests', panelContest(code, { judges: JUDGES, stations: STATIONS, events: 2 }), org)).status).toBe(201);
    const whole = follow({ contest: code });
    const compact = follow({ contest: code, compact: true });
    const only = follow({ contest: code, compact: true, events: ['e1'] });
    const bytes = { whole: 0, compact: 0 };
    whole.socket.on('update', (u) => (bytes.whole += JSON.stringify(u).length));
    compact.socket.on('update', (u) => (bytes.compact += JSON.stringify(u).length));
    for (const f of followers) await f.until(() => f.snapshots === 1);
    expect([...only.rows.keys()]).toEqual(['e1']);

    const judges = await Promise.all(Array.from({ length: JUDGES }, (_, j) => judgeToken(t.base, code, String(200001 + j))));
    const chief = await judgeToken(t.base, code, '999999');
    let acts = 0;
    const check = async (what: string) => {
      acts++;
      await t.settle();
      const now = { e1: await standings(code, 'e1'), e2: await standings(code, 'e2') };
      for (const f of [whole, compact]) {
        await f.until(() => f.seq === now.e1.seq).catch(() => undefined);
        expect(f.seq, `${what}: seq of ${JSON.stringify(f.body)}`).toBe(now.e1.seq);
        for (const e of ['e1', 'e2'] as const) {
          expect(f.rows.get(e), `${what}: ${e} of ${JSON.stringify(f.body)}`).toEqual(now[e].rows);
          expect(f.flags.get(e), `${what}: ${e} flags`).toEqual({ final: now[e].final, frozen: now[e].frozen });
        }
      }
      await only.until(() => isDeepStrictEqual(only.rows.get('e1'), now.e1.rows)).catch(() => undefined);
      expect(only.rows.get('e1'), `${what}: the e1-only board`).toEqual(now.e1.rows);
      expect([...only.rows.keys()]).toEqual(['e1']);
    };

    // every sheet of both events in random order; each judge's marks differ so ranks move a lot
    const sheets = shuffled(
      ['e1', 'e2'].flatMap((event) => Array.from({ length: STATIONS }, (_, s) => Array.from({ length: JUDGES }, (_, j) => ({ event, s, j }))).flat()),
      20241207,
    );
    for (const [i, x] of sheets.entries()) {
      const score = 40 + ((x.s * 7 + x.j * 13 + (x.event === 'e2' ? 5 : 0)) % 60);
      expect((await putSheet(api, judges[x.j], code, x.event, stationOf(x.s), { score })).status).toBe(200);
      // most acts one at a time; some in bursts, so one update carries several changes
      if (i % 6 !== 5) await check(`sheet ${i}`);
    }
    await check('all sheets');

    const e1 = `/api/contests/${code}/events/e1`;
    expect((await api('POST', `${e1}/sheets/${stationOf(2)}/J01/reopen`, { reason: '录入错误' }, chief)).status).toBe(200);
    await check('reopen');
    expect((await putSheet(api, judges[0], code, 'e1', stationOf(2), { score: 99.5 })).status).toBe(200);
    await check('resubmission');
    expect((await api('POST', `${e1}/deductions`, { station: stationOf(4), points: 7.5, reason: '超时' }, chief)).status).toBe(201);
    await check('deduction');
    expect((await api('POST', `${e1}/entries/${stationOf(6)}/status`, { status: 'disqualified', reason: '违规' }, chief)).status).toBeLessThan(300);
    await check('disqualification');

    expect((await api('POST', `${e1}/freeze`, undefined, org)).status).toBe(200);
    await check('freeze');
    expect((await api('POST', `${e1}/deductions`, { station: stationOf(0), points: 20, reason: '卫生' }, chief)).status).toBe(201);
    expect((await putSheet(api, judges[1], code, 'e2', stationOf(3), { score: 1 })).status).toBe(409);
    await check('a deduction while frozen');
    for (let step = 0; step < 40; step++) {
      const r = await api('POST', `${e1}/reveal`, { by: step % 3 === 0 ? 'tier' : 'entry' }, org);
      if (r.status === 409) break;
      expect(r.status).toBe(200);
      await check(`reveal ${step}`);
    }
    expect((await api('POST', `${e1}/unfreeze`, undefined, org)).status).toBe(200);
    await check('unfreeze');

    expect((await api('POST', `${e1}/finalize`, undefined, chief)).status).toBeLessThan(300);
    await check('finalize');
    expect((await standings(code, 'e1')).rows.every((r) => r.station !== null)).toBe(true);
    expect((await api('POST', `/api/contests/${code}/events/e1/reopen`, { reason: '复核' }, org)).status).toBeLessThan(300);
    await check('organizer reopens the event');
    expect((await standings(code, 'e1')).rows.every((r) => r.station === null)).toBe(true);

    for (const f of followers) expect(f.gaps, `no message lost by ${JSON.stringify(f.body)}`).toEqual([]);
    expect(only.updates).toBeLessThan(compact.updates);
    expect(acts).toBeGreaterThan(60);
    // the compact form carries the same changes in far fewer bytes
    expect(bytes.compact).toBeLessThan(bytes.whole / 2);
  });
});

describe('a lost message is found through prev and healed by watching again', () => {
  it('a compact board that drops one update re-watches and ends equal to the standings', async () => {
    const code = 'CMP-LOSS';
    expect((await api('POST', '/api/contests', panelContest(code, { judges: 1, stations: 6, events: 2, firstPin: 210001 }), org)).status).toBe(201);
    const judge = await judgeToken(t.base, code, '210001');
    for (const body of [{ contest: code, compact: true }, { contest: code, compact: true, events: ['e2'] }, { contest: code }]) {
      const f = follow(body);
      await f.until(() => f.snapshots === 1);
      const event = body.events?.[0] ?? 'e1';
      f.dropNext = (u) => u.event === event;
      const base = 40 + followers.length;
      expect((await putSheet(api, judge, code, event, stationOf(0), { score: base })).status).toBe(200);
      await t.settle();
      expect(f.updates).toBe(0);
      expect((await putSheet(api, judge, code, event, stationOf(1), { score: base + 1 })).status).toBe(200);
      await f.until(() => f.snapshots === 2);
      expect(f.gaps).toHaveLength(1);
      expect(f.gaps[0].event).toBe(event);
      await t.settle();
      expect(f.rows.get(event)).toEqual((await standings(code, event)).rows);
      // fresh marks for the next board
      await api('POST', `/api/contests/${code}/events/${event}/sheets/${stationOf(0)}/J01/reopen`, { reason: 'x' }, await judgeToken(t.base, code, '999999'));
      await api('POST', `/api/contests/${code}/events/${event}/sheets/${stationOf(1)}/J01/reopen`, { reason: 'x' }, await judgeToken(t.base, code, '999999'));
      await t.settle();
      await f.until(() => isDeepStrictEqual(f.rows.get(event), undefined) || f.last.get(event) !== undefined);
      f.close();
    }
  });

  it('a filtered board sees seq jump for other events without re-watching', async () => {
    const code = 'CMP-JUMP';
    expect((await api('POST', '/api/contests', panelContest(code, { judges: 1, stations: 3, events: 2, firstPin: 220001 }), org)).status).toBe(201);
    const f = follow({ contest: code, compact: true, events: ['e2'] });
    await f.until(() => f.snapshots === 1);
    const judge = await judgeToken(t.base, code, '220001');
    for (let s = 0; s < 3; s++) {
      expect((await putSheet(api, judge, code, 'e1', stationOf(s), { score: 50 + s })).status).toBe(200);
      await t.settle();
      expect((await putSheet(api, judge, code, 'e2', stationOf(s), { score: 60 + s })).status).toBe(200);
      await t.settle();
    }
    await f.until(() => isDeepStrictEqual(f.rows.get('e2'), undefined) === false && f.updates >= 3);
    expect(f.gaps).toEqual([]);
    expect(f.snapshots).toBe(1);
    expect(f.rows.get('e2')).toEqual((await standings(code, 'e2')).rows);
  });
});

describe('bad watch input', () => {
  it('gets one error event naming the field, and the connection stays open', async () => {
    const live = new LiveClient(t.base);
    await live.connect();
    try {
      const cases: [unknown, number, string][] = [
        [{ contest: 'CMP', compact: 'yes' }, 400, 'compact'],
        [{ contest: 'CMP', events: [] }, 400, 'events'],
        [{ contest: 'CMP', events: 'e1' }, 400, 'events'],
        [{ contest: 'CMP', events: ['e1', 'nope'] }, 400, 'events'],
        [{ contest: 'NO-SUCH', compact: true }, 404, 'NO-SUCH'],
      ];
      for (const [body, status, names] of cases) {
        const from = live.log.length;
        live.socket.emit('watch', body);
        const e = await live.waitFor('error', () => true, { from, timeoutMs: 4000 });
        expect(e, JSON.stringify(body)).toMatchObject({ statusCode: status, message: expect.stringContaining(names) });
        expect(live.messages('error', from)).toHaveLength(1);
        expect(live.messages('snapshot', from)).toHaveLength(0);
      }
      expect(live.socket.connected).toBe(true);
      const from = live.log.length;
      live.socket.emit('watch', { contest: 'CMP', compact: true, events: ['e2'] });
      const s = await live.snapshot({ from, timeoutMs: 4000 });
      expect(s.events.map((e) => e.event)).toEqual(['e2']);
      expect(s.events[0].last).toEqual(expect.any(Number));
    } finally {
      live.disconnect();
    }
  });
});
