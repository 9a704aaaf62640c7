import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import type { FeedSnapshot, FeedUpdate } from '../../src/contracts/feed';
import type { StandingsRow } from '../../src/contracts/standings';
import { sqlRun } from '../../src/database/sql';
import { soloContest } from '../support/contests';
import { LiveClient } from '../support/live-client';
import { putSheet } from '../support/sheets';
import { client, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/**
 * Attacks on two promises of the public surfaces: a frozen board shows nothing newer than the
 * moment it was frozen (whether or not anyone watched before), and no public surface ties a
 * station to a name before the event is final.
 */
let t: TestApp;
let api: ReturnType<typeof client>;
let org: string;
const clients: LiveClient[] = [];

beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  org = await organizerToken(t.base);
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await t.close();
});

async function watcher(code: string): Promise<{ live: LiveClient; snapshot: FeedSnapshot }> {
  const live = new LiveClient(t.base);
  clients.push(live);
  await live.connect();
  live.watch(code);
  return { live, snapshot: await live.snapshot() };
}

const standings = async (code: string, event: string) => (await api('GET', `/api/contests/${code}/events/${event}/standings`)).body;
const teams = async (code: string) => (await api('GET', `/api/contests/${code}/teams`)).body;
const publicOf = (rows: StandingsRow[]) => rows.map((r) => [r.bib, r.rank, r.total, r.complete, r.award]);

/** Every panel judge of hairContest marks one station the same. */
async function markStation(code: string, station: string, mark: number): Promise<void> {
  for (let j = 1; j <= 5; j++) {
    const token = await judgeToken(t.base, code, String(100000 + j));
    const r = await putSheet(api, token, code, 'hair', station, { design: mark, technique: Math.min(30, mark), finish: Math.min(30, mark) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
}

describe('a frozen board shows what it showed at the freeze, on every public surface', () => {
  it('holds when the event is frozen before anyone ever watched it or any mark came in', async () => {
    expect((await api('POST', '/api/contests', hairContest('FRZ1', 5), org)).status).toBe(201);
    const atFreeze = await standings('FRZ1', 'hair');
    const teamsAtFreeze = await teams('FRZ1');
    expect((await api('POST', '/api/contests/FRZ1/events/hair/freeze', undefined, org)).status).toBe(200);

    await markStation('FRZ1', '07', 30);
    await markStation('FRZ1', '09', 20);
    await t.settle();

    const frozen = await standings('FRZ1', 'hair');
    expect(frozen.frozen).toBe(true);
    expect(publicOf(frozen.rows)).toEqual(publicOf(atFreeze.rows));
    expect(frozen.rows.every((r: StandingsRow) => r.total === 0 && !r.complete)).toBe(true);
    expect((await teams('FRZ1')).rows).toEqual(teamsAtFreeze.rows);

    const { live, snapshot } = await watcher('FRZ1');
    expect(publicOf(snapshot.events[0].rows)).toEqual(publicOf(atFreeze.rows));
    expect(snapshot.events[0].frozen).toBe(true);

    // a mark while a watcher is there sends nothing for the frozen event
    await markStation('FRZ1', '08', 25);
    await t.settle();
    await new Promise((r) => setTimeout(r, 100));
    expect(live.messages('update').filter((u: FeedUpdate) => u.event === 'hair')).toEqual([]);
    expect(publicOf((await standings('FRZ1', 'hair')).rows)).toEqual(publicOf(atFreeze.rows));

    // the unfreeze catches up in one update
    expect((await api('POST', '/api/contests/FRZ1/events/hair/unfreeze', undefined, org)).status).toBe(200);
    const u = await live.update((x) => x.event === 'hair');
    expect(u.frozen).toBe(false);
    const after = await standings('FRZ1', 'hair');
    expect(after.rows.find((r: StandingsRow) => r.bib === 'A001')).toMatchObject({ total: 90, complete: true, rank: 1 });
    expect(u.rows.map((r) => r.bib).sort()).toEqual(['A001', 'A002', 'A003', 'A004', 'A005']);
  });

  it('captures marks the feed had not published yet: the capture is what the standings showed at that moment', async () => {
    expect((await api('POST', '/api/contests', hairContest('FRZ2', 4), org)).status).toBe(201);
    const { live } = await watcher('FRZ2');
    await markStation('FRZ2', '07', 30);
    // no settle: the freeze may come inside the feed's coalescing window
    const before = await standings('FRZ2', 'hair');
    expect((await api('POST', '/api/contests/FRZ2/events/hair/freeze', undefined, org)).status).toBe(200);
    const frozen = await standings('FRZ2', 'hair');
    expect(publicOf(frozen.rows)).toEqual(publicOf(before.rows));
    expect(frozen.rows.find((r: StandingsRow) => r.bib === 'A001')).toMatchObject({ total: 90, complete: true });

    // the watcher's merged board equals the capture
    await t.settle();
    const board = new Map<string, StandingsRow>();
    for (const m of live.log) {
      if (m.name === 'snapshot') for (const r of (m.payload as FeedSnapshot).events[0].rows) board.set(r.bib, r);
      if (m.name === 'update') for (const r of (m.payload as FeedUpdate).rows) board.set(r.bib, r);
    }
    expect([...board.values()].sort((a, b) => a.bib.localeCompare(b.bib)).map((r) => [r.bib, r.rank, r.total])).toEqual(
      [...frozen.rows].sort((a: StandingsRow, b: StandingsRow) => a.bib.localeCompare(b.bib)).map((r: StandingsRow) => [r.bib, r.rank, r.total]),
    );
    expect(live.messages('update').at(-1)).toMatchObject({ event: 'hair', frozen: true });
  });

  it('a reveal step is published only together with its audit record', async () => {
    expect((await api('POST', '/api/contests', hairContest('FRZ3', 3), org)).status).toBe(201);
    await markStation('FRZ3', '07', 30);
    await markStation('FRZ3', '08', 25);
    await markStation('FRZ3', '09', 20);
    await t.settle();
    expect((await api('POST', '/api/contests/FRZ3/events/hair/freeze', undefined, org)).status).toBe(200);
    const { live } = await watcher('FRZ3');
    const from = live.log.length;

    // the audit record of a reveal cannot be written: the step must not reach the public either
    const ds = t.app.get(DataSource);
    const postgres = ds.options.type === 'postgres';
    if (postgres) {
      await sqlRun(ds.manager, `CREATE FUNCTION no_reveal_audit() RETURNS trigger AS $$ BEGIN IF NEW."action" = 'board.reveal' THEN RAISE EXCEPTION 'audit store refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`, []);
      await sqlRun(ds.manager, `CREATE TRIGGER no_reveal_audit BEFORE INSERT ON "audit_log" FOR EACH ROW EXECUTE FUNCTION no_reveal_audit()`, []);
    } else {
      await sqlRun(ds.manager, `CREATE TRIGGER no_reveal_audit BEFORE INSERT ON "audit_log" WHEN NEW."action" = 'board.reveal' BEGIN SELECT RAISE(ABORT, 'audit store refused'); END`, []);
    }
    const refused = await api('POST', '/api/contests/FRZ3/events/hair/reveal', { by: 'entry' }, org);
    expect(refused.status).toBeGreaterThanOrEqual(500);
    await t.settle();
    await new Promise((r) => setTimeout(r, 100));
    expect(live.messages('update', from)).toEqual([]);
    expect((await api('GET', '/api/contests/FRZ3/events/hair/board', undefined, org)).body).toMatchObject({ revealed: 0 });

    await sqlRun(ds.manager, `DROP TRIGGER no_reveal_audit${postgres ? ' ON "audit_log"' : ''}`, []);
    const ok = await api('POST', '/api/contests/FRZ3/events/hair/reveal', { by: 'entry' }, org);
    expect(ok.status).toBe(200);
    const u = await live.update((x) => !!x.reveal, { from });
    const trail = (await api('GET', '/api/contests/FRZ3/audit', undefined, org)).body;
    const records = (Array.isArray(trail) ? trail : trail.records).filter((a: { action: string }) => a.action === 'board.reveal');
    expect(records).toHaveLength(1);
    expect(records[0].after).toMatchObject({ bibs: u.reveal!.bibs, revealed: u.reveal!.revealed });
  });
});

describe('no public surface ties a station to a name before the event is final', () => {
  // stations in the opposite order of bibs, so an order by station would show
  const entries = [
    { bib: 'S1', organization: '广安市总工会', station: '05' },
    { bib: 'S2', organization: '北碚区总工会', station: '04' },
    { bib: 'S3', organization: '广安市总工会', station: '03' },
    { bib: 'S4', organization: '北碚区总工会', station: '02' },
    { bib: 'S5', organization: '广安市总工会', station: '01' },
  ];

  it('standings, teams, snapshots and updates carry station null, and tied or unranked rows come by bib', async () => {
    expect((await api('POST', '/api/contests', soloContest('BLIND', entries, 330001), org)).status).toBe(201);
    const { live, snapshot } = await watcher('BLIND');
    expect(snapshot.events[0].rows.map((r) => r.station)).toEqual([null, null, null, null, null]);
    const judge = await judgeToken(t.base, 'BLIND', '330001');
    const chief = await judgeToken(t.base, 'BLIND', '330002');
    // S1 and S2 tie; S5 and S4 are not competing
    for (const [station, score] of [['05', 80], ['04', 80], ['03', 90]] as const) expect((await putSheet(api, judge, 'BLIND', 'solo', station, { score })).status).toBe(200);
    expect((await api('POST', '/api/contests/BLIND/events/solo/entries/01/status', { status: 'absent' }, chief)).status).toBeLessThan(300);
    expect((await api('POST', '/api/contests/BLIND/events/solo/entries/02/status', { status: 'absent' }, chief)).status).toBeLessThan(300);
    await t.settle();

    const s = await standings('BLIND', 'solo');
    expect(s.rows.map((r: StandingsRow) => [r.bib, r.rank, r.station])).toEqual([
      ['S3', 1, null],
      ['S1', 2, null],
      ['S2', 2, null],
      ['S4', null, null],
      ['S5', null, null],
    ]);
    const updates = live.messages('update') as FeedUpdate[];
    expect(updates.length).toBeGreaterThan(0);
    for (const u of updates) for (const r of u.rows) expect(r.station).toBeNull();
    expect(JSON.stringify(await teams('BLIND'))).not.toMatch(/"station"\s*:\s*"/);
    const fresh = await watcher('BLIND');
    expect(fresh.snapshot.events[0].rows.map((r) => r.station)).toEqual([null, null, null, null, null]);

    // once final, the public may see which station was whose
    expect((await api('POST', '/api/contests/BLIND/events/solo/finalize', undefined, chief)).status).toBeLessThan(300);
    const final = await live.update((u) => u.final);
    expect(final.rows.find((r) => r.bib === 'S1')).toMatchObject({ station: '05' });
    expect((await standings('BLIND', 'solo')).rows.map((r: StandingsRow) => [r.bib, r.station])).toEqual([
      ['S3', '03'],
      ['S1', '05'],
      ['S2', '04'],
      ['S4', '02'],
      ['S5', '01'],
    ]);
  });

  it('staff still see stations: the chief judge progress and the organizer exports', async () => {
    const chief = await judgeToken(t.base, 'BLIND', '330002');
    const progress = await api('GET', '/api/contests/BLIND/events/solo/progress', undefined, chief);
    expect(progress.status).toBe(200);
    expect(JSON.stringify(progress.body)).toContain('"05"');
    const csv = await fetch(`${t.base}/api/contests/BLIND/events/solo/results.csv`, { headers: { authorization: `Bearer ${org}` } });
    expect(await csv.text()).toContain('05');
  });
});
