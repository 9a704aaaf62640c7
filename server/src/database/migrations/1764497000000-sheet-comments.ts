import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Judges' remarks per criterion (JSON text of criterion key → remark), on the current sheet and
 * on every version of it. NULL where a sheet has none, which every sheet stored before had.
 */
export class SheetComments1764497000000 implements MigrationInterface {
  name = 'SheetComments1764497000000';

  async up(q: QueryRunner): Promise<void> {
    // a plain ADD COLUMN on both databases: SQLite does not rebuild the table for it
    await q.query(`ALTER TABLE "sheets" ADD COLUMN "comments" text`);
    await q.query(`ALTER TABLE "sheet_versions" ADD COLUMN "comments" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sheet_versions" DROP COLUMN "comments"`);
    await q.query(`ALTER TABLE "sheets" DROP COLUMN "comments"`);
  }
}
