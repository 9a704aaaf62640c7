import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlAll } from '../../src/database/sql';
import { insertAuditRecords } from '../support/records';
import { putSheet } from '../support/sheets';
import { client, hairContest, judgeToken, organizerToken, startTestApp, type Reply, type TestApp } from '../support/test-app';

/**
 * A complete record: the audit trail is read back whole, however long — page by page through the
 * API and in one streamed workbook — and every read of judges' PINs leaves a record of its own.
 */
let t: TestApp;
let api: ReturnType<typeof client>;
let org: string;
const CODE = 'RECORD';
const PINS = ['100001', '100002', '100003', '100004', '100005', '100006', '100007'];

interface Rec {
  id: number;
  action: string;
  actor: string;
  after: any;
}

beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  org = await organizerToken(t.base);
  expect((await api('POST', '/api/contests', hairContest(CODE, 3), org)).status).toBe(201);
  const j1 = await judgeToken(t.base, CODE, PINS[0]);
  for (const station of ['07', '08', '09']) expect((await putSheet(api, j1, CODE, 'hair', station, { design: 30, technique: 20, finish: 20 })).status).toBe(200);
});
afterAll(() => t.close());

async function storedCount(): Promise<number> {
  const [{ n }] = await sqlAll<{ n: number }>(t.app.get(DataSource).manager, `SELECT COUNT(*) AS "n" FROM "audit_log" a JOIN "contests" c ON c."id" = a."contestId" WHERE c."code" = ?`, [CODE]);
  return Number(n);
}

/** Follows the `Link: <…>; rel="next"` header from the first page to the last. */
async function wholeTrail(first: string): Promise<{ records: Rec[]; pages: number }> {
  const records: Rec[] = [];
  let next: string | null = first;
  let pages = 0;
  while (next) {
    const r: Reply = await api('GET', next, undefined, org);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    records.push(...(r.body as Rec[]));
    pages++;
    next = /<([^>]+)>;\s*rel="next"/.exec(r.headers.get('link') ?? '')?.[1] ?? null;
    expect(pages).toBeLessThan(100);
  }
  return { records, pages };
}

describe('a trail longer than one page', () => {
  beforeAll(async () => {
    await insertAuditRecords(t, CODE, 6200);
  });

  it('is paged through to the contest’s creation, each record once, newest first', async () => {
    const total = await storedCount();
    expect(total).toBeGreaterThan(6200);
    const { records, pages } = await wholeTrail(`/api/contests/${CODE}/audit?limit=1000`);
    expect(pages).toBe(Math.ceil(total / 1000));
    expect(records).toHaveLength(total);
    expect(new Set(records.map((r) => r.id)).size).toBe(total);
    expect(records.every((r, i) => i === 0 || r.id < records[i - 1].id)).toBe(true);
    expect(records[records.length - 1].action).toBe('contest.create');
  });

  it('keeps the default answer a list of the newest records, with the next page in the Link header', async () => {
    const r = await api('GET', `/api/contests/${CODE}/audit`, undefined, org);
    expect(Array.isArray(r.body)).toBe(true);
    expect(r.body).toHaveLength(5000);
    const link = r.headers.get('link');
    expect(link).toMatch(new RegExp(`^</api/contests/${CODE}/audit\\?before=\\d+&limit=5000>; rel="next"$`));
    const { records } = await wholeTrail(`/api/contests/${CODE}/audit`);
    expect(records).toHaveLength(await storedCount());
  });

  it('keeps a filter across pages', async () => {
    const direct = (await api('GET', `/api/contests/${CODE}/audit?judge=J1`, undefined, org)).body as Rec[];
    expect(direct.filter((r) => r.action === 'sheet.submit')).toHaveLength(3);
    const { records, pages } = await wholeTrail(`/api/contests/${CODE}/audit?judge=J1&limit=2`);
    expect(pages).toBe(Math.ceil(direct.length / 2));
    expect(records.map((r) => r.id)).toEqual(direct.map((r) => r.id));
  });

  it('bounds the page size and refuses malformed paging with a 400 naming the parameter', async () => {
    for (const [query, field] of [
      ['limit=5001', 'limit'],
      ['limit=0', 'limit'],
      ['limit=ten', 'limit'],
      ['before=-1', 'before'],
      ['event=a&event=b', 'event'],
      ['page=2', 'page'],
    ]) {
      const r = await api('GET', `/api/contests/${CODE}/audit?${query}`, undefined, org);
      expect(r.status, query).toBe(400);
      expect(r.body.message, query).toContain(field);
    }
  });

  it('is in the workbook whole, row for row, streamed', async () => {
    const total = await storedCount();
    const res = await fetch(`${t.base}/api/contests/${CODE}/export.xlsx`, { headers: { authorization: `Bearer ${org}` } });
    expect(res.status).toBe(200);
    // streamed: the length is not known when the answer starts
    expect(res.headers.get('content-length')).toBeNull();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['美发成绩', '美发评分明细', '获奖名单', '团体成绩', '操作记录']);
    const sheet = wb.getWorksheet('操作记录')!;
    expect(sheet.rowCount).toBe(total + 1);
    const actions = sheet.getColumn(3).values.slice(2) as string[];
    expect(actions).toHaveLength(total);
    // in the organizer's words; a code without words (the fillers) stays as it is
    expect(actions[0]).toBe('创建竞赛');
    expect(actions.filter((a) => a === 'test.filler')).toHaveLength(6200);
    // oldest first: the fillers in the order they were written
    const reasons = sheet.getColumn(9).values.slice(2) as string[];
    expect(reasons.filter((r) => r?.startsWith('filler ')).slice(0, 3)).toEqual(['filler 1', 'filler 2', 'filler 3']);
  });
});

describe('reads of PINs', () => {
  async function newest(): Promise<Rec> {
    return ((await api('GET', `/api/contests/${CODE}/audit?limit=1`, undefined, org)).body as Rec[])[0];
  }

  for (const [read, fetchIt] of [
    ['judge-list', () => api('GET', `/api/contests/${CODE}/judges`, undefined, org)],
    ['judge-cards', () => fetch(`${t.base}/api/contests/${CODE}/judge-cards.pdf`, { headers: { authorization: `Bearer ${org}` } })],
    ['contest-file', () => api('GET', `/api/contests/${CODE}/file`, undefined, org)],
  ] as const) {
    it(`${read}: one audit record naming who read whose PINs, without the PINs`, async () => {
      const before = await storedCount();
      const r = await fetchIt();
      expect(r.status).toBe(200);
      if ('arrayBuffer' in r) await r.arrayBuffer();
      expect(await storedCount()).toBe(before + 1);
      const rec = await newest();
      expect(rec).toMatchObject({ action: 'pins.read', actor: 'organizer', after: { read, judges: ['J1', 'J2', 'J3', 'J4', 'J5', 'J6', 'J7'] } });
      const text = JSON.stringify(rec);
      for (const pin of PINS) expect(text).not.toContain(pin);
    });
  }

  it('reading the trail itself leaves no record', async () => {
    const before = await storedCount();
    await api('GET', `/api/contests/${CODE}/audit?limit=10`, undefined, org);
    expect(await storedCount()).toBe(before);
  });
});
