import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * The compact feed messages of the last few minutes, per contest. A phone whose Wi-Fi dropped for
 * a moment asks for what it missed since the seq it holds, instead of a whole new snapshot; every
 * process reads the same log, so this works with several processes behind Redis too.
 */
export class FeedLog1764494100000 implements MigrationInterface {
  name = 'FeedLog1764494100000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'feed_log',
        columns: [
          { name: 'contestId', type: 'integer', isPrimary: true },
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'event', type: 'varchar', length: '40' },
          { name: 'message', type: 'text' },
          { name: 'at', type: 'varchar', length: '30' },
        ],
      }),
    );
    await q.createIndex('feed_log', new TableIndex({ name: 'IX_feed_log_contestId_at', columnNames: ['contestId', 'at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('feed_log');
  }
}
