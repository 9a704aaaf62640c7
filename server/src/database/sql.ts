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

const CHANGES_ROWS = /^\s*(UPDATE|DELETE)\b/i;

/** Rows of a SELECT, or of an INSERT, UPDATE or DELETE … RETURNING. */
export async function sqlAll<T>(em: EntityManager, text: string, params: unknown[] = []): Promise<T[]> {
  const raw = await em.query(forDriver(em, text), params);
  // TypeORM's PostgreSQL runner answers an UPDATE or DELETE with [rows, affected]
  if (em.connection.options.type === 'postgres' && CHANGES_ROWS.test(text)) return (raw as [T[], number])[0];
  return raw as T[];
}

export async function sqlOne<T>(em: EntityManager, text: string, params: unknown[] = []): Promise<T | undefined> {
  return (await sqlAll<T>(em, text, params))[0];
}

/** An INSERT, UPDATE or DELETE whose result is not needed. */
export async function sqlRun(em: EntityManager, text: string, params: unknown[] = []): Promise<void> {
  await em.query(forDriver(em, text), params);
}

/** A boolean column as read: SQLite stores 0/1, PostgreSQL answers true/false. */
export const asBool = (v: unknown): boolean => v === true || v === 1 || v === '1';

/** A `simple-json` column as TypeORM writes it: JSON text, or NULL for null. */
export const jsonText = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

/**
 * Makes the writes of one event take turns on PostgreSQL, where transactions run side by side: a
 * sheet, a chief judge's act and the finalize that checks every sheet lock the event's row first.
 * SQLite has a single writer already.
 */
export async function lockEvent(em: EntityManager, eventId: number): Promise<void> {
  if (em.connection.options.type === 'postgres') await sqlRun(em, `SELECT "id" FROM "events" WHERE "id" = ? FOR UPDATE`, [eventId]);
}
