import { In, type EntityManager } from 'typeorm';
import type { ContestFile, EventFile } from '../contracts/contest-file';
import { Contest, ContestEvent, Contestant, Entry, Judge, Sheet, SheetVersion } from '../database/entities';

/** One stored entry with the bib of its contestant. */
export interface StoredEntry {
  entry: Entry;
  bib: string;
}

/** Everything stored for one contest, as the edit and the file export need it. */
export interface ContestSnapshot {
  contest: Contest;
  judges: Judge[];
  contestants: Contestant[];
  events: ContestEvent[];
  /** event id → its entries, in the order they were stored */
  entries: Map<number, StoredEntry[]>;
  /** ids of the events in which at least one sheet was ever submitted */
  marked: Set<number>;
  /** entry id → every mark stored for it (current sheets), criterion key → hundredths */
  marks: Map<number, { judgeId: number; scores: Record<string, number> }[]>;
}

export async function loadSnapshot(em: EntityManager, contest: Contest): Promise<ContestSnapshot> {
  const judges = await em.getRepository(Judge).find({ where: { contestId: contest.id }, order: { id: 'ASC' } });
  const contestants = await em.getRepository(Contestant).find({ where: { contestId: contest.id }, order: { id: 'ASC' } });
  const events = await em.getRepository(ContestEvent).find({ where: { contestId: contest.id }, order: { position: 'ASC', id: 'ASC' } });
  const bibOf = new Map(contestants.map((c) => [c.id, c.bib]));
  const entries = new Map<number, StoredEntry[]>(events.map((e) => [e.id, []]));
  const all = events.length ? await em.getRepository(Entry).find({ where: { eventId: In(events.map((e) => e.id)) }, order: { id: 'ASC' } }) : [];
  for (const entry of all) entries.get(entry.eventId)!.push({ entry, bib: bibOf.get(entry.contestantId) ?? '' });

  const eventOfEntry = new Map(all.map((x) => [x.id, x.eventId]));
  const marked = new Set<number>();
  const marks = new Map<number, { judgeId: number; scores: Record<string, number> }[]>();
  if (all.length) {
    const sheets = await em
      .getRepository(Sheet)
      .createQueryBuilder('s')
      .innerJoin(Entry, 'e', 'e.id = s.entryId')
      .innerJoin(ContestEvent, 'ev', 'ev.id = e.eventId')
      .where('ev.contestId = :id', { id: contest.id })
      .getMany();
    const versioned = sheets.length
      ? new Set(
          (
            await em
              .getRepository(SheetVersion)
              .createQueryBuilder('v')
              .select('DISTINCT v.sheetId', 'sheetId')
              .where('v.sheetId IN (:...ids)', { ids: sheets.map((s) => s.id) })
              .getRawMany<{ sheetId: number }>()
          ).map((r) => Number(r.sheetId)),
        )
      : new Set<number>();
    for (const s of sheets) {
      if (!versioned.has(s.id)) continue;
      marked.add(eventOfEntry.get(s.entryId)!);
      const list = marks.get(s.entryId) ?? [];
      list.push({ judgeId: s.judgeId, scores: s.scores });
      marks.set(s.entryId, list);
    }
  }
  return { contest, judges, contestants, events, entries, marked, marks };
}

/**
 * The contest as a contest file, so it can be saved, edited and posted again. `pinOf` gives a
 * judge's PIN when the server can still read it; without it the PIN is left out.
 */
export function snapshotToFile(s: ContestSnapshot, pinOf: (j: Judge) => string | null): ContestFile {
  const file: ContestFile = {
    code: s.contest.code,
    title: s.contest.title,
    locale: s.contest.locale,
    venue: s.contest.venue,
    judges: s.judges.map((j) => {
      const pin = pinOf(j);
      return pin === null ? { key: j.key, name: j.name } : { key: j.key, name: j.name, pin };
    }),
    contestants: s.contestants.map((c) => ({ bib: c.bib, name: c.name, organization: c.organization })),
    events: s.events.map((e): EventFile => ({ ...e.scheme, key: e.key, name: e.name, entries: (s.entries.get(e.id) ?? []).map((x) => ({ bib: x.bib, station: x.entry.station })) })),
  };
  if (s.contest.teams) file.teams = s.contest.teams;
  return file;
}
