import { KEY_PATTERN, KEY_RULE } from '../contracts/contest-file';
import type { ImportProblem, ImportRow } from '../contracts/importer';

const LIMITS = { bib: 20, name: 40, organization: 60, station: 20 } as const;

export interface ImportEvent {
  id: number;
  key: string;
  name: string;
}

/** The event a row names, by key (any letter case) or by name. */
export function eventOfRow<E extends ImportEvent>(events: readonly E[], r: ImportRow): E | undefined {
  return events.find((e) => e.key.toLowerCase() === r.event.toLowerCase() || e.name === r.event);
}

/** What an import checks its rows against: the contest's events and what is already stored. */
export interface StoredForImport<E extends ImportEvent = ImportEvent> {
  events: readonly E[];
  contestants: readonly { id: number; bib: string; name: string; organization: string }[];
  entries: readonly { eventId: number; contestantId: number; station: string }[];
}

export interface ImportPlan<E extends ImportEvent = ImportEvent> {
  problems: ImportProblem[];
  /** bib → the first row that names it, for contestants not stored yet */
  newPeople: Map<string, ImportRow>;
  /** event key → entries the import adds */
  newEntries: Record<string, number>;
  /** the event of each row (undefined where the row names no known event) */
  eventOf: (row: ImportRow) => E | undefined;
  /** `eventId|station` of every station taken, the file's included */
  stations: Set<string>;
}

/** Checks every row against the stored contest; nothing is written. */
export function planImport<E extends ImportEvent>(rows: readonly ImportRow[], stored: StoredForImport<E>): ImportPlan<E> {
  const { events } = stored;
  const problems: ImportProblem[] = [];
  const eventOf = (r: ImportRow) => eventOfRow(events, r);
  const byBib = new Map(stored.contestants.map((c) => [c.bib, c]));
  const idToBib = new Map(stored.contestants.map((c) => [c.id, c.bib]));
  const taken = new Set(stored.entries.map((e) => `${e.eventId}|${idToBib.get(e.contestantId)}`));
  const stations = new Set(stored.entries.map((e) => `${e.eventId}|${e.station}`));
  const fileBib = new Map<string, ImportRow>();
  for (const r of rows) {
    const at = (field: string, message: string) => problems.push({ row: r.row, field, message });
    for (const f of ['bib', 'name', 'organization'] as const) {
      if (!r[f]) at(f, 'empty');
      else if (r[f].length > LIMITS[f]) at(f, `longer than ${LIMITS[f]} characters`);
    }
    if (r.station.length > LIMITS.station) at('station', `longer than ${LIMITS.station} characters`);
    // the same rule as the contest file: bibs and stations end up in URLs, file names and exports
    if (r.bib && !KEY_PATTERN.test(r.bib)) at('bib', KEY_RULE);
    if (r.station && !KEY_PATTERN.test(r.station)) at('station', KEY_RULE);
    const ev = eventOf(r);
    if (!r.event) at('event', 'empty');
    else if (!ev) at('event', `unknown event "${r.event}" (events: ${events.map((e) => `${e.key}/${e.name}`).join(', ')})`);
    if (!r.bib) continue;
    const known = byBib.get(r.bib) ?? fileBib.get(r.bib);
    if (known && (known.name !== r.name || known.organization !== r.organization)) {
      at('bib', `bib ${r.bib} already belongs to ${known.name} (${known.organization})`);
    }
    if (!fileBib.has(r.bib)) fileBib.set(r.bib, r);
    if (ev) {
      const k = `${ev.id}|${r.bib}`;
      if (taken.has(k)) at('bib', `bib ${r.bib} is already entered in ${ev.name}`);
      taken.add(k);
      if (r.station) {
        const s = `${ev.id}|${r.station}`;
        if (stations.has(s)) at('station', `station ${r.station} is already taken in ${ev.name}`);
        stations.add(s);
      }
    }
  }
  const newPeople = new Map([...fileBib].filter(([b]) => !byBib.has(b)));
  const newEntries: Record<string, number> = {};
  for (const r of rows) {
    const ev = eventOf(r);
    if (ev) newEntries[ev.key] = (newEntries[ev.key] ?? 0) + 1;
  }
  return { problems, newPeople, newEntries, eventOf, stations };
}
