import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRowChanges } from '../../src/contracts/compact-feed';
import type { StandingsRow } from '../../src/contracts/standings';
import { AppealClock } from '../../src/appeals/appeal-clock';
import { AppealsService } from '../../src/appeals/appeals.service';
import { AppealWindow, Contest } from '../../src/database/entities';
import { Transactor } from '../../src/database/transactor';
import { LiveClient } from '../support/live-client';
import { putSheet } from '../support/sheets';
import { client, hairBib, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/** Contract §5: publication of results, the appeal window, appeals and the chief judge's answers. */
let t: TestApp;
let api: ReturnType<typeof client>;
let org: string;
let offset = 0;
const tok: Record<string, string> = {};
const clients: LiveClient[] = [];
const CODE = 'APPEAL';
const base = `/api/contests/${CODE}/events/hair`;
const PANEL = ['J1', 'J2', 'J3', 'J4', 'J5'];

/** Moves the server's appeal clock forward and lets it look again at its windows' closing times. */
async function advance(minutes: number): Promise<void> {
  offset += minutes * 60_000;
  await t.app.get(AppealsService).rearm();
  await t.settle();
}

async function markAll(code: string, station: string, value: number): Promise<void> {
  for (const j of PANEL) {
    const r = await putSheet(api, tok[`${code}:${j}`], code, 'hair', station, { design: value, technique: 20, finish: 20 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
}

async function contest(code: string, stations = 3): Promise<void> {
  expect((await api('POST', '/api/contests', hairContest(code, stations), org)).status).toBe(201);
  for (let i = 1; i <= 7; i++) tok[`${code}:J${i}`] = await judgeToken(t.base, code, String(100000 + i));
  for (let s = 0; s < stations; s++) await markAll(code, String(7 + s).padStart(2, '0'), 30 + s);
}

const chief = (code = CODE) => tok[`${code}:J6`];
const panel = (code = CODE) => tok[`${code}:J1`];
const standings = async (code = CODE) => (await api('GET', `/api/contests/${code}/events/hair/standings`)).body;

async function watcher(code: string, compact: boolean): Promise<LiveClient> {
  const live = new LiveClient(t.base);
  clients.push(live);
  await live.connect();
  live.socket.emit('watch', { contest: code, compact });
  await live.snapshot();
  return live;
}

beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  org = await organizerToken(t.base);
  const clock = t.app.get(AppealClock);
  const real = clock.now.bind(clock);
  clock.now = () => real() + offset;
  await contest(CODE);
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await t.close();
});

describe('publishing the results', () => {
  it('409 before the event is finalized; appeals are refused before publication', async () => {
    const r = await api('POST', `${base}/publish`, { appealMinutes: 60 }, org);
    expect(r.status).toBe(409);
    expect(r.body.message).toMatch(/not finalized/);
    const a = await api('POST', `${base}/appeals`, { station: '07', reason: '计分有误', filedBy: '领队' }, org);
    expect(a.status).toBe(409);
    expect(a.body.message).toMatch(/not published/);
    expect((await standings()).appealsClose).toBeUndefined();
    expect((await standings()).official).toBeUndefined();
  });

  it('400 for a bad appealMinutes, naming the field and its limits', async () => {
    expect((await api('POST', `${base}/finalize`, undefined, chief())).status).toBe(200);
    for (const bad of [-1, 10081, 1.5, '60', null]) {
      const r = await api('POST', `${base}/publish`, { appealMinutes: bad }, org);
      expect(r.status, String(bad)).toBe(400);
      expect(r.body.message).toContain('appealMinutes');
    }
    const over = await api('POST', `${base}/publish`, { appealMinutes: 10081 }, org);
    expect(over.body.message).toContain('10080');
    expect((await api('POST', `${base}/publish`, {}, org)).status).toBe(400);
  });

  it('401 without a login, 403 for a judge (even the chief)', async () => {
    expect((await api('POST', `${base}/publish`, { appealMinutes: 60 })).status).toBe(401);
    expect((await api('POST', `${base}/publish`, { appealMinutes: 60 }, chief())).status).toBe(403);
    expect((await api('POST', `${base}/publish`, { appealMinutes: 60 }, panel())).status).toBe(403);
  });

  it('publishes: standings carry appealsClose and official false; both feed forms announce it and still merge', async () => {
    const full = await watcher(CODE, false);
    const compact = await watcher(CODE, true);
    const before = await standings();
    const from = { full: full.log.length, compact: compact.log.length };
    const r = await api('POST', `${base}/publish`, { appealMinutes: 60 }, org);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ event: 'hair', official: false, open: 0, final: true });
    const close = Date.parse(r.body.appealsClose);
    expect(close - Date.parse(r.body.publishedAt)).toBe(60 * 60_000);
    const s = await standings();
    expect(s.appealsClose).toBe(r.body.appealsClose);
    expect(s.official).toBe(false);
    const u = await full.update((x) => x.event === 'hair' && (x as any).appealsClose !== undefined, { from: from.full });
    expect(u).toMatchObject({ appealsClose: r.body.appealsClose, official: false, final: true, rows: [] });
    const c = await compact.update((x) => x.event === 'hair' && (x as any).appealsClose !== undefined, { from: from.compact });
    expect(c.seq).toBe(u.seq);
    // the compact merge rule still gives exactly the standings
    const merged = applyRowChanges(before.rows as StandingsRow[], c as any);
    expect(merged).toEqual(s.rows);
    // a new watcher's snapshot carries the fields too
    const late = new LiveClient(t.base);
    clients.push(late);
    await late.connect();
    late.watch(CODE);
    const snap = await late.snapshot();
    expect(snap.events[0]).toMatchObject({ appealsClose: r.body.appealsClose, official: false });
  });

  it('409 on publishing again while the window is open, naming the closing time', async () => {
    const r = await api('POST', `${base}/publish`, { appealMinutes: 30 }, org);
    expect(r.status).toBe(409);
    expect(r.body.message).toContain((await standings()).appealsClose);
  });
});

describe('recording appeals', () => {
  it('201 with id, status open and filedAt; audited', async () => {
    const r = await api('POST', `${base}/appeals`, { station: '07', reason: '造型设计评分偏低，请求复核', filedBy: '广安市总工会 领队' }, org);
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ id: '1', status: 'open', filedAt: expect.any(String) });
    expect(Number.isNaN(Date.parse(r.body.filedAt))).toBe(false);
    const audit = (await api('GET', `/api/contests/${CODE}/audit?event=hair`, undefined, org)).body;
    expect(audit[0]).toMatchObject({ action: 'appeal.file', station: '07', actor: 'organizer', reason: '造型设计评分偏低，请求复核', after: { id: '1', status: 'open', filedBy: '广安市总工会 领队' } });
  });

  it('400 naming the field and limit for missing or overlong fields; nothing stored', async () => {
    const cases: [unknown, string][] = [
      [{ station: '07', reason: '', filedBy: '领队' }, 'reason'],
      [{ station: '07', reason: 'x'.repeat(1001), filedBy: '领队' }, '1000'],
      [{ station: '07', reason: '理由', filedBy: 'y'.repeat(101) }, '100'],
      [{ station: '07', reason: '理由' }, 'filedBy'],
      [{ reason: '理由', filedBy: '领队' }, 'station'],
      [{ station: '07', reason: '理由', filedBy: '领队', extra: 1 }, 'extra'],
    ];
    for (const [body, word] of cases) {
      const r = await api('POST', `${base}/appeals`, body, org);
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(r.body.message).toContain(word);
    }
    expect((await api('GET', `${base}/appeals`, undefined, org)).body).toHaveLength(1);
  });

  it('404 for an unknown station; 403 for judges; 401 without login', async () => {
    const r = await api('POST', `${base}/appeals`, { station: '99', reason: '理由', filedBy: '领队' }, org);
    expect(r.status).toBe(404);
    expect(r.body.message).toContain('99');
    expect((await api('POST', `${base}/appeals`, { station: '07', reason: '理由', filedBy: '领队' }, chief())).status).toBe(403);
    expect((await api('POST', `${base}/appeals`, { station: '07', reason: '理由', filedBy: '领队' })).status).toBe(401);
  });

  it('lists appeals for the organizer and the chief, with bib and name; 403 for a panel judge', async () => {
    expect((await api('POST', `${base}/appeals`, { station: '08', reason: '技术难度漏评', filedBy: '北碚区总工会 领队' }, org)).status).toBe(201);
    for (const who of [org, chief()]) {
      const r = await api('GET', `${base}/appeals`, undefined, who);
      expect(r.status).toBe(200);
      expect(r.body.map((a: any) => a.id)).toEqual(['1', '2']);
      expect(r.body[0]).toMatchObject({ id: '1', station: '07', bib: hairBib('07'), name: '王小雨', reason: '造型设计评分偏低，请求复核', filedBy: '广安市总工会 领队', status: 'open', outcome: null, answer: null, decidedAt: null, decidedBy: null, acts: [] });
    }
    expect((await api('GET', `${base}/appeals`, undefined, panel())).status).toBe(403);
    expect((await api('GET', `${base}/appeals`)).status).toBe(401);
  });

  it('a notice cannot be printed before the answer', async () => {
    expect((await api('GET', `${base}/appeals/1/notice.pdf`, undefined, org)).status).toBe(409);
  });
});

describe('answering appeals', () => {
  it('403 for a panel judge and for the organizer; 400 without an answer or with a bad outcome; 404 for an unknown appeal', async () => {
    expect((await api('POST', `${base}/appeals/2/decision`, { outcome: 'rejected', answer: '经复核评分无误' }, panel())).status).toBe(403);
    expect((await api('POST', `${base}/appeals/2/decision`, { outcome: 'rejected', answer: '经复核评分无误' }, org)).status).toBe(403);
    const none = await api('POST', `${base}/appeals/2/decision`, { outcome: 'rejected' }, chief());
    expect(none.status).toBe(400);
    expect(none.body.message).toContain('answer');
    const blank = await api('POST', `${base}/appeals/2/decision`, { outcome: 'rejected', answer: '  ' }, chief());
    expect(blank.status).toBe(400);
    const bad = await api('POST', `${base}/appeals/2/decision`, { outcome: 'maybe', answer: '…' }, chief());
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('outcome');
    expect((await api('POST', `${base}/appeals/9/decision`, { outcome: 'rejected', answer: '…' }, chief())).status).toBe(404);
  });

  it('the chief rejects one: 200, answered once, a second answer 409; audited', async () => {
    const r = await api('POST', `${base}/appeals/2/decision`, { outcome: 'rejected', answer: '经复核，技术难度评分无误，维持原成绩。' }, chief());
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: '2', status: 'decided', outcome: 'rejected', answer: '经复核，技术难度评分无误，维持原成绩。', decidedBy: 'judge:J6' });
    const again = await api('POST', `${base}/appeals/2/decision`, { outcome: 'upheld', answer: '改判' }, chief());
    expect(again.status).toBe(409);
    const audit = (await api('GET', `/api/contests/${CODE}/audit?event=hair`, undefined, org)).body;
    expect(audit[0]).toMatchObject({ action: 'appeal.decide', actor: 'judge:J6', station: '08', after: { id: '2', outcome: 'rejected' } });
    const pdf = await api('GET', `${base}/appeals/2/notice.pdf`, undefined, chief());
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    expect((await api('GET', `${base}/appeals/2/notice.pdf`, undefined, panel())).status).toBe(403);
  });

  it('upholding is refused while the event is final; the correction runs through the organizer reopen, acts naming the appeal and a new sign-off', async () => {
    const up = await api('POST', `${base}/appeals/1/decision`, { outcome: 'upheld', answer: '复核成立' }, chief());
    expect(up.status).toBe(409);
    expect(up.body.message).toMatch(/reopen/);
    // while final the chief's acts are locked, appeal or not
    expect((await api('POST', `${base}/sheets/07/J1/reopen`, { reason: '复核申请 1', appeal: '1' }, chief())).status).toBe(409);
    expect((await api('POST', `/api/contests/${CODE}/events/hair/reopen`, { reason: '复核申请 1 成立，更正成绩' }, org)).status).toBe(200);
    // an act for an appeal of another station, a rejected appeal or an unknown one is refused
    const wrong = await api('POST', `${base}/deductions`, { station: '08', points: 1, reason: '复核', appeal: '1' }, chief());
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain('appeal');
    expect((await api('POST', `${base}/deductions`, { station: '08', points: 1, reason: '复核', appeal: '2' }, chief())).status).toBe(409);
    expect((await api('POST', `${base}/deductions`, { station: '07', points: 1, reason: '复核', appeal: '7' }, chief())).status).toBe(404);
    const reopen = await api('POST', `${base}/sheets/07/J1/reopen`, { reason: '复核申请 1：造型设计重评', appeal: '1' }, chief());
    expect(reopen.status).toBe(200);
    const ded = await api('POST', `${base}/deductions`, { station: '07', points: 0.5, reason: '复核发现超时', appeal: '1' }, chief());
    expect(ded.status).toBe(201);
    const audit = (await api('GET', `/api/contests/${CODE}/audit?event=hair`, undefined, org)).body;
    expect(audit[0]).toMatchObject({ action: 'deduction.add', after: { appeal: '1', points: 0.5 } });
    expect(audit[1]).toMatchObject({ action: 'sheet.reopen', judge: 'J1', after: { appeal: '1' } });
    expect((await putSheet(api, tok[`${CODE}:J1`], CODE, 'hair', '07', { design: 35, technique: 20, finish: 20 })).status).toBe(200);
    const ok = await api('POST', `${base}/appeals/1/decision`, { outcome: 'upheld', answer: '复核成立：造型设计已重评，另扣超时 0.5 分。' }, chief());
    expect(ok.status).toBe(200);
    expect(ok.body.acts).toEqual([expect.objectContaining({ action: 'sheet.reopen', judge: 'J1' }), expect.objectContaining({ action: 'deduction.add', points: 0.5 })]);
    expect((await api('POST', `${base}/finalize`, undefined, chief())).status).toBe(200);
    // window still open: not official yet
    expect((await standings()).official).toBe(false);
  });

  it('409 after the window, with the closing time; official once closed with every appeal answered, announced on the feed', async () => {
    const live = await watcher(CODE, true);
    const from = live.log.length;
    const close = (await standings()).appealsClose;
    await advance(61);
    const late = await api('POST', `${base}/appeals`, { station: '09', reason: '理由', filedBy: '领队' }, org);
    expect(late.status).toBe(409);
    expect(late.body.message).toContain(close);
    const s = await standings();
    expect(s).toMatchObject({ appealsClose: close, official: true, final: true });
    const u = await live.update((x) => x.event === 'hair' && (x as any).official === true, { from });
    expect(u).toMatchObject({ appealsClose: close, official: true });
    const pub = await api('GET', `${base}/publication`, undefined, org);
    expect(pub.body).toMatchObject({ official: true, open: 0 });
  });

  it('reopening an official event takes official away until it is signed off again', async () => {
    expect((await api('POST', `/api/contests/${CODE}/events/hair/reopen`, { reason: '再次核对' }, org)).status).toBe(200);
    await t.settle();
    expect((await standings()).official).toBe(false);
    expect((await api('POST', `${base}/finalize`, undefined, chief())).status).toBe(200);
    expect((await standings()).official).toBe(true);
  });

  it('an appeal left open past the close keeps the results provisional until it is answered', async () => {
    await contest('APPEAL2', 2);
    const b = '/api/contests/APPEAL2/events/hair';
    expect((await api('POST', `${b}/finalize`, undefined, chief('APPEAL2'))).status).toBe(200);
    expect((await api('POST', `${b}/publish`, { appealMinutes: 10 }, org)).status).toBe(200);
    expect((await api('POST', `${b}/appeals`, { station: '08', reason: '请求复核总分', filedBy: '北碚区总工会 领队' }, org)).status).toBe(201);
    await advance(11);
    expect((await standings('APPEAL2')).official).toBe(false);
    const live = await watcher('APPEAL2', false);
    const from = live.log.length;
    expect((await api('POST', `${b}/appeals/1/decision`, { outcome: 'rejected', answer: '总分计算无误' }, chief('APPEAL2'))).status).toBe(200);
    expect((await standings('APPEAL2')).official).toBe(true);
    await live.update((x) => (x as any).official === true, { from });
    // a closed window may be opened again for re-published results
    const again = await api('POST', `${b}/publish`, { appealMinutes: 5 }, org);
    expect(again.status).toBe(200);
    expect(again.body.official).toBe(false);
  });

  it('appealMinutes 0 closes the window at once: official straight away with no appeal', async () => {
    await contest('APPEAL3', 1);
    const b = '/api/contests/APPEAL3/events/hair';
    expect((await api('POST', `${b}/finalize`, undefined, chief('APPEAL3'))).status).toBe(200);
    expect((await api('GET', `${b}/appeal-state`)).body).toEqual({});
    // a frozen board is unfrozen before the results are published
    expect((await api('POST', `${b}/freeze`, undefined, org)).status).toBe(200);
    const frozen = await api('POST', `${b}/publish`, { appealMinutes: 0 }, org);
    expect(frozen.status).toBe(409);
    expect(frozen.body.message).toMatch(/frozen/);
    expect((await api('POST', `${b}/unfreeze`, undefined, org)).status).toBe(200);
    const r = await api('POST', `${b}/publish`, { appealMinutes: 0 }, org);
    expect(r.status).toBe(200);
    expect(r.body.official).toBe(true);
    expect((await standings('APPEAL3')).official).toBe(true);
    expect((await api('GET', `${b}/appeal-state`)).body).toEqual({ appealsClose: r.body.appealsClose, official: true });
    expect((await api('POST', `${b}/appeals`, { station: '07', reason: '理由', filedBy: '领队' }, org)).status).toBe(409);
  });
});

describe('what the public never sees', () => {
  it('no appeal reason, filer or answer in standings, teams, snapshots or any feed message', async () => {
    const secrets = ['造型设计评分偏低', '广安市总工会 领队', '技术难度漏评', '北碚区总工会 领队', '复核成立：造型设计', '经复核，技术难度', '请求复核总分', '总分计算无误'];
    const texts: string[] = [];
    for (const code of [CODE, 'APPEAL2', 'APPEAL3']) {
      texts.push(JSON.stringify(await standings(code)));
      texts.push(JSON.stringify((await api('GET', `/api/contests/${code}/teams`)).body));
      texts.push(JSON.stringify((await api('GET', `/api/contests/${code}`)).body));
    }
    for (const c of clients) texts.push(JSON.stringify(c.log));
    const all = texts.join('\n');
    for (const s of secrets) expect(all, s).not.toContain(s);
    // and the public gets no appeals endpoint
    expect((await api('GET', `${base}/appeals`)).status).toBe(401);
    expect((await api('GET', `${base}/appeals/1`)).status).toBe(401);
  });
});

describe('exports', () => {
  it('the workbook holds a sheet 复核申请 with every appeal', async () => {
    const res = await fetch(`${t.base}/api/contests/${CODE}/export.xlsx`, { headers: { authorization: `Bearer ${org}` } });
    expect(res.status).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const ws = wb.getWorksheet('复核申请');
    expect(ws).toBeTruthy();
    const values = ws!.getSheetValues().filter(Boolean).map((r: any) => (r as unknown[]).filter((v) => v !== undefined && v !== null));
    expect(values[0]).toContain('复核事由');
    expect(values).toHaveLength(3);
    expect(values[1]).toEqual(expect.arrayContaining(['美发', '1', '07', '造型设计评分偏低，请求复核', '复核成立']));
  });

  it('every step went into the hash chain, and the chain holds', async () => {
    const v = await api('GET', `/api/contests/${CODE}/audit/verify`, undefined, org);
    expect(v.body).toMatchObject({ ok: true });
    const actions = (await api('GET', `/api/contests/${CODE}/audit?event=hair`, undefined, org)).body.map((r: any) => r.action);
    for (const a of ['event.publish', 'appeal.file', 'appeal.decide']) expect(actions).toContain(a);
  });
});

describe('a window that closes while no server runs', () => {
  it('is announced on the feed when the server starts again', async () => {
    let s = await startTestApp();
    const dir = s.dir;
    try {
      const a = client(s.base);
      const o = await organizerToken(s.base);
      expect((await a('POST', '/api/contests', hairContest('RESTART', 1), o)).status).toBe(201);
      for (const j of PANEL) {
        const tk = await judgeToken(s.base, 'RESTART', String(100000 + Number(j.slice(1))));
        expect((await putSheet(a, tk, 'RESTART', 'hair', '07', { design: 30, technique: 20, finish: 20 })).status).toBe(200);
      }
      const c = await judgeToken(s.base, 'RESTART', '100006');
      expect((await a('POST', '/api/contests/RESTART/events/hair/finalize', undefined, c)).status).toBe(200);
      expect((await a('POST', '/api/contests/RESTART/events/hair/publish', { appealMinutes: 30 }, o)).status).toBe(200);
      // the publication's own announcement follows the feed's publish: wait until the seq stands still
      let before = (await a('GET', '/api/contests/RESTART/events/hair/standings')).body;
      for (let i = 0; i < 20; i++) {
        await s.settle();
        await new Promise((r) => setTimeout(r, 250));
        const now = (await a('GET', '/api/contests/RESTART/events/hair/standings')).body;
        if (now.seq === before.seq && i > 0) break;
        before = now;
      }
      expect(before.official).toBe(false);
      // the window runs out while the server is down
      const past = new Date(Date.now() - 60_000).toISOString();
      await s.app.get(Transactor).run(async (em) => em.getRepository(AppealWindow).update({ contestId: (await em.getRepository(Contest).findOneByOrFail({ code: 'RESTART' })).id }, { closesAt: past }));
      await s.app.close();
      s = await startTestApp({}, { dir });
      await s.settle();
      const after = (await client(s.base)('GET', '/api/contests/RESTART/events/hair/standings')).body;
      expect(after).toMatchObject({ official: true, appealsClose: past });
      // one more feed message: the announcement made at start
      expect(after.seq).toBe(before.seq + 1);
    } finally {
      await s.close();
    }
  });
});
