import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * A fresh random stamp on every write of an event's public state, so a process can tell with a
 * one-column read whether the board it keeps in memory is still what the database holds.
 */
export class FeedStateStamp1764480000000 implements MigrationInterface {
  name = 'FeedStateStamp1764480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('feed_state', new TableColumn({ name: 'stamp', type: 'varchar', length: '32', default: "''" }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('feed_state', 'stamp');
  }
}
