import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

describe('exports read back', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let org: string;
  beforeAll(async () => {
    t = await startTestApp();
    api = client(t.base);
    org = await organizerToken(t.base);
    expect((await api('POST', '/api/contests', hairContest('BG2024', 3), org)).status).toBe(201);
    const design = [36, 38.5, 35, 39, 37];
    const technique = [25, 26, 26, 24.5, 28];
    for (let i = 0; i < 5; i++) {
      const token = await judgeToken(t.base, 'BG2024', String(100001 + i));
      for (const [s, bonus] of [['07', 0], ['08', -2], ['09', -4]] as const) {
        const r = await api('PUT', `/api/contests/BG2024/events/hair/sheets/${s}`, { requestId: crypto.randomUUID(), scores: { design: design[i] + bonus, technique: technique[i], finish: 27 } }, token);
        expect(r.status).toBe(200);
      }
    }
    const chief = await judgeToken(t.base, 'BG2024', '100006');
    await api('POST', '/api/contests/BG2024/events/hair/deductions', { station: '07', points: 1.5, reason: '超时' }, chief);
  });
  afterAll(() => t.close());

  it('answers 401 without a token and 403 for a judge', async () => {
    expect((await api('GET', '/api/contests/BG2024/events/hair/results.csv')).status).toBe(401);
    const judge = await judgeToken(t.base, 'BG2024', '100001');
    expect((await api('GET', '/api/contests/BG2024/export.xlsx', undefined, judge)).status).toBe(403);
  });

  it('writes results.csv in UTF-8 with a BOM, ranked, with parts and totals', async () => {
    const res = await fetch(`${t.base}/api/contests/BG2024/events/hair/results.csv`, { headers: { authorization: `Bearer ${org}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split('\r\n').map((l) => l.split(','));
    expect(lines[0]).toEqual(['名次', '参赛号', '姓名', '单位', '工位号', '造型设计', '技术难度', '整体效果', '扣分', '总分', '奖项', '状态']);
    expect(lines[1]).toEqual(['1', 'A001', '王小雨', '广安市总工会', '07', '37.17', '25.67', '27', '1.5', '88.34', '二等奖', '参赛']);
    expect(lines).toHaveLength(4);
  });

  it('builds a workbook with standings, the mark matrix with dropped marks, awards, teams and the audit trail', async () => {
    const res = await fetch(`${t.base}/api/contests/BG2024/export.xlsx`, { headers: { authorization: `Bearer ${org}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['美发成绩', '美发评分明细', '获奖名单', '团体成绩', '操作记录']);
    const standings = wb.getWorksheet('美发成绩')!;
    expect(standings.getRow(3).values).toEqual([undefined, 1, 'A001', '王小雨', '广安市总工会', '07', 37.17, 25.67, 27, 1.5, 88.34, '二等奖', '参赛']);
    const matrix = wb.getWorksheet('美发评分明细')!;
    // row 4 is station 07: design marks of J1..J5 are 36, 38.5, 35, 39, 37 — 35 and 39 dropped
    const designCells = [3, 4, 5, 6, 7].map((c) => matrix.getRow(4).getCell(c));
    expect(designCells.map((c) => c.value)).toEqual([36, 38.5, 35, 39, 37]);
    expect(designCells.map((c) => Boolean(c.font?.strike))).toEqual([false, false, true, true, false]);
    const awards = wb.getWorksheet('获奖名单')!;
    expect(awards.getRow(2).values).toEqual([undefined, '美发', '二等奖', 1, 'A001', '王小雨', '广安市总工会', 88.34]);
    const audit = wb.getWorksheet('操作记录')!;
    expect(audit.getRow(1).values).toEqual([undefined, '时间', '操作人', '操作', '赛项', '工位号', '裁判', '修改前', '修改后', '原因']);
    // the organizer reads acts, people and events in words, not the machine's codes
    const actions = audit.getColumn(3).values.filter((v) => typeof v === 'string');
    expect(actions).toEqual(expect.arrayContaining(['提交评分', '扣分', '创建竞赛']));
    expect(actions.filter((a) => /^[a-z]+\.[a-z]+$/.test(String(a)))).toEqual([]);
    const actors = audit.getColumn(2).values.filter((v) => typeof v === 'string');
    expect(actors).toEqual(expect.arrayContaining(['组委会', '裁判 J1', '裁判 J6']));
    expect(audit.getColumn(4).values).toContain('美发');
    expect(audit.getColumn(4).values).not.toContain('hair');
    // the team sheet is headed by the event's name
    const teams = wb.getWorksheet('团体成绩')!;
    expect(teams.getRow(1).values).toEqual([undefined, '名次', '单位', '总分', '美发', '计分队员']);
  });

  it('writes the workbook in English for an English contest: event names and audit acts in English words', async () => {
    const file = { ...hairContest('EN2024', 3), locale: 'en' };
    file.events = file.events!.map((e) => ({ ...e, name: 'Hairdressing' }));
    expect((await api('POST', '/api/contests', file, org)).status).toBe(201);
    const token = await judgeToken(t.base, 'EN2024', '100001');
    const put = await api('PUT', '/api/contests/EN2024/events/hair/sheets/07', { requestId: crypto.randomUUID(), scores: { design: 36, technique: 25, finish: 27 } }, token);
    expect(put.status).toBe(200);
    const res = await fetch(`${t.base}/api/contests/EN2024/export.xlsx`, { headers: { authorization: `Bearer ${org}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Teams')!.getRow(1).values).toEqual([undefined, 'Rank', 'Organization', 'Total', 'Hairdressing', 'Counted members']);
    const audit = wb.getWorksheet('Audit trail')!;
    const actions = audit.getColumn(3).values.filter((v) => typeof v === 'string');
    expect(actions).toEqual(expect.arrayContaining(['contest created', 'sheet submitted']));
    expect(audit.getColumn(2).values).toEqual(expect.arrayContaining(['organizer', 'judge J1']));
  });

  it('prints a results notice PDF in a CJK font that pdftotext reads back', async () => {
    const res = await fetch(`${t.base}/api/contests/BG2024/events/hair/results.pdf`, { headers: { authorization: `Bearer ${org}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const file = join(t.dir, 'notice.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('成绩公示');
    expect(text).toContain('王小雨');
    expect(text).toContain('88.34');
    expect(text).toContain('二等奖');
    expect(text).toContain('裁判长签字');
  });

  it('serves a print-friendly results page with the same table', async () => {
    const res = await fetch(`${t.base}/api/contests/BG2024/events/hair/results.html`, { headers: { authorization: `Bearer ${org}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('美发 成绩公示');
    expect(html).toContain('<td>王小雨</td>');
    expect(html).toContain('<td class="num">88.34</td>');
    expect(html).toContain('<td class="num">27.00</td>');
    expect(html).toContain('裁判长签字');
  });

  it('lists the audit trail, filterable by station', async () => {
    const all = await api('GET', '/api/contests/BG2024/audit', undefined, org);
    expect(all.status).toBe(200);
    const only07 = await api('GET', '/api/contests/BG2024/audit?station=07', undefined, org);
    expect(only07.body.length).toBeGreaterThan(0);
    expect(only07.body.every((a: { station: string }) => a.station === '07')).toBe(true);
    expect(only07.body.length).toBeLessThan(all.body.length);
  });
});
