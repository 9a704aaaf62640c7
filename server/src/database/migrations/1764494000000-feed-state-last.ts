import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * The `seq` of the latest feed message for each event, so a watcher that follows some events
 * only (or the compact form) can tell a lost message from a jump caused by other events (§4a).
 */
export class FeedStateLast1764494000000 implements MigrationInterface {
  name = 'FeedStateLast1764494000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('feed_state', new TableColumn({ name: 'last', type: 'integer', default: 0 }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('feed_state', 'last');
  }
}
