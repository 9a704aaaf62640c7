import { DataSource } from 'typeorm';
import { sqlAll } from '../../src/database/sql';
import type { TestApp } from './test-app';

/**
 * What the server wrote for one judge's sheet, read from its database: every stored version and
 * every audit record of a submission. Used where the contract promises "no second write".
 */
export async function writesOf(t: TestApp, code: string, event: string, station: string, judge: string): Promise<{ versions: number[]; auditedSubmissions: number }> {
  const ds = t.app.get(DataSource);
  const versions = await sqlAll<{ version: number }>(
    ds.manager,
    `SELECT v."version" AS "version" FROM "sheet_versions" v
       JOIN "sheets" s ON s."id" = v."sheetId"
       JOIN "entries" e ON e."id" = s."entryId"
       JOIN "events" ev ON ev."id" = e."eventId"
       JOIN "contests" c ON c."id" = ev."contestId"
       JOIN "judges" j ON j."id" = v."judgeId"
      WHERE c."code" = ? AND ev."key" = ? AND e."station" = ? AND j."key" = ?
      ORDER BY v."version"`,
    [code, event, station, judge],
  );
  const [{ n }] = await sqlAll<{ n: number }>(
    ds.manager,
    `SELECT COUNT(*) AS "n" FROM "audit_log" a JOIN "contests" c ON c."id" = a."contestId"
      WHERE c."code" = ? AND a."event" = ? AND a."station" = ? AND a."judge" = ? AND a."action" = 'sheet.submit'`,
    [code, event, station, judge],
  );
  return { versions: versions.map((v) => Number(v.version)), auditedSubmissions: Number(n) };
}

/**
 * Appends `count` audit records to a contest's trail straight in its database, many rows per
 * statement, as a long contest's acts would have: tests of the trail's length need thousands.
 */
export async function insertAuditRecords(t: TestApp, code: string, count: number, action = 'test.filler'): Promise<void> {
  const ds = t.app.get(DataSource);
  const [contest] = await sqlAll<{ id: number }>(ds.manager, `SELECT "id" FROM "contests" WHERE "code" = ?`, [code]);
  if (!contest) throw new Error(`contest ${code} not found`);
  const at = new Date().toISOString();
  const BATCH = 500;
  for (let done = 0; done < count; done += BATCH) {
    const n = Math.min(BATCH, count - done);
    const values = Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?)').join(', ');
    const params = Array.from({ length: n }, (_, i) => [contest.id, 'organizer', action, JSON.stringify({ n: done + i + 1 }), `filler ${done + i + 1}`, at]).flat();
    await sqlAll(ds.manager, `INSERT INTO "audit_log" ("contestId", "actor", "action", "after", "reason", "at") VALUES ${values}`, params);
  }
}
