import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, hairContest, organizerToken, startTestApp, type TestApp } from '../support/test-app';
import { deflated, frame, rowsXml, SHEET_HEAD, SHEET_TAIL, xlsxBomb, xlsxOf, zipOf } from './files-xlsx';

/**
 * Poisoned spreadsheets: an import reads a file within limits — the archive's unpacked size and
 * entry count before anything is parsed, rows streamed with a cap, cells capped and cut short in
 * the preview — and refuses the rest with a 400 that names the limit.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['bib', 'name', 'organization', 'event'];

let t: TestApp;
let org: string;

async function upload(body: Buffer | string, type: string): Promise<{ status: number; body: any; text: string }> {
  const res = await fetch(`${t.base}/api/contests/FILES/import?dryRun=1`, {
    method: 'POST',
    headers: { authorization: `Bearer ${org}`, 'content-type': type },
    body: body as unknown as BodyInit,
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text), text };
}

/** The highest resident set size above the one before, while `work` runs (this process is the server). */
async function rssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growthMb: (peak - before) / 1e6 };
  } finally {
    clearInterval(timer);
  }
}

beforeAll(async () => {
  t = await startTestApp();
  org = await organizerToken(t.base);
  const r = await client(t.base)('POST', '/api/contests', hairContest('FILES', 1), org);
  expect(r.status).toBe(201);
});
afterAll(() => t.close());

describe('the archive is checked before it is unpacked', () => {
  it('the hand-written workbook of these tests is a valid one: it imports', async () => {
    const r = await upload(xlsxOf([HEADER, ['F001', '王小雨', '北碚区总工会', 'hair']]), XLSX);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ rows: 1, problems: [], preview: [{ bib: 'F001', name: '王小雨' }] });
  });

  it('a ~100 KB workbook that unpacks to 100 MB: 400 naming the 50 MB limit, and the server’s memory hardly moves', async () => {
    const bomb = await xlsxBomb(100);
    expect(bomb.length).toBeLessThan(300_000);
    const { result, growthMb } = await rssGrowth(() => upload(bomb, XLSX));
    expect(result.status).toBe(400);
    expect(result.body.message).toMatch(/50 MB/);
    expect(result.text.length).toBeLessThan(1000);
    expect(growthMb).toBeLessThan(100);
  });

  it('the same bomb with headers that claim a small sheet: refused, memory bounded', async () => {
    const bomb = await xlsxBomb(100);
    // rewrite the sheet's declared unpacked size (local header and directory) to 2 KB
    const liar = Buffer.from(bomb);
    for (let p = 0; p < liar.length - 4; p++) {
      const sig = liar.readUInt32LE(p);
      const nameAt = sig === 0x04034b50 ? p + 30 : sig === 0x02014b50 ? p + 46 : -1;
      if (nameAt < 0) continue;
      const nameLength = liar.readUInt16LE(sig === 0x04034b50 ? p + 26 : p + 28);
      if (liar.toString('utf8', nameAt, nameAt + nameLength) !== 'xl/worksheets/sheet1.xml') continue;
      liar.writeUInt32LE(2048, sig === 0x04034b50 ? p + 22 : p + 24);
    }
    const { result, growthMb } = await rssGrowth(() => upload(liar, XLSX));
    expect(result.status).toBe(400);
    expect(result.body.message).toMatch(/xlsx/);
    expect(growthMb).toBeLessThan(100);
  });

  it('an archive of more than 1,000 files: 400 naming the limit', async () => {
    const many = [...frame(), deflated('xl/worksheets/sheet1.xml', SHEET_HEAD + rowsXml([HEADER]) + SHEET_TAIL)];
    for (let i = 0; many.length <= 1000; i++) many.push(deflated(`xl/media/image${i}.png`, 'x'));
    const r = await upload(zipOf(many), XLSX);
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('1,000');
  });
});

describe('rows are streamed with a cap', () => {
  it('a row numbered beyond 20,000 in an xlsx: 400 naming the cap', async () => {
    const sheet = SHEET_HEAD + rowsXml([HEADER]) + rowsXml([['F002', '李晓燕', '广安市总工会', 'hair']], 1_000_000) + SHEET_TAIL;
    const r = await upload(zipOf([...frame(), deflated('xl/worksheets/sheet1.xml', sheet)]), XLSX);
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('20,000 rows');
  });

  it('20,001 rows in an xlsx: 400 naming the cap; 2,000 rows pass', async () => {
    const rows = (n: number) => [HEADER, ...Array.from({ length: n - 1 }, (_, i) => [`R${i}`, '选手', '单位', 'hair'])];
    const over = await upload(xlsxOf(rows(20_001)), XLSX);
    expect(over.status).toBe(400);
    expect(over.body.message).toContain('20,000 rows');
    const fine = await upload(xlsxOf(rows(2_000)), XLSX);
    expect(fine.status).toBe(200);
    expect(fine.body.rows).toBe(1_999);
  });

  it('20,001 rows in a CSV: 400 naming the cap', async () => {
    const csv = [HEADER.join(','), ...Array.from({ length: 20_000 }, (_, i) => `C${i},选手,单位,hair`)].join('\n');
    const r = await upload(csv, 'text/csv');
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('20,000 rows');
  });
});

describe('cells are capped, and the preview never echoes a long one', () => {
  it('a 5,000-character name in an xlsx: the dry run shows 200 characters of it and says it is too long', async () => {
    const long = '长'.repeat(5000);
    const r = await upload(xlsxOf([HEADER, ['F003', long, '北碚区总工会', 'hair']]), XLSX);
    expect(r.status).toBe(200);
    expect(r.body.preview[0].name.length).toBeLessThanOrEqual(201);
    expect(r.body.problems).toEqual([expect.objectContaining({ row: 2, field: 'name', message: expect.stringContaining('40') })]);
    expect(r.text.length).toBeLessThan(5000);
  });

  it('a 5,000-character event in a CSV: the dry run’s problem repeats at most 200 characters of it', async () => {
    const r = await upload(`${HEADER.join(',')}\nF004,张婷婷,绵阳市总工会,${'x'.repeat(5000)}\n`, 'text/csv');
    expect(r.status).toBe(200);
    expect(r.body.preview[0].event.length).toBeLessThanOrEqual(201);
    expect(r.text.length).toBeLessThan(5000);
  });

  it('a CSV cell of a million characters: 400 naming the 10,000-character cap, without echoing it', async () => {
    const r = await upload(`${HEADER.join(',')}\nF005,${'y'.repeat(1_000_000)},单位,hair\n`, 'text/csv');
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('10,000 characters');
    expect(r.body.message).toContain('row 2');
    expect(r.text.length).toBeLessThan(1000);
  });

  it('an xlsx cell of a million characters: the same 400', async () => {
    const r = await upload(xlsxOf([HEADER, ['F006', 'z'.repeat(1_000_000), '单位', 'hair']]), XLSX);
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('10,000 characters');
    expect(r.text.length).toBeLessThan(1000);
  });

  it('a NUL in a cell: 400 naming the row, on every database', async () => {
    const r = await upload(`${HEADER.join(',')}\nF007,王\u0000五,单位,hair\n`, 'text/csv');
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/row 2, column 2: .*NUL/);
  });
});
