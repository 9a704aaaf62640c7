import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveContest } from '../../bench/live-fixture';
import { seededRandom } from '../../bench/prng';
import { putSheet } from '../support/sheets';
import { client, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/**
 * The server keeps each entry's engine result, the parsed marks and the public board between
 * revisions. Whatever order marks, reopenings, deductions and status changes come in, and however
 * often standings are read in between, the results must be exactly those of a server that
 * computes everything from the database afresh.
 */
const CODE = 'INCR';
const ENTRIES = 40;

let t: TestApp;
let dir: string;

beforeAll(async () => {
  t = await startTestApp();
  dir = t.dir;
});

afterAll(async () => {
  await t?.close();
});

const standingsOf = async (base: string) => {
  const api = client(base);
  const s = await api('GET', `/api/contests/${CODE}/events/hair/standings`);
  const teams = await api('GET', `/api/contests/${CODE}/teams`);
  expect(s.status).toBe(200);
  return { rows: s.body.rows, teams: teams.body.rows };
};

describe('standings kept between revisions', () => {
  it('equal a fresh computation after marks in random order, reopenings, deductions and status changes', async () => {
    const api = client(t.base);
    const contest = liveContest(CODE, ENTRIES, 77);
    contest.file.events![0].chiefJudge = 'J7';
    contest.file.teams = { size: 3, events: ['hair'] };
    const org = await organizerToken(t.base);
    expect((await api('POST', '/api/contests', contest.file, org)).status).toBe(201);
    const tokens = new Map<string, string>();
    for (const [judge, pin] of contest.pins) tokens.set(judge, await judgeToken(t.base, CODE, pin));
    const chief = tokens.get('J7')!;
    const base = `/api/contests/${CODE}/events/hair`;

    const random = seededRandom(5);
    const order = [...contest.sheets].sort(() => random() - 0.5);
    for (const [i, s] of order.entries()) {
      expect((await putSheet(api, tokens.get(s.judge)!, CODE, 'hair', s.station, s.scores)).status).toBe(200);
      if (i % 23 === 0) await standingsOf(t.base);
      if (i === 120) {
        // a reopened sheet drops out of the results until its judge submits it again, with other marks
        expect((await api('POST', `${base}/sheets/${order[3].station}/${order[3].judge}/reopen`, { reason: '录入错误' }, chief)).status).toBeLessThan(300);
        await standingsOf(t.base);
        const lower = Object.fromEntries(Object.entries(order[3].scores).map(([k, v]) => [k, Math.max(0, v - (k === 'hygiene' ? 0.1 : 0.5))]));
        expect((await putSheet(api, tokens.get(order[3].judge)!, CODE, 'hair', order[3].station, lower)).status).toBe(200);
      }
    }
    // with every sheet in, a deduction and a status change are the only changes to their entries
    await standingsOf(t.base);
    expect((await api('POST', `${base}/deductions`, { station: order[0].station, points: 1.5, reason: '超时' }, chief)).status).toBeLessThan(300);
    await standingsOf(t.base);
    expect((await api('POST', `${base}/entries/${order[1].station}/status`, { status: 'disqualified', reason: '违规' }, chief)).status).toBeLessThan(300);
    // new rules: every entry's result changes although its marks do not
    const beforeEdit = await standingsOf(t.base);
    const file = (await api('GET', `/api/contests/${CODE}/file`, undefined, org)).body;
    file.events[0].aggregate = { over: 'criterion', method: 'mean' };
    expect((await api('PUT', `/api/contests/${CODE}`, { ...file, confirm: true, reason: '改用平均分' }, org)).status).toBe(200);
    await t.settle();
    const kept = await standingsOf(t.base);
    expect(JSON.stringify(kept.rows)).not.toBe(JSON.stringify(beforeEdit.rows));
    expect(kept.rows).toHaveLength(ENTRIES);
    expect(kept.rows.some((r: { deductions: number }) => r.deductions === 1.5)).toBe(true);
    expect(kept.rows.some((r: { status: string }) => r.status === 'disqualified')).toBe(true);

    // the same database opened by a new server, which has nothing in memory
    await t.app.close();
    t = await startTestApp({}, { dir });
    const fresh = await standingsOf(t.base);
    expect(JSON.stringify(fresh.rows)).toBe(JSON.stringify(kept.rows));
    expect(JSON.stringify(fresh.teams)).toBe(JSON.stringify(kept.teams));
  });
});
