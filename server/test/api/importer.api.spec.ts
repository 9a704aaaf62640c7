import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('报名表');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('importing contestants and entries, drawing stations, judge cards', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let org: string;
  const upload = (body: Buffer | string, type: string, dryRun: boolean) =>
    fetch(`${t.base}/api/contests/BG2024/import${dryRun ? '?dryRun=1' : ''}`, { method: 'POST', headers: { authorization: `Bearer ${org}`, 'content-type': type }, body: body as unknown as BodyInit });

  beforeAll(async () => {
    t = await startTestApp();
    api = client(t.base);
    org = await organizerToken(t.base);
    const file = hairContest('BG2024', 1);
    file.events!.push({ ...file.events![0], key: 'nails', name: '美甲', entries: [] });
    expect((await api('POST', '/api/contests', file, org)).status).toBe(201);
  });
  afterAll(() => t.close());

  it('reports exactly the three bad rows of a 300-row workbook and stores nothing', async () => {
    const rows: (string | number)[][] = [['参赛号', '姓名', '单位', '赛项', '工位号']];
    for (let i = 1; i <= 300; i++) rows.push([`B${String(i).padStart(3, '0')}`, `选手${i}`, ['北碚区总工会', '广安市总工会'][i % 2], i % 2 ? '美甲' : 'hair', i % 2 ? '' : String(100 + i)]);
    rows[50][3] = '插花'; // unknown event, sheet row 51
    rows[120][1] = ''; // empty name, sheet row 121
    rows[200][0] = 'B002'; // B002 again with another name, sheet row 201
    const bad = await (await upload(await workbook(rows), XLSX, true)).json();
    expect(bad.rows).toBe(300);
    expect([...new Set(bad.problems.map((p: { row: number }) => p.row))]).toEqual([51, 121, 201]);
    expect(bad.problems.find((p: { row: number }) => p.row === 51).field).toBe('event');
    expect(bad.problems.find((p: { row: number }) => p.row === 121).field).toBe('name');
    expect(bad.problems.filter((p: { row: number }) => p.row === 201).map((p: { message: string }) => p.message).join()).toContain('选手2');
    const commit = await upload(await workbook(rows), XLSX, false);
    expect(commit.status).toBe(400);
    const standings = await api('GET', '/api/contests/BG2024/events/nails/standings');
    expect(standings.body.rows).toHaveLength(0);
  });

  it('commits a clean workbook at once and fills empty stations', async () => {
    const rows: (string | number)[][] = [['bib', 'name', 'organization', 'event', 'station']];
    for (let i = 1; i <= 300; i++) rows.push([`C${String(i).padStart(3, '0')}`, `选手${i}`, '绵阳市总工会', '美甲', '']);
    const preview = await (await upload(await workbook(rows), XLSX, true)).json();
    expect(preview).toMatchObject({ dryRun: true, rows: 300, problems: [], newContestants: 300, newEntries: { nails: 300 } });
    const done = await upload(await workbook(rows), XLSX, false);
    expect(done.status).toBe(200);
    const standings = await api('GET', '/api/contests/BG2024/events/nails/standings');
    expect(standings.body.rows).toHaveLength(300);
    const file = await api('GET', '/api/contests/BG2024/file', undefined, org);
    const nails = file.body.events.find((e: { key: string }) => e.key === 'nails');
    expect(new Set(nails.entries.map((x: { station: string }) => x.station)).size).toBe(300);
  });

  it('reads a CSV with a BOM and Chinese headers', async () => {
    const csv = '\uFEFF参赛号,姓名,单位,赛项,工位号\r\nD001,赵敏,合川区总工会,美发,99\r\n';
    const r = await upload(csv, 'text/csv', false);
    expect(r.status).toBe(200);
    const s = await api('GET', '/api/contests/BG2024/events/hair/standings');
    expect(s.body.rows.map((x: { name: string }) => x.name)).toContain('赵敏');
  });

  it('draws stations reproducibly from a recorded seed, and refuses once marking started', async () => {
    const first = await api('POST', '/api/contests/BG2024/events/nails/draw', { seed: 'ceremony-2024' }, org);
    expect(first.status).toBe(200);
    expect(first.body.seed).toBe('ceremony-2024');
    const again = await api('POST', '/api/contests/BG2024/events/nails/draw', { seed: 'ceremony-2024' }, org);
    expect(again.body.stations).toEqual(first.body.stations);
    expect(new Set(first.body.stations.map((s: { station: string }) => s.station)).size).toBe(300);
    const other = await api('POST', '/api/contests/BG2024/events/nails/draw', { seed: 'another' }, org);
    expect(other.body.stations).not.toEqual(first.body.stations);
    const audit = await api('GET', '/api/contests/BG2024/audit?event=nails', undefined, org);
    expect(audit.body.filter((a: { action: string }) => a.action === 'stations.draw').map((a: { reason: string }) => a.reason)).toContain('seed ceremony-2024');

    const judge = await judgeToken(t.base, 'BG2024', '100001');
    const station = (await api('GET', '/api/contests/BG2024/events/hair/sheets', undefined, judge)).body[0].station;
    await api('PUT', `/api/contests/BG2024/events/hair/sheets/${station}`, { requestId: crypto.randomUUID(), scores: { design: 30, technique: 20, finish: 20 } }, judge);
    expect((await api('POST', '/api/contests/BG2024/events/hair/draw', {}, org)).status).toBe(409);
  });

  it('prints judge cards with name, PIN and contest code', async () => {
    const res = await fetch(`${t.base}/api/contests/BG2024/judge-cards.pdf`, { headers: { authorization: `Bearer ${org}` } });
    expect(res.status).toBe(200);
    const file = join(t.dir, 'cards.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('裁判1');
    expect(text).toContain('100001');
    expect(text).toContain('BG2024');
    expect(text).toContain('裁判长');
  });
});
