import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { asBool, lockRow, sqlAll } from '../database/sql';

export interface LockedEvent {
  id: number;
  key: string;
  final: boolean;
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * Takes the lock of every given event and reads whether each is final under it. Finalize and
 * every chief act hold the same lock (ChiefService.act), and so does a judge's sheet, so a
 * finalize either committed before this read or waits until the caller's transaction ends. The
 * locks are taken in ascending id order: two transactions that lock several events never wait on
 * each other in a cycle. (SQLite runs one write transaction at a time; `lockRow` does nothing there.)
 */
export async function lockEvents(em: EntityManager, ids: Iterable<number>): Promise<LockedEvent[]> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  if (!sorted.length) return [];
  for (const id of sorted) await lockRow(em, 'events', id);
  const rows = await sqlAll<{ id: number; key: string; final: unknown }>(em, `SELECT "id", "key", "final" FROM "events" WHERE "id" IN (${placeholders(sorted.length)}) ORDER BY "id"`, sorted);
  return rows.map((r) => ({ id: Number(r.id), key: r.key, final: asBool(r.final) }));
}

/** `event "hair" is finalized` or `events "hair", "nails" are finalized`. */
export function finalizedText(keys: readonly string[]): string {
  const names = keys.map((k) => `"${k}"`).join(', ');
  return keys.length === 1 ? `event ${names} is finalized` : `events ${names} are finalized`;
}

/** 409 naming every finalized event among `events`; `act` says what was refused, e.g. "importing into it". */
export function refuseFinalized(events: readonly { key: string; final: boolean }[], act: string): void {
  const finals = events.filter((e) => e.final).map((e) => e.key);
  if (!finals.length) return;
  throw DomainError.conflict(`${finalizedText(finals)}; the organizer must reopen ${finals.length === 1 ? 'it' : 'them'} before ${act}`);
}

/** Ids of the given events in which at least one sheet was ever submitted (marking has started). */
export async function markedEventIds(em: EntityManager, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await sqlAll<{ eventId: number }>(
    em,
    `SELECT DISTINCT n."eventId" AS "eventId" FROM "sheet_versions" v JOIN "sheets" s ON s."id" = v."sheetId" JOIN "entries" n ON n."id" = s."entryId" WHERE n."eventId" IN (${placeholders(ids.length)})`,
    [...ids],
  );
  return new Set(rows.map((r) => Number(r.eventId)));
}
