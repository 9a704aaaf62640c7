import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlAll } from '../../src/database/sql';
import { FULL, commentsContest, putWithComments } from '../support/comments';
import { writesOf } from '../support/records';
import { sheetOf } from '../support/sheets';
import { client, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/** Contract §2, `comments`: judges' remarks per criterion, stored with each version of the sheet. */
let t: TestApp;
let api: ReturnType<typeof client>;
let org: string;
const tok: Record<string, string> = {};
const CODE = 'REMARK';
const base = `/api/contests/${CODE}/events/hair`;

beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  org = await organizerToken(t.base);
  expect((await api('POST', '/api/contests', commentsContest(CODE, 5), org)).status).toBe(201);
  for (let i = 1; i <= 7; i++) tok[`J${i}`] = await judgeToken(t.base, CODE, String(100000 + i));
});
afterAll(() => t.close());

async function versionsOf(station: string, judge: string): Promise<{ version: number; comments: string | null }[]> {
  return sqlAll(
    t.app.get(DataSource).manager,
    `SELECT v."version" AS "version", v."comments" AS "comments" FROM "sheet_versions" v
       JOIN "sheets" s ON s."id" = v."sheetId" JOIN "entries" e ON e."id" = s."entryId" JOIN "judges" j ON j."id" = v."judgeId"
       JOIN "events" ev ON ev."id" = e."eventId" JOIN "contests" c ON c."id" = ev."contestId"
      WHERE c."code" = ? AND e."station" = ? AND j."key" = ? ORDER BY v."version"`,
    [CODE, station, judge],
  );
}

describe('storing remarks with the sheet', () => {
  it('200 with the remarks in the stored sheet, trimmed; the judge reads them back in the list', async () => {
    const r = await putWithComments(api, tok.J1, CODE, '07', FULL, { design: '  发型轮廓清晰，收尾略粗糙 ', finish: 'Good <b>finish</b>' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ station: '07', judge: 'J1', status: 'submitted', version: 1, scores: FULL, comments: { design: '发型轮廓清晰，收尾略粗糙', finish: 'Good <b>finish</b>' } });
    expect(await sheetOf(api, tok.J1, CODE, 'hair', '07')).toMatchObject({ status: 'submitted', version: 1, comments: { design: '发型轮廓清晰，收尾略粗糙', finish: 'Good <b>finish</b>' } });
  });

  it('a sheet without remarks answers an empty object; empty remarks are no remarks', async () => {
    const none = await putWithComments(api, tok.J2, CODE, '07', FULL);
    expect(none.status).toBe(200);
    expect(none.body.comments).toEqual({});
    const blank = await putWithComments(api, tok.J3, CODE, '07', FULL, { design: '   ', technique: '' });
    expect(blank.status).toBe(200);
    expect(blank.body.comments).toEqual({});
    expect((await versionsOf('07', 'J3'))[0].comments).toBeNull();
  });

  it('exactly 500 characters are taken, counted as a person counts them (𠀀 is one)', async () => {
    const r = await putWithComments(api, tok.J1, CODE, '08', FULL, { design: '好'.repeat(500), technique: '𠀀'.repeat(500) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.comments.design).toHaveLength(500);
  });
});

describe('refusals: 400 naming the field and the limit, nothing stored', () => {
  const cases: [string, unknown, string[]][] = [
    ['501 characters', { design: '好'.repeat(501) }, ['comments.design', '500']],
    ['an unknown criterion', { colour: '不错' }, ['comments.colour', 'unknown criterion']],
    ['not text', { design: 42 }, ['comments.design', 'text']],
    ['an array for comments', ['不错'], ['comments']],
    ['a line break', { design: '第一行\n第二行' }, ['comments.design', 'control']],
    ['a control character', { design: 'a\u0007b' }, ['comments.design', 'control']],
    ['a direction override', { design: 'abc\u202edef' }, ['comments.design']],
  ];
  for (const [what, comments, words] of cases) {
    it(`for ${what}`, async () => {
      const r = await putWithComments(api, tok.J4, CODE, '09', FULL, comments);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      for (const w of words) expect(r.body.message).toContain(w);
      expect(await sheetOf(api, tok.J4, CODE, 'hair', '09')).toMatchObject({ status: 'open', scores: null });
    });
  }

  it('for a criterion the judge does not mark (J5 marks finish only)', async () => {
    const r = await putWithComments(api, tok.J5, CODE, '09', { finish: 27 }, { design: '造型不错' });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('comments.design');
    expect(r.body.message).toContain('does not mark');
    expect(await sheetOf(api, tok.J5, CODE, 'hair', '09')).toMatchObject({ status: 'open', scores: null });
    const own = await putWithComments(api, tok.J5, CODE, '09', { finish: 27 }, { finish: '收尾干净' });
    expect(own.status).toBe(200);
    expect(own.body.comments).toEqual({ finish: '收尾干净' });
  });

  it('every problem of marks and remarks in one answer', async () => {
    const r = await putWithComments(api, tok.J4, CODE, '09', { ...FULL, design: 41 }, { technique: 'x'.repeat(600) });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('scores.design');
    expect(r.body.message).toContain('comments.technique');
  });
});

describe('versions and retries', () => {
  it('reopen and resubmit: each version keeps its own remarks; the reopened sheet shows the last ones to start from', async () => {
    const firstId = randomUUID();
    const first = await putWithComments(api, tok.J1, CODE, '10', FULL, { design: '第一版评语' }, firstId);
    expect(first.status).toBe(200);
    expect((await api('POST', `${base}/sheets/10/J1/reopen`, { reason: '复核' }, tok.J6)).status).toBe(200);
    expect(await sheetOf(api, tok.J1, CODE, 'hair', '10')).toMatchObject({ status: 'open', version: 1, comments: { design: '第一版评语' } });

    const second = await putWithComments(api, tok.J1, CODE, '10', { ...FULL, design: 37 }, { technique: '第二版评语' });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ version: 2, comments: { technique: '第二版评语' } });
    expect(await sheetOf(api, tok.J1, CODE, 'hair', '10')).toMatchObject({ version: 2, comments: { technique: '第二版评语' } });
    const versions = await versionsOf('10', 'J1');
    expect(versions.map((v) => [v.version, JSON.parse(v.comments!)])).toEqual([
      [1, { design: '第一版评语' }],
      [2, { technique: '第二版评语' }],
    ]);

    // a late retry of version 1 answers with version 1 and its remarks, and writes nothing
    const late = await putWithComments(api, tok.J1, CODE, '10', FULL, { design: '别的内容' }, firstId);
    expect(late.status).toBe(200);
    expect(late.body).toEqual(first.body);
    expect(await writesOf(t, CODE, 'hair', '10', 'J1')).toEqual({ versions: [1, 2], auditedSubmissions: 2 });
  });

  it('the same requestId again: the same stored sheet with its remarks, no second write', async () => {
    const id = randomUUID();
    const a = await putWithComments(api, tok.J2, CODE, '08', FULL, { finish: '色彩搭配协调' }, id);
    const b = await putWithComments(api, tok.J2, CODE, '08', FULL, { finish: '色彩搭配协调' }, id);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.body).toEqual(a.body);
    expect(b.body.comments).toEqual({ finish: '色彩搭配协调' });
    expect(await writesOf(t, CODE, 'hair', '08', 'J2')).toEqual({ versions: [1], auditedSubmissions: 1 });
  });

  it('the audit record of a submission carries its remarks, and the chain still verifies', async () => {
    const trail = await api('GET', `/api/contests/${CODE}/audit?station=10&judge=J1`, undefined, org);
    expect(trail.status).toBe(200);
    const submits = trail.body.filter((r: { action: string }) => r.action === 'sheet.submit');
    expect(submits.map((r: { after: { version: number; comments?: unknown } }) => [r.after.version, r.after.comments])).toEqual([
      [2, { technique: '第二版评语' }],
      [1, { design: '第一版评语' }],
    ]);
    const plain = await api('GET', `/api/contests/${CODE}/audit?station=07&judge=J2`, undefined, org);
    expect(plain.body.find((r: { action: string }) => r.action === 'sheet.submit').after).not.toHaveProperty('comments');
    const verify = await api('GET', `/api/contests/${CODE}/audit/verify`, undefined, org);
    expect(verify.body).toMatchObject({ ok: true });
  });
});

describe('who reads remarks', () => {
  it("the event's chief judge sees them on the desk, per judge and station", async () => {
    const p = await api('GET', `${base}/progress`, undefined, tok.J6);
    expect(p.status).toBe(200);
    const st = (s: string) => p.body.stations.find((x: { station: string }) => x.station === s);
    expect(st('07').sheets.J1.comments).toEqual({ design: '发型轮廓清晰，收尾略粗糙', finish: 'Good <b>finish</b>' });
    expect(st('07').sheets.J2).not.toHaveProperty('comments');
    expect(st('09').sheets.J5.comments).toEqual({ finish: '收尾干净' });
  });

  it('the organizer sees them too', async () => {
    const p = await api('GET', `${base}/progress`, undefined, org);
    expect(p.status).toBe(200);
    expect(p.body.stations.find((x: { station: string }) => x.station === '10').sheets.J1.comments).toEqual({ technique: '第二版评语' });
  });

  it('a panel judge reads only their own remarks', async () => {
    expect((await api('GET', `${base}/progress`, undefined, tok.J2)).status).toBe(403);
    const mine = (await api('GET', `${base}/sheets`, undefined, tok.J2)).body.find((s: { station: string }) => s.station === '07');
    expect(mine.comments).toEqual({});
    expect(JSON.stringify((await api('GET', `${base}/sheets`, undefined, tok.J2)).body)).not.toContain('发型轮廓清晰');
  });
});
