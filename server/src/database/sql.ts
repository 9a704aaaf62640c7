import type { EntityManager } from 'typeorm';

/**
 * Hand-written statements for the hottest paths (a judge's sheet, the live feed), where TypeORM's
 * query building and entity mapping cost more than the statements themselves. Written with `?`
 * placeholders and double-quoted identifiers, which SQLite and PostgreSQL both read once the
 * placeholders are numbered for PostgreSQL.
 */
const numbered = new Map<string, string>();

function forDriver(em: EntityManager, text: string): string {
  if (em.connection.options.type !== 'postgres') return text;
  let out = numbered.get(text);
  if (out === undefined) {
    let n = 0;
    out = text.replace(/\?/g, () => `$${++n}`);
    numbered.set(text, out);
  }
  return out;
}

/**
 * Runs a statement on the caller's transaction, or on a connection of its own as
 * `DataSource.query` does, and answers TypeORM's structured result: `records` holds the rows of a
 * SELECT or of any statement with RETURNING, on both drivers alike.
 */
async function execute(em: EntityManager, text: string, params: unknown[]): Promise<unknown[]> {
  const runner = em.queryRunner ?? em.connection.createQueryRunner();
  try {
    const result = await runner.query(forDriver(em, text), params, true);
    return result.records ?? [];
  } finally {
    if (runner !== em.queryRunner) await runner.release();
  }
}

/** Rows of a SELECT, or of an INSERT, UPDATE or DELETE … RETURNING. */
export async function sqlAll<T>(em: EntityManager, text: string, params: unknown[] = []): Promise<T[]> {
  return (await execute(em, text, params)) as T[];
}

export async function sqlOne<T>(em: EntityManager, text: string, params: unknown[] = []): Promise<T | undefined> {
  return (await sqlAll<T>(em, text, params))[0];
}

/** An INSERT, UPDATE or DELETE whose result is not needed. */
export async function sqlRun(em: EntityManager, text: string, params: unknown[] = []): Promise<void> {
  await execute(em, text, params);
}

/** A boolean column as read: SQLite stores 0/1, PostgreSQL answers true/false. */
export const asBool = (v: unknown): boolean => v === true || v === 1 || v === '1';

/** A `simple-json` column as TypeORM writes it: JSON text, or NULL for null. */
export const jsonText = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

/**
 * Locks one row of `contests` or `events` until the caller's transaction ends, so that on
 * PostgreSQL, where transactions run side by side, the writes that depend on it take turns (the
 * feed's seq per contest; sheets, chief acts and finalize per event). SQLite has a single writer
 * already. Answers whether a lock was taken, i.e. whether what the transaction read before may
 * have changed meanwhile.
 */
export async function lockRow(em: EntityManager, table: 'contests' | 'events', id: number): Promise<boolean> {
  if (em.connection.options.type !== 'postgres') return false;
  await sqlRun(em, `SELECT "id" FROM "${table}" WHERE "id" = ? FOR UPDATE`, [id]);
  return true;
}
