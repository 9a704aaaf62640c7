import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writesOf } from '../support/records';
import { putSheet, sheetOf, sheetsPath } from '../support/sheets';
import { client, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/** Contract §2: a judge's blind list and idempotent, validated, versioned submission. */
let t: TestApp;
let api: ReturnType<typeof client>;
let org: string;
const tokens: Record<string, string> = {};
const FULL = { design: 36, technique: 25, finish: 27 };

beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  org = await organizerToken(t.base);
  expect((await api('POST', '/api/contests', hairContest('SHEETS', 3), org)).status).toBe(201);
  // J7 enters only the theory exam points; J1–J5 mark the judged criteria
  const partial = hairContest('PARTIAL', 2);
  partial.events![0].criteria = [...partial.events![0].criteria, { key: 'theory', name: '理论', kind: 'measured', max: 100, step: 0.5, weight: 0.3 }];
  partial.events![0].panel = [...partial.events![0].panel!, { judge: 'J7', criteria: ['theory'] }];
  expect((await api('POST', '/api/contests', partial, org)).status).toBe(201);
  for (let i = 1; i <= 7; i++) tokens[`J${i}`] = await judgeToken(t.base, 'SHEETS', String(100000 + i));
});
afterAll(() => t.close());

describe('GET /api/contests/:code/events/:event/sheets', () => {
  it('lists the stations this judge marks, all open with scores null before anything is submitted', async () => {
    const r = await api('GET', sheetsPath('SHEETS', 'hair'), undefined, tokens.J5);
    expect(r.status).toBe(200);
    expect(r.body.map((s: { station: string }) => s.station)).toEqual(['07', '08', '09']);
    for (const s of r.body) expect(s).toMatchObject({ status: 'open', scores: null });
  });

  it('is blind: no name, bib or organization anywhere in it', async () => {
    await putSheet(api, tokens.J4, 'SHEETS', 'hair', '09', FULL);
    const r = await api('GET', sheetsPath('SHEETS', 'hair'), undefined, tokens.J4);
    expect(r.status).toBe(200);
    const text = JSON.stringify(r.body);
    const file = hairContest('SHEETS', 3);
    for (const c of file.contestants!) {
      expect(text).not.toContain(String(c.bib));
      expect(text).not.toContain(c.name);
      expect(text).not.toContain(c.organization);
    }
    expect(text).not.toMatch(/"(name|bib|organization)"/);
  });

  it('shows a submitted sheet as submitted with its scores', async () => {
    await putSheet(api, tokens.J3, 'SHEETS', 'hair', '08', { design: 38.5, technique: 26, finish: 27 });
    const r = await api('GET', sheetsPath('SHEETS', 'hair'), undefined, tokens.J3);
    const byStation = Object.fromEntries(r.body.map((s: { station: string }) => [s.station, s]));
    expect(byStation['08']).toMatchObject({ station: '08', status: 'submitted', scores: { design: 38.5, technique: 26, finish: 27 } });
    expect(byStation['07']).toMatchObject({ status: 'open', scores: null });
  });

  it('403 for a judge not on the panel, 404 for an unknown contest or event, 401 without a valid token', async () => {
    const j7 = await api('GET', sheetsPath('SHEETS', 'hair'), undefined, tokens.J7);
    expect(j7.status).toBe(403);
    expect(j7.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    expect((await api('GET', sheetsPath('NOPE', 'hair'), undefined, tokens.J1)).status).toBe(404);
    expect((await api('GET', sheetsPath('SHEETS', 'nails'), undefined, tokens.J1)).status).toBe(404);
    expect((await api('GET', sheetsPath('SHEETS', 'hair'))).status).toBe(401);
    expect((await api('GET', sheetsPath('SHEETS', 'hair'), undefined, 'garbage')).status).toBe(401);
  });
});

describe('PUT /api/contests/:code/events/:event/sheets/:station', () => {
  it('200 with the stored sheet { station, judge, status, scores, version }', async () => {
    const r = await putSheet(api, tokens.J1, 'SHEETS', 'hair', '07', FULL);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ station: '07', judge: 'J1', status: 'submitted', scores: FULL, version: 1 });
    expect(Object.keys(r.body.scores).sort()).toEqual(['design', 'finish', 'technique']);
  });

  it('the same requestId again answers 200 with the same sheet and writes nothing', async () => {
    const requestId = randomUUID();
    const first = await putSheet(api, tokens.J2, 'SHEETS', 'hair', '07', FULL, requestId);
    expect(first.status).toBe(200);
    await t.settle();
    const seqBefore = (await api('GET', '/api/contests/SHEETS/events/hair/standings')).body.seq;
    for (let i = 0; i < 3; i++) {
      const again = await putSheet(api, tokens.J2, 'SHEETS', 'hair', '07', FULL, requestId);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
    }
    // a retry whose body changed in between still gets the stored sheet, not a new version
    const changed = await putSheet(api, tokens.J2, 'SHEETS', 'hair', '07', { design: 1, technique: 1, finish: 1 }, requestId);
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual(first.body);
    expect(await sheetOf(api, tokens.J2, 'SHEETS', 'hair', '07')).toMatchObject({ status: 'submitted', scores: FULL, version: 1 });
    expect(await writesOf(t, 'SHEETS', 'hair', '07', 'J2')).toEqual({ versions: [1], auditedSubmissions: 1 });
    await t.settle();
    expect((await api('GET', '/api/contests/SHEETS/events/hair/standings')).body.seq).toBe(seqBefore);
  });

  it('409 for a submitted sheet sent again with another requestId; the stored sheet stays', async () => {
    await putSheet(api, tokens.J5, 'SHEETS', 'hair', '08', FULL);
    const r = await putSheet(api, tokens.J5, 'SHEETS', 'hair', '08', { design: 40, technique: 30, finish: 30 });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ statusCode: 409, error: 'Conflict', message: expect.stringMatching(/chief/) });
    expect(await sheetOf(api, tokens.J5, 'SHEETS', 'hair', '08')).toMatchObject({ status: 'submitted', scores: FULL, version: 1 });
    expect((await writesOf(t, 'SHEETS', 'hair', '08', 'J5')).versions).toEqual([1]);
  });

  it('409 for a requestId already used for another station, which stays unmarked', async () => {
    const requestId = randomUUID();
    expect((await putSheet(api, tokens.J3, 'SHEETS', 'hair', '07', FULL, requestId)).status).toBe(200);
    const r = await putSheet(api, tokens.J3, 'SHEETS', 'hair', '09', FULL, requestId);
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('requestId');
    expect(await sheetOf(api, tokens.J3, 'SHEETS', 'hair', '09')).toMatchObject({ status: 'open', scores: null });
  });

  const invalid: [string, Record<string, unknown>, string, RegExp][] = [
    ['a score above max', { design: 40.5, technique: 25, finish: 27 }, 'scores.design', /between 0 and 40/],
    ['a negative score', { design: 36, technique: -0.5, finish: 27 }, 'scores.technique', /between 0 and 30/],
    ['a score not a multiple of step', { design: 37.3, technique: 25, finish: 27 }, 'scores.design', /multiple of 0\.5|two decimals/],
    ['a score with more than two decimals', { design: 36.125, technique: 25, finish: 27 }, 'scores.design', /decimals|multiple/],
    ['a string for a score', { design: '36', technique: 25, finish: 27 }, 'scores.design', /number/],
    ['null for a score', { design: 36, technique: null, finish: 27 }, 'scores.technique', /number/],
    ['an unknown criterion', { ...FULL, colour: 5 }, 'scores.colour', /unknown criterion/],
    ['a missing criterion', { design: 36, technique: 25 }, 'scores.finish', /missing/],
  ];
  for (const [what, scores, field, why] of invalid) {
    it(`400 naming the field for ${what}; nothing is stored`, async () => {
      const r = await putSheet(api, tokens.J1, 'SHEETS', 'hair', '09', scores);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(r.body.message).toContain(field);
      expect(r.body.message).toMatch(why);
      expect(await sheetOf(api, tokens.J1, 'SHEETS', 'hair', '09')).toMatchObject({ status: 'open', scores: null });
    });
  }

  it('400 lists every wrong score of one sheet at once', async () => {
    const r = await putSheet(api, tokens.J1, 'SHEETS', 'hair', '09', { design: 41, technique: 'x', colour: 1 });
    expect(r.status).toBe(400);
    for (const field of ['scores.design', 'scores.technique', 'scores.colour', 'scores.finish']) expect(r.body.message).toContain(field);
  });

  it('400 for a criterion this judge is not assigned, and for a missing assigned one', async () => {
    const j7 = await judgeToken(t.base, 'PARTIAL', '100007');
    const j1 = await judgeToken(t.base, 'PARTIAL', '100001');
    const notMine = await putSheet(api, j7, 'PARTIAL', 'hair', '07', { theory: 80, design: 30 });
    expect(notMine.status).toBe(400);
    expect(notMine.body.message).toContain('scores.design');
    expect(notMine.body.message).toMatch(/not assigned/);
    const notMineEither = await putSheet(api, j1, 'PARTIAL', 'hair', '07', { ...FULL, theory: 80 });
    expect(notMineEither.status).toBe(400);
    expect(notMineEither.body.message).toContain('scores.theory');
    const missing = await putSheet(api, j7, 'PARTIAL', 'hair', '07', {});
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('scores.theory');
    const ok = await putSheet(api, j7, 'PARTIAL', 'hair', '07', { theory: 80 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ station: '07', judge: 'J7', status: 'submitted', scores: { theory: 80 }, version: 1 });
    const list = await api('GET', sheetsPath('PARTIAL', 'hair'), undefined, j7);
    expect(list.body.map((s: { station: string }) => s.station)).toEqual(['07', '08']);
  });

  it('400 naming the field for a missing or short requestId and for scores that are not an object', async () => {
    const path = `${sheetsPath('SHEETS', 'hair')}/09`;
    const noId = await api('PUT', path, { scores: FULL }, tokens.J1);
    expect(noId.status).toBe(400);
    expect(noId.body.message).toContain('requestId');
    const shortId = await api('PUT', path, { requestId: 'x', scores: FULL }, tokens.J1);
    expect(shortId.status).toBe(400);
    expect(shortId.body.message).toContain('requestId');
    const noScores = await api('PUT', path, { requestId: randomUUID(), scores: [36, 25, 27] }, tokens.J1);
    expect(noScores.status).toBe(400);
    expect(noScores.body.message).toContain('scores');
  });

  it('403 for a judge not on the panel, and for a judge of another contest', async () => {
    const r = await putSheet(api, tokens.J7, 'SHEETS', 'hair', '07', FULL);
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ statusCode: 403, error: 'Forbidden', message: expect.stringContaining('panel') });
    const other = await judgeToken(t.base, 'PARTIAL', '100001');
    expect((await putSheet(api, other, 'SHEETS', 'hair', '07', FULL)).status).toBe(403);
  });

  it('403 for an organizer token on a judge endpoint', async () => {
    expect((await putSheet(api, org, 'SHEETS', 'hair', '07', FULL)).status).toBe(403);
    expect((await api('GET', sheetsPath('SHEETS', 'hair'), undefined, org)).status).toBe(403);
  });

  it('404 naming what is unknown: contest, event or station', async () => {
    const contest = await putSheet(api, tokens.J1, 'NOPE', 'hair', '07', FULL);
    expect(contest.status).toBe(404);
    expect(contest.body).toMatchObject({ statusCode: 404, error: 'Not Found', message: expect.stringContaining('NOPE') });
    const event = await putSheet(api, tokens.J1, 'SHEETS', 'nails', '07', FULL);
    expect(event.status).toBe(404);
    expect(event.body.message).toContain('nails');
    const station = await putSheet(api, tokens.J1, 'SHEETS', 'hair', '99', FULL);
    expect(station.status).toBe(404);
    expect(station.body.message).toContain('99');
  });

  it('401 for a missing or garbage token', async () => {
    const body = { requestId: randomUUID(), scores: FULL };
    expect((await api('PUT', `${sheetsPath('SHEETS', 'hair')}/07`, body)).status).toBe(401);
    expect((await api('PUT', `${sheetsPath('SHEETS', 'hair')}/07`, body, 'garbage')).status).toBe(401);
  });

  it('409 once the event is finalized', async () => {
    const file = hairContest('SHEETS-FINAL', 2);
    expect((await api('POST', '/api/contests', file, org)).status).toBe(201);
    const judges = await Promise.all([1, 2, 3, 4, 5].map((i) => judgeToken(t.base, 'SHEETS-FINAL', String(100000 + i))));
    for (const token of judges) expect((await putSheet(api, token, 'SHEETS-FINAL', 'hair', '07', FULL)).status).toBe(200);
    const chief = await judgeToken(t.base, 'SHEETS-FINAL', '100006');
    expect((await api('POST', '/api/contests/SHEETS-FINAL/events/hair/entries/08/status', { status: 'absent' }, chief)).status).toBe(200);
    expect((await api('POST', '/api/contests/SHEETS-FINAL/events/hair/finalize', undefined, chief)).status).toBe(200);
    const r = await putSheet(api, judges[0], 'SHEETS-FINAL', 'hair', '08', FULL);
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ statusCode: 409, error: 'Conflict', message: expect.stringMatching(/finali[sz]ed/) });
  });
});
