import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRowChanges, type CompactFeedUpdate } from '../../src/contracts/compact-feed';
import type { FeedSnapshot } from '../../src/contracts/feed';
import type { EventStandings, StandingsRow } from '../../src/contracts/standings';
import { sqlRun } from '../../src/database/sql';
import { panelContest, stationOf } from '../support/contests';
import { LiveClient } from '../support/live-client';
import { putSheet } from '../support/sheets';
import { client, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/**
 * A phone whose Wi-Fi drops for a moment comes back with the seq it holds and receives only the
 * messages it missed, then `resumed` — not a snapshot. After a longer absence, a snapshot.
 */
let t: TestApp;
let api: ReturnType<typeof client>;
let org: string;

beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  org = await organizerToken(t.base);
});
afterAll(() => t.close());

async function standings(code: string, event: string): Promise<EventStandings> {
  return (await api('GET', `/api/contests/${code}/events/${event}/standings`)).body;
}

async function phone(body: Record<string, unknown>): Promise<LiveClient> {
  const live = new LiveClient(t.base);
  await live.connect();
  live.socket.emit('watch', body);
  return live;
}

describe('a watcher back from a short drop', () => {
  it('gets only the messages it missed for its event, then resumed, and its board equals the standings', async () => {
    const code = 'RESUME';
    expect((await api('POST', '/api/contests', panelContest(code, { judges: 1, stations: 8, events: 2, firstPin: 230001 }), org)).status).toBe(201);
    const judge = await judgeToken(t.base, code, '230001');
    const first = await phone({ contest: code, compact: true, events: ['e1'] });
    const snap = await first.snapshot();
    let rows: StandingsRow[] = snap.events[0].rows;
    let seq = snap.seq;
    let last = snap.events[0].last!;
    expect((await putSheet(api, judge, code, 'e1', stationOf(0), { score: 70 })).status).toBe(200);
    const u = await first.update();
    rows = applyRowChanges(rows, u as CompactFeedUpdate);
    seq = u.seq;
    last = u.seq;
    first.disconnect();

    // while the phone is away: marks in both events
    for (let s = 1; s < 5; s++) {
      expect((await putSheet(api, judge, code, 'e1', stationOf(s), { score: 60 + s * 5 })).status).toBe(200);
      expect((await putSheet(api, judge, code, 'e2', stationOf(s), { score: 50 + s })).status).toBe(200);
      await t.settle();
    }

    const back = await phone({ contest: code, compact: true, events: ['e1'], since: seq });
    await back.waitFor('resumed');
    const missed = back.messages('update') as CompactFeedUpdate[];
    expect(back.messages('snapshot')).toHaveLength(0);
    expect(missed.length).toBeGreaterThan(0);
    expect(missed.every((m) => m.event === 'e1')).toBe(true);
    for (const m of missed) {
      expect(m.prev).toBe(last);
      rows = applyRowChanges(rows, m);
      last = m.seq;
    }
    expect(rows).toEqual((await standings(code, 'e1')).rows);
    // a few hundred bytes instead of a snapshot
    expect(JSON.stringify(missed).length).toBeLessThan(JSON.stringify((await standings(code, 'e1')).rows).length);

    // and it keeps following
    const from = back.log.length;
    expect((await putSheet(api, judge, code, 'e1', stationOf(5), { score: 99 })).status).toBe(200);
    const next = (await back.update(() => true, { from })) as CompactFeedUpdate;
    expect(next.prev).toBe(last);
    expect(applyRowChanges(rows, next)).toEqual((await standings(code, 'e1')).rows);
    back.disconnect();
  });

  it('gets a snapshot when the log no longer covers the gap, when it asks for whole rows, or holds a seq the server never had', async () => {
    const code = 'RESUME-OLD';
    expect((await api('POST', '/api/contests', panelContest(code, { judges: 1, stations: 3, firstPin: 240001 }), org)).status).toBe(201);
    const judge = await judgeToken(t.base, code, '240001');
    const first = await phone({ contest: code, compact: true });
    const snap: FeedSnapshot = await first.snapshot();
    first.disconnect();
    expect((await putSheet(api, judge, code, 'e1', stationOf(0), { score: 70 })).status).toBe(200);
    await t.settle();

    const whole = await phone({ contest: code, since: snap.seq });
    await whole.snapshot();
    expect(whole.messages('resumed')).toHaveLength(0);
    whole.disconnect();

    const ahead = await phone({ contest: code, compact: true, since: snap.seq + 1000 });
    await ahead.snapshot();
    ahead.disconnect();

    // more than the window ago
    await sqlRun(t.app.get(DataSource).manager, `UPDATE "feed_log" SET "at" = ?`, ['2000-01-01T00:00:00.000Z']);
    const late = await phone({ contest: code, compact: true, since: snap.seq });
    const fresh = await late.snapshot();
    expect(late.messages('resumed')).toHaveLength(0);
    expect(fresh.events[0].rows).toEqual((await standings(code, 'e1')).rows);
    late.disconnect();
  });
});
