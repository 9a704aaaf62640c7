import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writesOf } from '../support/records';
import { putSheet, sheetOf } from '../support/sheets';
import { client, hairBib, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/** Contract §2, chief judge: reopen, deductions, entry status, finalize; organizer reopens an event. */
let t: TestApp;
let api: ReturnType<typeof client>;
let org: string;
const tok: Record<string, string> = {};
const base = '/api/contests/CHIEF/events/hair';
const PANEL = ['J1', 'J2', 'J3', 'J4', 'J5'];

async function markAll(station: string, scores: Record<string, number>, judges = PANEL): Promise<void> {
  for (const j of judges) {
    const r = await putSheet(api, tok[j], 'CHIEF', 'hair', station, scores);
    expect(r.status, `${j} at ${station}: ${JSON.stringify(r.body)}`).toBe(200);
  }
}

async function row(station: string) {
  const s = await api('GET', `${base}/standings`);
  expect(s.status).toBe(200);
  return s.body.rows.find((r: { bib: string }) => r.bib === hairBib(station));
}

beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  org = await organizerToken(t.base);
  // stations 07, 08, 09, 10
  expect((await api('POST', '/api/contests', hairContest('CHIEF', 4), org)).status).toBe(201);
  for (let i = 1; i <= 7; i++) tok[`J${i}`] = await judgeToken(t.base, 'CHIEF', String(100000 + i));
});
afterAll(() => t.close());

describe('who may act as chief judge', () => {
  const acts: [string, string, unknown][] = [
    ['POST', `${base}/sheets/07/J1/reopen`, { reason: '复核' }],
    ['POST', `${base}/deductions`, { station: '07', points: 1, reason: '超时' }],
    ['POST', `${base}/entries/07/status`, { status: 'absent' }],
    ['POST', `${base}/finalize`, undefined],
  ];
  it('403 for a panel judge and for a judge on no panel, on every chief endpoint', async () => {
    for (const [method, path, body] of acts) {
      for (const j of ['J1', 'J7']) {
        const r = await api(method, path, body, tok[j]);
        expect(r.status, `${j} ${path}`).toBe(403);
        expect(r.body).toMatchObject({ statusCode: 403, error: 'Forbidden', message: expect.stringContaining('chief') });
      }
    }
  });

  it('401 without a token or with a garbage one', async () => {
    for (const [method, path, body] of acts) {
      expect((await api(method, path, body)).status, path).toBe(401);
      expect((await api(method, path, body, 'garbage')).status, path).toBe(401);
    }
  });

  it('403 for the chief judge of another contest', async () => {
    expect((await api('POST', '/api/contests', hairContest('CHIEF-OTHER', 1), org)).status).toBe(201);
    const otherChief = await judgeToken(t.base, 'CHIEF-OTHER', '100006');
    expect((await api('POST', `${base}/deductions`, { station: '07', points: 1, reason: '超时' }, otherChief)).status).toBe(403);
  });

  it('404 for an unknown contest, event or station', async () => {
    expect((await api('POST', '/api/contests/NOPE/events/hair/deductions', { station: '07', points: 1, reason: '超时' }, tok.J6)).status).toBe(404);
    expect((await api('POST', '/api/contests/CHIEF/events/nails/deductions', { station: '07', points: 1, reason: '超时' }, tok.J6)).status).toBe(404);
    const station = await api('POST', `${base}/deductions`, { station: '99', points: 1, reason: '超时' }, tok.J6);
    expect(station.status).toBe(404);
    expect(station.body.message).toContain('99');
    expect((await api('POST', `${base}/entries/99/status`, { status: 'absent' }, tok.J6)).status).toBe(404);
    expect((await api('POST', `${base}/sheets/99/J1/reopen`, { reason: '复核' }, tok.J6)).status).toBe(404);
    expect((await api('POST', `${base}/sheets/07/J9/reopen`, { reason: '复核' }, tok.J6)).status).toBe(404);
  });
});

describe('reopening a sheet', () => {
  it('the chief judge reopens a submitted sheet; the judge sees it open and resubmits as version 2', async () => {
    const firstId = crypto.randomUUID();
    const first = await putSheet(api, tok.J1, 'CHIEF', 'hair', '07', { design: 36, technique: 25, finish: 27 }, firstId);
    expect(first.body.version).toBe(1);

    const reopened = await api('POST', `${base}/sheets/07/J1/reopen`, { reason: '分数录入错误' }, tok.J6);
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ station: '07', judge: 'J1', status: 'open' });
    // the tablet shows the judge why, with the earlier marks to start from
    expect(await sheetOf(api, tok.J1, 'CHIEF', 'hair', '07')).toMatchObject({ station: '07', status: 'open', version: 1, scores: { design: 36 }, reopenReason: '分数录入错误' });

    const again = await putSheet(api, tok.J1, 'CHIEF', 'hair', '07', { design: 37, technique: 25, finish: 27 });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ station: '07', judge: 'J1', status: 'submitted', scores: { design: 37, technique: 25, finish: 27 }, version: 2 });
    expect(await sheetOf(api, tok.J1, 'CHIEF', 'hair', '07')).toMatchObject({ status: 'submitted', scores: { design: 37, technique: 25, finish: 27 }, version: 2 });
    // versions are kept, never overwritten
    expect(await writesOf(t, 'CHIEF', 'hair', '07', 'J1')).toEqual({ versions: [1, 2], auditedSubmissions: 2 });
    // a late retry of the first submission answers with what it stored then, and writes nothing
    const late = await putSheet(api, tok.J1, 'CHIEF', 'hair', '07', { design: 36, technique: 25, finish: 27 }, firstId);
    expect(late.status).toBe(200);
    expect(late.body).toEqual(first.body);
    expect((await writesOf(t, 'CHIEF', 'hair', '07', 'J1')).versions).toEqual([1, 2]);
    expect(await sheetOf(api, tok.J1, 'CHIEF', 'hair', '07')).toMatchObject({ version: 2, scores: { design: 37 } });
  });

  it('400 naming the field without a reason; 409 for a sheet that is not submitted', async () => {
    const noReason = await api('POST', `${base}/sheets/07/J1/reopen`, {}, tok.J6);
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('reason');
    const blank = await api('POST', `${base}/sheets/07/J1/reopen`, { reason: '  ' }, tok.J6);
    expect(blank.status).toBe(400);
    const never = await api('POST', `${base}/sheets/07/J2/reopen`, { reason: '复核' }, tok.J6);
    expect(never.status).toBe(409);
  });
});

describe('deductions', () => {
  it('201 with the stored item; the standings subtract every item from the total', async () => {
    await markAll('08', { design: 30, technique: 20, finish: 20 });
    expect(await row('08')).toMatchObject({ total: 70, deductions: 0, complete: true });

    const d = await api('POST', `${base}/deductions`, { station: '08', points: 1.5, reason: '超时' }, tok.J6);
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({ station: '08', points: 1.5, reason: '超时' });
    expect(await row('08')).toMatchObject({ total: 68.5, deductions: 1.5, parts: { design: 30, technique: 20, finish: 20 } });

    expect((await api('POST', `${base}/deductions`, { station: '08', points: 0.25, reason: '卫生' }, tok.J6)).status).toBe(201);
    expect(await row('08')).toMatchObject({ total: 68.25, deductions: 1.75 });
  });

  it('the total never goes below 0', async () => {
    await markAll('09', { design: 0.5, technique: 0.5, finish: 0.5 });
    expect(await row('09')).toMatchObject({ total: 1.5 });
    expect((await api('POST', `${base}/deductions`, { station: '09', points: 5, reason: '违规' }, tok.J6)).status).toBe(201);
    const r = await row('09');
    expect(r.total).toBe(0);
    expect(r.deductions).toBe(5);
  });

  it('400 naming the field for points that are not a positive number, or no reason', async () => {
    for (const points of [0, -1, '2', 1.234]) {
      const r = await api('POST', `${base}/deductions`, { station: '08', points, reason: '超时' }, tok.J6);
      expect(r.status, String(points)).toBe(400);
      expect(r.body.message).toContain('points');
    }
    const noReason = await api('POST', `${base}/deductions`, { station: '08', points: 1 }, tok.J6);
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('reason');
    const noStation = await api('POST', `${base}/deductions`, { points: 1, reason: '超时' }, tok.J6);
    expect(noStation.status).toBe(400);
    expect(noStation.body.message).toContain('station');
    expect(await row('08')).toMatchObject({ deductions: 1.75 });
  });
});

describe('entry status', () => {
  it('400 for a disqualification without a reason, and for an unknown status', async () => {
    const r = await api('POST', `${base}/entries/09/status`, { status: 'disqualified' }, tok.J6);
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('reason');
    const unknown = await api('POST', `${base}/entries/09/status`, { status: 'banned', reason: 'x' }, tok.J6);
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('status');
    expect(await row('09')).toMatchObject({ status: 'competing' });
  });

  it('non-competing entries are listed last, unranked and without an award', async () => {
    const dq = await api('POST', `${base}/entries/08/status`, { status: 'disqualified', reason: '使用违禁工具' }, tok.J6);
    expect(dq.status).toBeLessThan(300);
    expect((await api('POST', `${base}/entries/10/status`, { status: 'absent' }, tok.J6)).status).toBeLessThan(300);
    const s = await api('GET', `${base}/standings`);
    const bibs = s.body.rows.map((r: { bib: string }) => r.bib);
    expect(bibs.slice(-2)).toEqual([hairBib('08'), hairBib('10')]);
    for (const r of s.body.rows.slice(-2)) expect(r).toMatchObject({ rank: null, award: null });
    expect(s.body.rows.find((r: { bib: string }) => r.bib === hairBib('08'))).toMatchObject({ status: 'disqualified' });
    expect(s.body.rows.find((r: { bib: string }) => r.bib === hairBib('10'))).toMatchObject({ status: 'absent' });
    for (const r of s.body.rows.slice(0, -2)) {
      expect(r.status).toBe('competing');
      expect(r.rank).toEqual(expect.any(Number));
    }
  });

  it('an entry set back to competing is ranked again', async () => {
    expect((await api('POST', `${base}/entries/08/status`, { status: 'competing' }, tok.J6)).status).toBeLessThan(300);
    const r = await row('08');
    expect(r).toMatchObject({ status: 'competing', total: 68.25 });
    expect(r.rank).toEqual(expect.any(Number));
  });
});

describe('finalize and the organizer reopening an event', () => {
  it('409 while a competing entry is incomplete, naming it', async () => {
    const r = await api('POST', `${base}/finalize`, undefined, tok.J6);
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ statusCode: 409, error: 'Conflict', message: expect.stringContaining('07') });
    expect((await api('GET', '/api/contests/CHIEF')).body.events[0].final).toBe(false);
  });

  it('200 once every competing entry is complete (absent ones need no marks); the event shows final', async () => {
    await markAll('07', { design: 36, technique: 25, finish: 27 }, ['J2', 'J3', 'J4', 'J5']);
    const r = await api('POST', `${base}/finalize`, undefined, tok.J6);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ event: 'hair', final: true });
    expect((await api('GET', '/api/contests/CHIEF')).body.events[0]).toMatchObject({ key: 'hair', final: true });
    expect((await api('GET', `${base}/standings`)).body.final).toBe(true);
  });

  it('after finalize every sheet PUT and every chief endpoint answers 409', async () => {
    const put = await putSheet(api, tok.J1, 'CHIEF', 'hair', '07', { design: 40, technique: 30, finish: 30 });
    expect(put.status).toBe(409);
    const acts: [string, unknown][] = [
      [`${base}/sheets/07/J1/reopen`, { reason: '复核' }],
      [`${base}/deductions`, { station: '07', points: 1, reason: '超时' }],
      [`${base}/entries/09/status`, { status: 'withdrawn' }],
      [`${base}/finalize`, undefined],
    ];
    for (const [path, body] of acts) {
      const r = await api('POST', path, body, tok.J6);
      expect(r.status, path).toBe(409);
      expect(r.body.message, path).toMatch(/finali[sz]ed/);
    }
    const s = await api('GET', `${base}/standings`);
    expect(s.body.rows.find((r: { bib: string }) => r.bib === hairBib('07'))).toMatchObject({ deductions: 0 });
    expect(s.body.rows.find((r: { bib: string }) => r.bib === hairBib('09'))).toMatchObject({ status: 'competing' });
  });

  it('only the organizer reopens it, with a reason', async () => {
    const path = '/api/contests/CHIEF/events/hair/reopen';
    expect((await api('POST', path, { reason: '复核成绩' })).status).toBe(401);
    expect((await api('POST', path, { reason: '复核成绩' }, tok.J6)).status).toBe(403);
    const noReason = await api('POST', path, {}, org);
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('reason');
    expect((await api('POST', '/api/contests/CHIEF/events/nails/reopen', { reason: '复核' }, org)).status).toBe(404);
    expect((await api('GET', '/api/contests/CHIEF')).body.events[0].final).toBe(true);

    const r = await api('POST', path, { reason: '复核成绩' }, org);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ event: 'hair', final: false });
    expect((await api('GET', '/api/contests/CHIEF')).body.events[0].final).toBe(false);
    expect((await api('GET', `${base}/standings`)).body.final).toBe(false);
    expect((await api('POST', path, { reason: '再次' }, org)).status).toBe(409);
  });

  it('after the reopen the chief judge and the judges can act again', async () => {
    expect((await api('POST', `${base}/deductions`, { station: '07', points: 1, reason: '超时' }, tok.J6)).status).toBe(201);
    expect((await api('POST', `${base}/sheets/07/J2/reopen`, { reason: '复核' }, tok.J6)).status).toBe(200);
    const r = await putSheet(api, tok.J2, 'CHIEF', 'hair', '07', { design: 35, technique: 25, finish: 27 });
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(2);
    expect((await api('POST', `${base}/finalize`, undefined, tok.J6)).status).toBe(200);
  });
});
