import type { EventFile } from '../contracts/contest-file';
import type { RecheckDifference } from '../contracts/recheck';
import { toHundredths, unitsToNumber } from '../domain/scoring/decimal';
import { schemeFromEventFile } from '../domain/scoring/scheme';
import { computeStandings } from '../domain/scoring/standings';
import type { EntryInput, EntryStatus, RankedEntry, Scheme } from '../domain/scoring/types';

/**
 * Results rebuilt from the audit trail alone: the contest's setup as its creation, edits, imports
 * and station draws recorded it, then every sheet, reopen, deduction and status in chain order,
 * run through the scoring engine. Nothing here reads the tables the server keeps its state in, so
 * a mark changed there behind the server's back shows up as a difference.
 */

/** An event's setup as the trail records it: its scheme (the contest file's event without entries) and its entries as [bib, station]. */
export interface EventSetup {
  scheme: Omit<EventFile, 'entries'>;
  entries: [string, string][];
}

/**
 * What a creation, edit or import record carries for the replay, in its `after.setup`:
 * - `judges`: every judge key of the contest after the act (a judge who is gone takes their sheets along);
 * - `events`: the whole setup of each event named, after the act (null: the event was removed);
 * - `entries`: the whole entry list of each event named, its scheme unchanged.
 */
export interface SetupPayload {
  judges?: string[];
  events?: Record<string, EventSetup | null>;
  entries?: Record<string, [string, string][]>;
}

export function eventSetup(scheme: Omit<EventFile, 'entries'>, entries: readonly { bib: string; station: string }[]): EventSetup {
  return { scheme, entries: entries.map((x) => [x.bib, x.station]) };
}

/** One audit record as the replay reads it: before/after already parsed from their JSON. */
export interface ReplayRecord {
  action: string;
  event: string | null;
  station: string | null;
  judge: string | null;
  before: unknown;
  after: unknown;
}

/** The actions that change results or what they are computed from; every other record is passed over. */
export const REPLAYED_ACTIONS = ['contest.create', 'contest.edit', 'event.edit', 'import', 'stations.draw', 'sheet.submit', 'sheet.reopen', 'deduction.add', 'deduction.void', 'entry.status'] as const;
const REPLAYED = new Set<string>(REPLAYED_ACTIONS);
/** Of those, the ones written for the whole contest (no event): they may carry any event's setup. */
export const CONTEST_WIDE_ACTIONS = ['contest.create', 'contest.edit', 'import'] as const;

interface ReplaySheet {
  /** criterion key → hundredths */
  scores: Record<string, number>;
  submitted: boolean;
}

interface ReplayEntry {
  station: string;
  status: EntryStatus;
  /** judge key → that judge's sheet */
  sheets: Map<string, ReplaySheet>;
}

interface ReplayEvent {
  scheme: Scheme;
  /** bib → entry, in the order the setup listed them */
  entries: Map<string, ReplayEntry>;
  /** deduction id → the entry's bib and the points in hundredths */
  deductions: Map<number, { bib: string; points: number }>;
  /** station → bib, rebuilt after the entries or their stations change */
  byStation: Map<string, string> | null;
}

/** A record the replay could not place: the trail says something its setup does not explain. */
export interface ReplayProblem {
  position: number;
  event: string | null;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function pairs(v: unknown): [string, string][] | null {
  if (!Array.isArray(v)) return null;
  const out: [string, string][] = [];
  for (const p of v) {
    if (Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'string') out.push([p[0], p[1]]);
    else if (isObject(p) && typeof p.bib === 'string' && typeof p.station === 'string') out.push([p.bib, p.station]);
    else return null;
  }
  return out;
}

function hundredthsOf(scores: unknown): Record<string, number> | null {
  if (!isObject(scores)) return null;
  const out: Record<string, number> = {};
  for (const k in scores) {
    const h = toHundredths(scores[k] as number);
    if (h === null) return null;
    out[k] = h;
  }
  return out;
}

/**
 * Replays one contest's trail, fed record by record in chain order. `only` limits it to the
 * named events (the records of other events are then skipped cheaply).
 */
export class TrailReplay {
  private readonly events = new Map<string, ReplayEvent>();
  readonly problems: ReplayProblem[] = [];
  private position = 0;
  /** records replayed, per event key (null: the contest-wide ones) */
  private readonly counts = new Map<string | null, number>();

  constructor(private readonly only: ReadonlySet<string> | null = null) {}

  feed(r: ReplayRecord, position = this.position + 1): void {
    this.position = position;
    if (!REPLAYED.has(r.action)) return;
    if (r.event !== null && this.only && !this.only.has(r.event)) return;
    this.counts.set(r.event, (this.counts.get(r.event) ?? 0) + 1);
    const after = isObject(r.after) ? r.after : null;
    if (isObject(after?.setup)) {
      try {
        this.setup(after.setup as SetupPayload);
      } catch (e) {
        // only a record changed behind the server holds a setup the rules refuse; the chain check names it too
        this.problems.push({ position: this.position, event: r.event, message: `audit record ${this.position} (${r.action}): a setup the replay cannot read (${e instanceof Error ? e.message : String(e)})` });
      }
    }
    if (r.event === null) return;
    const ev = this.events.get(r.event);
    switch (r.action) {
      case 'stations.draw': {
        const drawn = pairs(r.after);
        if (!ev || !drawn) return this.problem(r, 'a station draw the replay cannot place');
        for (const [bib, station] of drawn) {
          const e = ev.entries.get(bib);
          if (e) e.station = station;
        }
        ev.byStation = null;
        return;
      }
      case 'sheet.submit': {
        const e = this.entryAt(ev, r);
        const scores = hundredthsOf(after?.scores);
        if (!e || !r.judge || !scores) return this.problem(r, `a sheet for station ${r.station} the replay cannot place`);
        e.sheets.set(r.judge, { scores, submitted: true });
        return;
      }
      case 'sheet.reopen': {
        const sheet = r.judge ? this.entryAt(ev, r)?.sheets.get(r.judge) : undefined;
        if (!sheet) return this.problem(r, `a reopen of a sheet the trail never received (station ${r.station}, judge ${r.judge})`);
        sheet.submitted = false;
        return;
      }
      case 'deduction.add': {
        const e = this.entryAt(ev, r);
        const points = typeof after?.points === 'number' ? toHundredths(after.points) : null;
        if (!ev || !e || typeof after?.id !== 'number' || points === null) return this.problem(r, `a deduction for station ${r.station} the replay cannot place`);
        ev.deductions.set(after.id, { bib: this.bibAt(ev, r.station!)!, points });
        return;
      }
      case 'deduction.void': {
        const id = isObject(r.before) ? r.before.id : undefined;
        if (!ev || typeof id !== 'number' || !ev.deductions.delete(id)) return this.problem(r, `a withdrawal of deduction ${String(id)} the trail never recorded`);
        return;
      }
      case 'entry.status': {
        const e = this.entryAt(ev, r);
        const status = after?.status as EntryStatus | undefined;
        if (!e || !status) return this.problem(r, `a status for station ${r.station} the replay cannot place`);
        e.status = status;
        return;
      }
    }
  }

  private problem(r: ReplayRecord, message: string): void {
    // records of an event whose setup predates the recorded setups are not problems of their own: the event is not known at all
    if (r.event !== null && !this.events.has(r.event)) return;
    this.problems.push({ position: this.position, event: r.event, message: `audit record ${this.position} (${r.action}): ${message}` });
  }

  private bibAt(ev: ReplayEvent, station: string): string | undefined {
    if (!ev.byStation) {
      ev.byStation = new Map();
      for (const [bib, e] of ev.entries) ev.byStation.set(e.station, bib);
    }
    return ev.byStation.get(station);
  }

  private entryAt(ev: ReplayEvent | undefined, r: ReplayRecord): ReplayEntry | undefined {
    if (!ev || r.station === null) return undefined;
    const bib = this.bibAt(ev, r.station);
    return bib === undefined ? undefined : ev.entries.get(bib);
  }

  private setup(s: SetupPayload): void {
    if (Array.isArray(s.judges)) {
      const judges = new Set(s.judges);
      // a judge removed from the contest is deleted with their login: their sheets no longer count, even if the key comes back
      for (const ev of this.events.values()) for (const e of ev.entries.values()) for (const j of e.sheets.keys()) if (!judges.has(j)) e.sheets.delete(j);
    }
    for (const [key, setup] of Object.entries(s.events ?? {})) {
      if (this.only && !this.only.has(key)) continue;
      if (setup === null) {
        this.events.delete(key);
        continue;
      }
      const scheme = schemeFromEventFile({ ...setup.scheme, entries: [] } as EventFile);
      const ev = this.events.get(key) ?? { scheme, entries: new Map(), deductions: new Map(), byStation: null };
      ev.scheme = scheme;
      this.events.set(key, ev);
      this.entries(ev, pairs(setup.entries) ?? []);
    }
    for (const [key, list] of Object.entries(s.entries ?? {})) {
      const ev = this.events.get(key);
      if (ev && (!this.only || this.only.has(key))) this.entries(ev, pairs(list) ?? []);
    }
  }

  /** The event's entries become exactly `list`: one removed takes its marks, deductions and status along; one added starts afresh. */
  private entries(ev: ReplayEvent, list: [string, string][]): void {
    const wanted = new Map(list);
    ev.byStation = null;
    for (const bib of [...ev.entries.keys()]) if (!wanted.has(bib)) ev.entries.delete(bib);
    for (const [id, d] of [...ev.deductions]) if (!wanted.has(d.bib)) ev.deductions.delete(id);
    for (const [bib, station] of list) {
      const e = ev.entries.get(bib);
      if (e) e.station = station;
      else ev.entries.set(bib, { station, status: 'competing', sheets: new Map() });
    }
  }

  /** How many records the replay of this event read: its own and the contest-wide ones. */
  replayedFor(event: string): number {
    return (this.counts.get(event) ?? 0) + (this.counts.get(null) ?? 0);
  }

  /** Whether the trail holds this event's setup (a contest created before setups were recorded does not). */
  knows(event: string): boolean {
    return this.events.has(event);
  }

  /** The event's inputs to the scoring engine, as the trail has them now. */
  inputs(event: string): EntryInput[] | null {
    const ev = this.events.get(event);
    if (!ev) return null;
    const deductions = new Map<string, number[]>();
    for (const d of ev.deductions.values()) deductions.set(d.bib, [...(deductions.get(d.bib) ?? []), d.points]);
    const out: EntryInput[] = [];
    for (const [bib, e] of ev.entries) {
      const sheets = [];
      for (const [judge, s] of e.sheets) if (s.submitted) sheets.push({ judge, scores: s.scores });
      out.push({ bib, station: e.station, status: e.status, sheets, deductions: deductions.get(bib) ?? [] });
    }
    return out;
  }

  /** The event's standings recomputed from the trail; null when the trail holds no setup for it. */
  standings(event: string): readonly RankedEntry[] | null {
    const inputs = this.inputs(event);
    return inputs ? computeStandings(this.events.get(event)!.scheme, inputs).rows : null;
  }
}

/** The fields of a result row that are compared, in the order differences are listed. */
const FIELDS = ['rank', 'total', 'deductions', 'complete', 'status', 'award'] as const;

type Value = string | number | boolean | null;

function published(r: RankedEntry, field: (typeof FIELDS)[number]): Value {
  switch (field) {
    case 'total':
    case 'deductions':
      return unitsToNumber(r[field]);
    default:
      return r[field];
  }
}

/**
 * Every field in which the published results and the recomputed ones disagree, entry by entry
 * (by bib): rank, total, each part (`parts.KEY`), deductions, complete, status and award. An
 * entry only one side has is one difference with field `entry`.
 */
export function compareResults(pub: readonly RankedEntry[], re: readonly RankedEntry[]): RecheckDifference[] {
  const out: RecheckDifference[] = [];
  const theirs = new Map(re.map((r) => [r.bib, r]));
  for (const p of pub) {
    const r = theirs.get(p.bib);
    if (!r) {
      out.push({ bib: p.bib, field: 'entry', published: p.station, recomputed: null });
      continue;
    }
    theirs.delete(p.bib);
    for (const f of FIELDS) {
      const a = published(p, f);
      const b = published(r, f);
      if (a !== b) out.push({ bib: p.bib, field: f, published: a, recomputed: b });
    }
    for (const k of new Set([...Object.keys(p.parts), ...Object.keys(r.parts)])) {
      const a = k in p.parts ? unitsToNumber(p.parts[k]) : null;
      const b = k in r.parts ? unitsToNumber(r.parts[k]) : null;
      if (a !== b) out.push({ bib: p.bib, field: `parts.${k}`, published: a, recomputed: b });
    }
  }
  for (const r of theirs.values()) out.push({ bib: r.bib, field: 'entry', published: null, recomputed: r.station });
  return out;
}
