import { type MigrationInterface, type QueryRunner, Table, TableIndex, type TableColumnOptions } from 'typeorm';

/** Written with TypeORM's schema builder so the same migration runs on SQLite and PostgreSQL. */
const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'integer', ...extra });
const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
const text = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'text', ...extra });
const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean', default: false });
const unique = (table: string, columns: string[]) => new TableIndex({ name: `UQ_${table}_${columns.join('_')}`, columnNames: columns, isUnique: true });
const index = (table: string, columns: string[]) => new TableIndex({ name: `IX_${table}_${columns.join('_')}`, columnNames: columns });

export class InitialSchema1764460000000 implements MigrationInterface {
  name = 'InitialSchema1764460000000';

  async up(q: QueryRunner): Promise<void> {
    const tables: [string, TableColumnOptions[], TableIndex[]][] = [
      ['settings', [str('key', 64, { isPrimary: true }), text('value')], []],
      [
        'contests',
        [id, str('code', 32), text('title'), text('venue'), str('locale', 20), text('teams', { isNullable: true }), int('seq', { default: 0 }), str('pinSalt', 64), str('createdAt', 30)],
        [unique('contests', ['code'])],
      ],
      [
        'judges',
        [id, int('contestId'), str('key', 40), str('name', 40), str('pinHash', 128), text('pinSealed')],
        [unique('judges', ['contestId', 'key']), unique('judges', ['contestId', 'pinHash'])],
      ],
      ['contestants', [id, int('contestId'), str('bib', 20), str('name', 40), str('organization', 60)], [unique('contestants', ['contestId', 'bib'])]],
      [
        'events',
        [id, int('contestId'), str('key', 40), str('name', 60), int('position'), text('scheme'), bool('final'), bool('frozen'), int('revision', { default: 0 })],
        [unique('events', ['contestId', 'key'])],
      ],
      [
        'entries',
        [id, int('eventId'), int('contestantId'), str('station', 20), str('status', 20, { default: "'competing'" }), text('statusReason', { isNullable: true })],
        [unique('entries', ['eventId', 'station']), unique('entries', ['eventId', 'contestantId'])],
      ],
      [
        'sheets',
        [id, int('entryId'), int('judgeId'), str('status', 12), int('version'), text('scores'), str('updatedAt', 30)],
        [unique('sheets', ['entryId', 'judgeId'])],
      ],
      [
        'sheet_versions',
        [id, int('sheetId'), int('judgeId'), int('version'), text('scores'), str('requestId', 64), str('createdAt', 30)],
        [unique('sheet_versions', ['sheetId', 'version']), unique('sheet_versions', ['judgeId', 'requestId'])],
      ],
      [
        'deductions',
        [id, int('entryId'), int('points'), text('reason'), str('createdBy', 80), str('createdAt', 30), str('voidedAt', 30, { isNullable: true }), text('voidReason', { isNullable: true })],
        [index('deductions', ['entryId'])],
      ],
      [
        'audit_log',
        [
          id,
          int('contestId'),
          str('event', 40, { isNullable: true }),
          str('station', 20, { isNullable: true }),
          str('judge', 40, { isNullable: true }),
          str('actor', 80),
          str('action', 40),
          text('before', { isNullable: true }),
          text('after', { isNullable: true }),
          text('reason', { isNullable: true }),
          str('at', 30),
        ],
        [index('audit_log', ['contestId', 'id'])],
      ],
      [
        'tokens',
        [id, str('tokenHash', 64), str('kind', 12), int('contestId', { isNullable: true }), int('judgeId', { isNullable: true }), str('expiresAt', 30), str('createdAt', 30)],
        [unique('tokens', ['tokenHash'])],
      ],
      ['feed_state', [int('eventId', { isPrimary: true }), int('contestId'), text('rows'), bool('final'), bool('frozen')], []],
    ];
    for (const [name, columns, indices] of tables) {
      await q.createTable(new Table({ name, columns, indices }), true);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['feed_state', 'tokens', 'audit_log', 'deductions', 'sheet_versions', 'sheets', 'entries', 'events', 'contestants', 'judges', 'contests', 'settings']) {
      await q.dropTable(t, true);
    }
  }
}
