import { DataSource, type EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlOne, sqlRun } from '../../src/database/sql';
import { putSheet } from '../support/sheets';
import { client, hairBib, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/**
 * A mark, deduction or status changed straight in the database, not through the server, leaves
 * the audit chain intact; the recheck, which recomputes results from the trail alone, names the
 * entry and the field it changed — on SQLite and PostgreSQL alike.
 */
let t: TestApp;
let api: ReturnType<typeof client>;
let org: string;
let em: EntityManager;
const CODE = 'TAMPER';
const base = `/api/contests/${CODE}/events/hair`;

async function recheck() {
  const r = await api('GET', `${base}/recheck`, undefined, org);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { differences: { bib: string; field: string; published: unknown; recomputed: unknown }[] };
}

/** The stored sheet of one judge at one station: its id and its marks (hundredths) as the server keeps them. */
async function storedSheet(station: string, judge: string): Promise<{ id: number; scores: string }> {
  return (await sqlOne<{ id: number; scores: string }>(
    em,
    `SELECT s."id" AS "id", s."scores" AS "scores" FROM "sheets" s JOIN "entries" n ON n."id" = s."entryId" JOIN "judges" j ON j."id" = s."judgeId"
     JOIN "events" e ON e."id" = n."eventId" JOIN "contests" c ON c."id" = e."contestId"
     WHERE c."code" = ? AND e."key" = 'hair' AND n."station" = ? AND j."key" = ?`,
    [CODE, station, judge],
  ))!;
}

beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  em = t.app.get(DataSource).manager;
  org = await organizerToken(t.base);
  expect((await api('POST', '/api/contests', hairContest(CODE, 3), org)).status).toBe(201);
  const judges = await Promise.all([1, 2, 3, 4, 5].map((i) => judgeToken(t.base, CODE, String(100000 + i))));
  for (const station of ['07', '08', '09']) {
    for (const [i, j] of judges.entries()) expect((await putSheet(api, j, CODE, 'hair', station, { design: 30 + i, technique: 20, finish: 20 })).status).toBe(200);
  }
  const chief = await judgeToken(t.base, CODE, '100006');
  expect((await api('POST', `${base}/deductions`, { station: '08', points: 1.5, reason: '超时' }, chief)).status).toBe(201);
  expect((await recheck()).differences).toEqual([]);
});
afterAll(() => t.close());

describe('changes made behind the server', () => {
  it('a mark edited in the sheets table is named by bib and field, while the chain still verifies', async () => {
    const sheet = await storedSheet('07', 'J3');
    const scores = JSON.parse(sheet.scores) as Record<string, number>;
    await sqlRun(em, `UPDATE "sheets" SET "scores" = ? WHERE "id" = ?`, [JSON.stringify({ ...scores, design: scores.design + 600 }), sheet.id]);
    try {
      const { differences } = await recheck();
      const bib = hairBib('07');
      // trimmed mean of 30..34 is 32; with J3's 32 raised to 38 the middle three are 31, 33, 34
      expect(differences).toContainEqual({ bib, field: 'parts.design', published: 32.67, recomputed: 32 });
      expect(differences).toContainEqual({ bib, field: 'total', published: 72.67, recomputed: 72 });
      expect(differences.every((d) => d.bib === bib || d.field === 'rank' || d.field === 'award')).toBe(true);
      expect((await api('GET', `/api/contests/${CODE}/audit/verify`, undefined, org)).body).toMatchObject({ ok: true });
    } finally {
      await sqlRun(em, `UPDATE "sheets" SET "scores" = ? WHERE "id" = ?`, [sheet.scores, sheet.id]);
    }
    expect((await recheck()).differences).toEqual([]);
  });

  it('a deduction or a status changed in its table is named too', async () => {
    const d = (await sqlOne<{ id: number; points: number }>(em, `SELECT d."id" AS "id", d."points" AS "points" FROM "deductions" d ORDER BY d."id" DESC LIMIT 1`))!;
    await sqlRun(em, `UPDATE "deductions" SET "points" = ? WHERE "id" = ?`, [50, d.id]);
    const entry = (await sqlOne<{ id: number }>(em, `SELECT n."id" AS "id" FROM "entries" n JOIN "events" e ON e."id" = n."eventId" JOIN "contests" c ON c."id" = e."contestId" WHERE c."code" = ? AND n."station" = '09'`, [CODE]))!;
    await sqlRun(em, `UPDATE "entries" SET "status" = 'withdrawn' WHERE "id" = ?`, [entry.id]);
    try {
      const { differences } = await recheck();
      expect(differences).toContainEqual({ bib: hairBib('08'), field: 'deductions', published: 0.5, recomputed: 1.5 });
      expect(differences).toContainEqual({ bib: hairBib('09'), field: 'status', published: 'withdrawn', recomputed: 'competing' });
    } finally {
      await sqlRun(em, `UPDATE "deductions" SET "points" = ? WHERE "id" = ?`, [d.points, d.id]);
      await sqlRun(em, `UPDATE "entries" SET "status" = 'competing' WHERE "id" = ?`, [entry.id]);
    }
    expect((await recheck()).differences).toEqual([]);
  });
});
