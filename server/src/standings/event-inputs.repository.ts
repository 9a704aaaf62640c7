import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EntryStatus } from '../domain/scoring/types';
import { sqlAll } from '../database/sql';
import type { EntryInput } from '../domain/scoring/types';

export interface EntryPerson {
  bib: string;
  name: string;
  organization: string;
}

export interface EventInputs {
  entries: EntryInput[];
  people: Map<string, EntryPerson>;
  /** entry id by station, for staff views */
  entryIds: Map<string, number>;
  /**
   * Per bib, text that changes whenever anything the engine reads of that entry changes (status,
   * submitted sheets, live deductions): equal text means an equal result under the same rules.
   */
  fingerprints: Map<string, string>;
}

const ENTRIES = `
SELECT n."id" AS "id", n."station" AS "station", n."status" AS "status", c."bib" AS "bib", c."name" AS "name", c."organization" AS "organization"
FROM "entries" n JOIN "contestants" c ON c."id" = n."contestantId"
WHERE n."eventId" = ? ORDER BY n."id"`;

const SHEETS = `
SELECT s."entryId" AS "entryId", j."key" AS "judge", s."scores" AS "scores"
FROM "sheets" s JOIN "entries" n ON n."id" = s."entryId" JOIN "judges" j ON j."id" = s."judgeId"
WHERE n."eventId" = ? AND s."status" = 'submitted'
ORDER BY s."entryId", j."key"`;

const DEDUCTIONS = `
SELECT d."entryId" AS "entryId", d."points" AS "points"
FROM "deductions" d JOIN "entries" n ON n."id" = d."entryId"
WHERE n."eventId" = ? AND d."voidedAt" IS NULL
ORDER BY d."id"`;

/**
 * Loads what the scoring engine needs for one event: entries, submitted sheets, live deductions.
 * Three fixed statements without entity mapping: the live feed reloads an event after each burst
 * of marks. Parsed marks are kept per sheet text, so an unchanged sheet is not parsed again.
 */
@Injectable()
export class EventInputsRepository {
  /** per event: sheet text → parsed marks, as of the last load */
  private readonly parsed = new Map<number, Map<string, Record<string, number>>>();

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async load(eventId: number): Promise<EventInputs> {
    const em = this.ds.manager;
    const [entries, sheets, deductions] = await Promise.all([
      sqlAll<{ id: number; station: string; status: EntryStatus; bib: string; name: string; organization: string }>(em, ENTRIES, [eventId]),
      sqlAll<{ entryId: number; judge: string; scores: string }>(em, SHEETS, [eventId]),
      sqlAll<{ entryId: number; points: number }>(em, DEDUCTIONS, [eventId]),
    ]);
    const known = this.parsed.get(eventId);
    const seen = new Map<string, Record<string, number>>();
    const sheetsByEntry = new Map<number, { judge: string; scores: Record<string, number> }[]>();
    const sheetText = new Map<number, string>();
    for (const s of sheets) {
      let scores = known?.get(s.scores);
      if (!scores) scores = JSON.parse(s.scores) as Record<string, number>;
      seen.set(s.scores, scores);
      const list = sheetsByEntry.get(s.entryId) ?? [];
      list.push({ judge: s.judge, scores });
      sheetsByEntry.set(s.entryId, list);
      sheetText.set(s.entryId, `${sheetText.get(s.entryId) ?? ''}${s.judge}=${s.scores};`);
    }
    // only the texts of this load are kept, so the cache cannot outgrow the event
    this.parsed.set(eventId, seen);
    const deductionsByEntry = new Map<number, number[]>();
    for (const d of deductions) {
      const list = deductionsByEntry.get(d.entryId) ?? [];
      list.push(Number(d.points));
      deductionsByEntry.set(d.entryId, list);
    }
    const people = new Map<string, EntryPerson>();
    const entryIds = new Map<string, number>();
    const fingerprints = new Map<string, string>();
    const inputs: EntryInput[] = entries.map((e) => {
      people.set(e.bib, { bib: e.bib, name: e.name, organization: e.organization });
      entryIds.set(e.station, e.id);
      const ded = deductionsByEntry.get(e.id) ?? [];
      fingerprints.set(e.bib, `${e.station}|${e.status}|${sheetText.get(e.id) ?? ''}|${ded.join(',')}`);
      return { bib: e.bib, station: e.station, status: e.status, sheets: sheetsByEntry.get(e.id) ?? [], deductions: ded };
    });
    return { entries: inputs, people, entryIds, fingerprints };
  }
}
