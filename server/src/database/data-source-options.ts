import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseTarget } from '../config/config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * SQLite in WAL mode with full sync: an acknowledged mark is on disk before the judge's tablet
 * hears "confirmed". Migrations run at start; the schema is never synchronized from entities.
 */
export function dataSourceOptions(target: DatabaseTarget): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: true, synchronize: false, logging: false } as const;
  if (target.kind === 'postgres') {
    return { type: 'postgres', url: target.url, ...common, extra: { max: 10 } };
  }
  const path = target.path === ':memory:' ? ':memory:' : resolve(target.path);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: path,
    ...common,
    enableWAL: true,
    timeout: 10_000,
    prepareDatabase: (db: { pragma: (s: string) => unknown }) => {
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
    },
  };
}
