import { type MigrationInterface, type QueryRunner, Table, TableIndex, type TableColumnOptions } from 'typeorm';

const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'integer', ...extra });
const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
const text = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'text', ...extra });

/** Appeals (复核申请) and the publication of an event's results with its appeal window. */
export class Appeals1764496000000 implements MigrationInterface {
  name = 'Appeals1764496000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'appeal_windows',
        columns: [
          int('eventId', { isPrimary: true }),
          int('contestId'),
          str('publishedAt', 30),
          str('closesAt', 30),
          int('minutes'),
          str('publishedBy', 80),
          str('announced', 80, { default: "''" }),
        ],
      }),
      true,
    );
    await q.createTable(
      new Table({
        name: 'appeals',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          int('eventId'),
          int('entryId'),
          int('no'),
          text('reason'),
          str('filedBy', 100),
          str('filedAt', 30),
          str('recordedBy', 80),
          str('status', 12),
          str('outcome', 12, { isNullable: true }),
          text('answer', { isNullable: true }),
          str('decidedAt', 30, { isNullable: true }),
          str('decidedBy', 80, { isNullable: true }),
          text('acts'),
        ],
        indices: [new TableIndex({ name: 'UQ_appeals_eventId_no', columnNames: ['eventId', 'no'], isUnique: true })],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('appeals', true);
    await q.dropTable('appeal_windows', true);
  }
}
