import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** Public board controls per event: provisional or complete-only rows, and the ceremony reveal's progress. */
export class BoardControls1764470000000 implements MigrationInterface {
  name = 'BoardControls1764470000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('events', new TableColumn({ name: 'boardMode', type: 'varchar', length: '12', default: "'provisional'" }));
    await q.addColumn('events', new TableColumn({ name: 'revealed', type: 'integer', default: 0 }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('events', 'revealed');
    await q.dropColumn('events', 'boardMode');
  }
}
