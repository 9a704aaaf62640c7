import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL, JUDGE_NAMES, commentsContest, download, pdfText, putWithComments } from '../support/comments';
import { client, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/** Contract §3, feedback sheets: `GET …/feedback.pdf`, one page per contestant, organizer only, once final. */
let t: TestApp;
let api: ReturnType<typeof client>;
let org: string;
const tok: Record<string, string> = {};
const CODE = 'FBK2024';
const base = `/api/contests/${CODE}/events/hair`;
const path = `${base}/feedback.pdf`;
const REMARK = '发型轮廓清晰，收尾略粗糙';
const MARKS: Record<string, number> = { '07': 36, '08': 38.5, '09': 33, '10': 30 };
let files = 0;

/** The PDF's pages as pdftotext reads them (it ends each page with a form feed). */
async function pages(query = ''): Promise<string[]> {
  const r = await download(t.base, path + query, org);
  expect(r.status, r.text.slice(0, 300)).toBe(200);
  expect(r.type).toBe('application/pdf');
  const { text, pages: count } = pdfText(t.dir, `feedback-${files++}.pdf`, r.body);
  const split = text.split('\f').slice(0, count);
  expect(split).toHaveLength(count);
  return split;
}

beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  org = await organizerToken(t.base);
  // stations 07–11 hold A001–A005; organizations 广安, 北碚, 绵阳, 广安, 北碚
  expect((await api('POST', '/api/contests', commentsContest(CODE, 5), org)).status).toBe(201);
  for (let i = 1; i <= 7; i++) tok[`J${i}`] = await judgeToken(t.base, CODE, String(100000 + i));
  for (const [station, design] of Object.entries(MARKS)) {
    for (const j of ['J1', 'J2', 'J3', 'J4']) {
      const comments = station === '07' && j === 'J1' ? { design: REMARK } : undefined;
      const r = await putWithComments(api, tok[j], CODE, station, { ...FULL, design: design + (j === 'J2' ? 1 : 0) }, comments);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const r = await putWithComments(api, tok.J5, CODE, station, { finish: 26 }, station === '07' ? { finish: '色彩搭配协调' } : undefined);
    expect(r.status).toBe(200);
  }
  expect((await api('POST', `${base}/deductions`, { station: '07', points: 1.5, reason: '超时两分钟' }, tok.J6)).status).toBe(201);
  expect((await api('POST', `${base}/entries/11/status`, { status: 'absent' }, tok.J6)).status).toBe(200);
});
afterAll(() => t.close());

describe('who may print feedback sheets, and when', () => {
  it('401 without a token, 403 for judges (the chief too), 404 for an unknown contest or event', async () => {
    expect((await download(t.base, path)).status).toBe(401);
    expect((await download(t.base, path, 'garbage')).status).toBe(401);
    expect((await download(t.base, path, tok.J1)).status).toBe(403);
    expect((await download(t.base, path, tok.J6)).status).toBe(403);
    expect((await download(t.base, `/api/contests/NOPE/events/hair/feedback.pdf`, org)).status).toBe(404);
    expect((await download(t.base, `/api/contests/${CODE}/events/nails/feedback.pdf`, org)).status).toBe(404);
  });

  it('409 before the event is final, saying so', async () => {
    const r = await api('GET', path, undefined, org);
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ statusCode: 409, error: 'Conflict', message: expect.stringContaining('final') });
  });
});

describe('the sheets of a final event', () => {
  let standings: { bib: string; rank: number | null; award: string | null; total: number; name: string }[];

  beforeAll(async () => {
    expect((await api('POST', `${base}/finalize`, undefined, tok.J6)).status).toBe(200);
    standings = (await api('GET', `${base}/standings`)).body.rows;
  });

  it('one page per contestant, absent ones included', async () => {
    const all = await pages();
    expect(all).toHaveLength(5);
    for (const bib of ['A001', 'A002', 'A003', 'A004', 'A005']) expect(all.filter((p) => p.includes(bib)), bib).toHaveLength(1);
  });

  it('each page: contest, event, who, marks by numbered judges, results, deductions with reasons, total, rank, award, remarks', async () => {
    const all = await pages();
    const a001 = all.find((p) => p.includes('A001'))!;
    const row = standings.find((r) => r.bib === 'A001')!;
    expect(a001).toContain('2024年“碚广”双城美容美发行业劳动和技能竞赛暨川渝邀请赛');
    expect(a001).toContain('美发');
    expect(a001).toContain('成绩反馈单');
    expect(a001).toContain('王小雨');
    expect(a001).toContain('广安市总工会');
    for (const n of [1, 2, 3, 4, 5]) expect(a001).toContain(`裁判${n}`);
    expect(a001).toContain('造型设计');
    expect(a001).toContain('37.00'); // J2's design mark, 36 + 1
    expect(a001).toContain('超时两分钟');
    expect(a001).toContain('1.50');
    expect(a001).toContain(row.total.toFixed(2));
    expect(a001).toMatch(new RegExp(`名次：${row.rank}\\b`));
    expect(row.award).not.toBeNull();
    expect(a001).toContain(`奖项：${row.award}`);
    expect(a001).toContain(`造型设计 · 裁判1：${REMARK}`);
    expect(a001).toContain('整体效果 · 裁判5：色彩搭配协调');
    // remarks belong to their contestant's page only
    for (const p of all.filter((x) => x !== a001)) expect(p).not.toContain(REMARK);
    // an absent contestant's page says so
    expect(all.find((p) => p.includes('A005'))).toContain('缺考');
  });

  it('never names a judge or shows a judge key', async () => {
    const text = (await pages()).join('\n');
    for (const name of Object.values(JUDGE_NAMES)) expect(text).not.toContain(name);
    expect(text).not.toMatch(/\bJ[1-7]\b/);
  });

  it('?organization= gives that organization only, for its team leader', async () => {
    const guangan = await pages(`?organization=${encodeURIComponent('广安市总工会')}`);
    expect(guangan).toHaveLength(2);
    expect(guangan.some((p) => p.includes('A001'))).toBe(true);
    expect(guangan.some((p) => p.includes('A004'))).toBe(true);
    expect(guangan.join('\n')).not.toMatch(/A00[235]/);
    const r = await download(t.base, `${path}?organization=${encodeURIComponent('广安市总工会')}`, org);
    expect(r.type).toBe('application/pdf');
  });

  it('404 for an organization with no contestant here; 400 for an empty, repeated or unknown parameter', async () => {
    const unknown = await api('GET', `${path}?organization=${encodeURIComponent('重庆市总工会')}`, undefined, org);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('重庆市总工会');
    const empty = await api('GET', `${path}?organization=`, undefined, org);
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('organization');
    expect((await api('GET', `${path}?organization=a&organization=b`, undefined, org)).status).toBe(400);
    expect((await api('GET', `${path}?org=x`, undefined, org)).status).toBe(400);
    expect((await api('GET', `${path}?organization=${'x'.repeat(101)}`, undefined, org)).status).toBe(400);
  });

  it('judges keep their numbers on every sheet of the event', async () => {
    for (const p of await pages()) {
      if (p.includes('A005')) continue;
      const heads = p.split('\n').find((l) => l.includes('裁判1'))!;
      expect(heads.indexOf('裁判1')).toBeLessThan(heads.indexOf('裁判2'));
      expect(heads.indexOf('裁判4')).toBeLessThan(heads.indexOf('裁判5'));
    }
  });

  it('an English contest aggregated over totals: judges as Judge 1…n and the panel’s combined part', async () => {
    const base = commentsContest('FBKEN', 2);
    const file = { ...base, locale: 'en', events: base.events!.map((e) => ({ ...e, aggregate: { over: 'total' as const, method: 'mean' as const } })) };
    expect((await api('POST', '/api/contests', file, org)).status).toBe(201);
    const pins = Object.fromEntries(await Promise.all(['J1', 'J2', 'J3', 'J4', 'J5', 'J6'].map(async (j, i) => [j, await judgeToken(t.base, 'FBKEN', String(100001 + i))])));
    for (const station of ['07', '08']) {
      for (const j of ['J1', 'J2', 'J3', 'J4']) expect((await putWithComments(api, pins[j], 'FBKEN', station, FULL, j === 'J3' ? { technique: 'Clean sections' } : undefined)).status).toBe(200);
      expect((await putWithComments(api, pins.J5, 'FBKEN', station, { finish: 26 })).status).toBe(200);
    }
    expect((await api('POST', '/api/contests/FBKEN/events/hair/finalize', undefined, pins.J6)).status).toBe(200);
    const r = await download(t.base, '/api/contests/FBKEN/events/hair/feedback.pdf', org);
    expect(r.status).toBe(200);
    const { text, pages } = pdfText(t.dir, 'feedback-en.pdf', r.body);
    expect(pages).toBe(2);
    for (const n of [1, 2, 3, 4, 5]) expect(text).toContain(`Judge ${n}`);
    expect(text).toContain('Feedback sheet');
    expect(text).toContain('Panel');
    expect(text).toContain('技术难度 · Judge 3：Clean sections');
    for (const name of Object.values(JUDGE_NAMES)) expect(text).not.toContain(name);
  });

  it('409 again once the organizer reopens the event', async () => {
    expect((await api('POST', `/api/contests/${CODE}/events/hair/reopen`, { reason: '复核' }, org)).status).toBe(200);
    expect((await api('GET', path, undefined, org)).status).toBe(409);
  });
});
