import type { MigrationInterface, QueryRunner } from 'typeorm';
import { GENESIS, storedHash, storedJson } from '../../audit/audit-chain';

interface Row {
  id: number;
  at: string;
  actor: string;
  action: string;
  event: string | null;
  station: string | null;
  judge: string | null;
  before: string | null;
  after: string | null;
  reason: string | null;
}

const BATCH = 1000;

/**
 * Makes the audit trail a hash chain per contest: every record gets its position in its
 * contest's chain and a SHA-256 over its content and the hash before it, and `audit_heads` holds
 * each chain's last link. The records already stored are chained here, oldest (lowest id) first,
 * with the same hash the server computes for new ones; their before/after JSON is rewritten with
 * its keys sorted, the form the server now stores and hashes.
 */
export class AuditChain1764495000000 implements MigrationInterface {
  name = 'AuditChain1764495000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_log" ADD COLUMN "position" integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "audit_log" ADD COLUMN "hash" varchar(64) NOT NULL DEFAULT ''`);
    await q.query(`CREATE INDEX "IX_audit_log_contestId_position_id" ON "audit_log" ("contestId", "position", "id")`);
    await q.query(`CREATE TABLE "audit_heads" ("contestId" integer PRIMARY KEY NOT NULL, "position" integer NOT NULL, "hash" varchar(64) NOT NULL)`);

    const postgres = q.connection.options.type === 'postgres';
    const p = (n: number) => (postgres ? `$${n}` : '?');
    const contests = (await q.query(`SELECT DISTINCT "contestId" AS "contestId" FROM "audit_log" ORDER BY "contestId"`)) as { contestId: number }[];
    for (const { contestId } of contests) {
      let prev = GENESIS;
      let position = 0;
      let lastId = 0;
      for (;;) {
        const rows = (await q.query(
          `SELECT "id", "at", "actor", "action", "event", "station", "judge", "before", "after", "reason" FROM "audit_log"
            WHERE "contestId" = ${p(1)} AND "id" > ${p(2)} ORDER BY "id" LIMIT ${BATCH}`,
          [contestId, lastId],
        )) as Row[];
        for (const r of rows) {
          position++;
          // before/after are rewritten in canonical form (the same JSON, keys sorted), as the server now stores them
          const before = r.before === null ? null : storedJson(JSON.parse(r.before));
          const after = r.after === null ? null : storedJson(JSON.parse(r.after));
          prev = storedHash(prev, { ...r, contestId: Number(contestId), position, before, after });
          await q.query(`UPDATE "audit_log" SET "position" = ${p(1)}, "hash" = ${p(2)}, "before" = ${p(3)}, "after" = ${p(4)} WHERE "id" = ${p(5)}`, [position, prev, before, after, r.id]);
        }
        if (rows.length < BATCH) break;
        lastId = rows[rows.length - 1].id;
      }
      await q.query(`INSERT INTO "audit_heads" ("contestId", "position", "hash") VALUES (${p(1)}, ${p(2)}, ${p(3)})`, [contestId, position, prev]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_heads"`);
    await q.query(`DROP INDEX "IX_audit_log_contestId_position_id"`);
    await q.query(`ALTER TABLE "audit_log" DROP COLUMN "hash"`);
    await q.query(`ALTER TABLE "audit_log" DROP COLUMN "position"`);
  }
}
