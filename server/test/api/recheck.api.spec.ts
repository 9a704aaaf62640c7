import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putSheet } from '../support/sheets';
import { client, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/** Contract §5: an event's results recomputed from the audit trail alone agree with what the standings publish. */
let t: TestApp;
let api: ReturnType<typeof client>;
let org: string;
const CODE = 'RECHK';
const base = `/api/contests/${CODE}/events/hair`;
const PANEL = ['J1', 'J2', 'J3', 'J4', 'J5'];
const tok: Record<string, string> = {};

async function markAll(station: string, scores: Record<string, number>): Promise<void> {
  for (const j of PANEL) {
    const r = await putSheet(api, tok[j], CODE, 'hair', station, scores);
    expect(r.status, `${j} at ${station}: ${JSON.stringify(r.body)}`).toBe(200);
  }
}

async function recheck(token = org) {
  const r = await api('GET', `${base}/recheck`, undefined, token);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  org = await organizerToken(t.base);
  const file = hairContest(CODE, 4);
  expect((await api('POST', '/api/contests', file, org)).status).toBe(201);
  // an edit before marking: one more contestant and entry, which the replay learns from the edit's record
  file.contestants!.push({ bib: 'A005', name: '赵敏', organization: '广安市总工会' });
  file.events![0].entries!.push({ bib: 'A005', station: '11' });
  const edited = await api('PUT', `/api/contests/${CODE}`, file, org);
  expect(edited.status, JSON.stringify(edited.body)).toBe(200);
  for (let i = 1; i <= 7; i++) tok[`J${i}`] = await judgeToken(t.base, CODE, String(100000 + i));
});
afterAll(() => t.close());

describe('a driven event rechecks clean', () => {
  it('at every step: sheets, reopen and resubmit, deductions, a disqualification, finalize', async () => {
    expect(await recheck()).toMatchObject({ event: 'hair', checked: 5, differences: [] });
    await markAll('07', { design: 36, technique: 25, finish: 27 });
    await markAll('08', { design: 38.5, technique: 26, finish: 27 });
    await markAll('09', { design: 35, technique: 26, finish: 27 });
    await markAll('10', { design: 30, technique: 24.5, finish: 28 });
    expect((await recheck()).differences).toEqual([]);

    const chief = tok.J6;
    expect((await api('POST', `${base}/sheets/07/J1/reopen`, { reason: '复核：分数录入错误' }, chief)).status).toBe(200);
    // while the sheet is open the entry is incomplete, in both computations
    expect((await recheck()).differences).toEqual([]);
    expect((await putSheet(api, tok.J1, CODE, 'hair', '07', { design: 39, technique: 28, finish: 27 })).status).toBe(200);
    expect((await api('POST', `${base}/deductions`, { station: '08', points: 1.5, reason: '超时' }, chief)).status).toBe(201);
    const wrong = await api('POST', `${base}/deductions`, { station: '10', points: 2, reason: '卫生' }, chief);
    expect(wrong.status).toBe(201);
    expect((await api('POST', `${base}/deductions/${wrong.body.id}/void`, { reason: '误扣' }, chief)).status).toBe(200);
    expect((await api('POST', `${base}/entries/09/status`, { status: 'disqualified', reason: '使用违禁工具' }, chief)).status).toBe(200);
    expect((await api('POST', `${base}/entries/11/status`, { status: 'absent' }, chief)).status).toBe(200);
    expect((await recheck()).differences).toEqual([]);

    expect((await api('POST', `${base}/finalize`, undefined, chief)).status).toBe(200);
    const done = await recheck();
    const verify = await api('GET', `/api/contests/${CODE}/audit/verify`, undefined, org);
    expect(verify.body).toMatchObject({ ok: true });
    expect(done).toMatchObject({ event: 'hair', checked: 5, differences: [], head: verify.body.head });
    expect(done.head).toMatch(/^[0-9a-f]{64}$/);
    expect(done.message).toBeUndefined();
    // the standings it agrees with do show the acts replayed
    const rows = (await api('GET', `${base}/standings`)).body.rows;
    expect(rows.find((r: { bib: string }) => r.bib === 'A002')).toMatchObject({ deductions: 1.5 });
    expect(rows.find((r: { bib: string }) => r.bib === 'A003')).toMatchObject({ status: 'disqualified', rank: null });
  });

  it('also while the board is frozen: the live results are compared, not the frozen capture', async () => {
    const reopened = await api('POST', `/api/contests/${CODE}/events/hair/reopen`, { reason: '复核' }, org);
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    await t.settle();
    expect((await api('POST', `${base}/freeze`, undefined, org)).status).toBe(200);
    expect((await api('POST', `${base}/entries/11/status`, { status: 'competing' }, tok.J6)).status).toBe(200);
    expect((await recheck()).differences).toEqual([]);
    expect((await api('POST', `${base}/unfreeze`, undefined, org)).status).toBe(200);
  });
});

describe('edits after marking began', () => {
  it('stations swapped, an entry and a judge removed, an entry added: the replay follows the edit records', async () => {
    const code = 'RECHKED';
    const file = hairContest(code, 4);
    expect((await api('POST', '/api/contests', file, org)).status).toBe(201);
    const judges: Record<string, string> = {};
    for (let i = 1; i <= 6; i++) judges[`J${i}`] = await judgeToken(t.base, code, String(100000 + i));
    for (const station of ['07', '08', '10']) {
      for (const j of PANEL) expect((await putSheet(api, judges[j], code, 'hair', station, { design: 30 + Number(station), technique: 20, finish: 20 })).status).toBe(200);
    }
    const path = `/api/contests/${code}/events/hair/recheck`;
    expect((await api('GET', path, undefined, org)).body.differences).toEqual([]);

    const ev = file.events![0];
    // A001 and A002 swap stations, A003 leaves the event, A005 joins at 11, J5 leaves the panel and the contest
    ev.entries = [
      { bib: 'A001', station: '08' },
      { bib: 'A002', station: '07' },
      { bib: 'A004', station: '10' },
      { bib: 'A005', station: '11' },
    ];
    file.contestants!.push({ bib: 'A005', name: '赵敏', organization: '广安市总工会' });
    ev.panel = ['J1', 'J2', 'J3', 'J4'].map((judge) => ({ judge }));
    file.judges = file.judges!.filter((j) => j.key !== 'J5');
    const edited = await api('PUT', `/api/contests/${code}`, { ...file, confirm: true, reason: '组委会调整' }, org);
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const after = (await api('GET', path, undefined, org)).body;
    expect(after).toMatchObject({ checked: 4, differences: [] });
    expect(after.message).toBeUndefined();

    // marking goes on at the new stations
    for (const j of ['J1', 'J2', 'J3', 'J4']) expect((await putSheet(api, judges[j], code, 'hair', '11', { design: 35, technique: 21, finish: 22 })).status).toBe(200);
    expect((await api('GET', path, undefined, org)).body.differences).toEqual([]);
  });
});

describe('who may recheck', () => {
  it('the organizer and the event chief; a panel judge or a judge of no panel gets 403', async () => {
    expect((await recheck(tok.J6)).event).toBe('hair');
    for (const j of ['J1', 'J7']) expect((await api('GET', `${base}/recheck`, undefined, tok[j])).status, j).toBe(403);
  });

  it('401 without a token, 404 for an unknown contest or event', async () => {
    expect((await api('GET', `${base}/recheck`)).status).toBe(401);
    expect((await api('GET', `${base}/recheck`, undefined, 'garbage')).status).toBe(401);
    expect((await api('GET', `/api/contests/NOPE/events/hair/recheck`, undefined, org)).status).toBe(404);
    expect((await api('GET', `/api/contests/${CODE}/events/nope/recheck`, undefined, org)).status).toBe(404);
  });
});
