import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlOne, sqlRun } from '../../src/database/sql';
import { putSheet } from '../support/sheets';
import { client, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/** A printed results notice and the workbook carry the audit chain's head and the recheck's outcome, so a print can be checked later. */
let t: TestApp;
let api: ReturnType<typeof client>;
let org: string;
const CODE = 'PRINTED';

async function download(path: string): Promise<Buffer> {
  const res = await fetch(`${t.base}${path}`, { headers: { authorization: `Bearer ${org}` } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function pdfText(): Promise<string> {
  const file = join(t.dir, 'integrity.pdf');
  writeFileSync(file, await download(`/api/contests/${CODE}/events/hair/results.pdf`));
  // the hash may be wrapped by layout; without -layout it reads back as one run of text
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

async function standingsCells(): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await download(`/api/contests/${CODE}/export.xlsx`)) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('美发成绩')!;
  const cells: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => void (typeof c.value === 'string' && cells.push(c.value))));
  return cells;
}

async function head(): Promise<string> {
  return (await api('GET', `/api/contests/${CODE}/audit/verify`, undefined, org)).body.head;
}

beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  org = await organizerToken(t.base);
  expect((await api('POST', '/api/contests', hairContest(CODE, 2), org)).status).toBe(201);
  for (let i = 1; i <= 5; i++) {
    const j = await judgeToken(t.base, CODE, String(100000 + i));
    for (const station of ['07', '08']) expect((await putSheet(api, j, CODE, 'hair', station, { design: 30 + i, technique: 20, finish: 20 })).status).toBe(200);
  }
});
afterAll(() => t.close());

describe('the integrity line of exports', () => {
  it('the results notice PDF prints the chain head and that the results agree with the audit trail', async () => {
    const text = (await pdfText()).replace(/\s+/g, '');
    expect(text).toContain(`审计链头：${await head()}`);
    expect(text).toContain('复核：与审计记录一致');
  });

  it('the workbook prints the same under each event standings', async () => {
    const h = await head();
    expect(await standingsCells()).toContainEqual(`审计链头：${h}　复核：与审计记录一致`);
  });

  it('both say how many differences there are once a mark was changed behind the server', async () => {
    const em = t.app.get(DataSource).manager;
    const sheet = (await sqlOne<{ id: number; scores: string }>(em, `SELECT "id", "scores" FROM "sheets" ORDER BY "id" LIMIT 1`))!;
    await sqlRun(em, `UPDATE "sheets" SET "scores" = ? WHERE "id" = ?`, [JSON.stringify({ ...JSON.parse(sheet.scores), design: 4000 }), sheet.id]);
    try {
      expect((await pdfText()).replace(/\s+/g, '')).toMatch(/复核：\d+处与审计记录不一致/);
      expect((await standingsCells()).some((c) => /复核：\d+ 处与审计记录不一致$/.test(c))).toBe(true);
    } finally {
      await sqlRun(em, `UPDATE "sheets" SET "scores" = ? WHERE "id" = ?`, [sheet.scores, sheet.id]);
    }
  });
});
