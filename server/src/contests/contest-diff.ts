import type { ContestFile, EventFile } from '../contracts/contest-file';
import type { Problem } from '../contracts/errors';
import { schemeFromEventFile } from '../domain/scoring/scheme';

/**
 * Why a change may not simply be applied:
 * - `marked`: marking has started, so the change alters results already computed — applied only
 *   when the organizer confirms;
 * - `final`: the event is signed off — the organizer must reopen it first. Every change inside a
 *   finalized event is guarded so, even one that alters no result (a new name, a panel written in
 *   another order): final means final. So is a change to a contestant entered in one.
 */
export type Guard = 'marked' | 'final';

export interface ContestChange {
  /** event key for changes inside one event, else null */
  event: string | null;
  /** what changed, as a person reads it: `title`, `judge J3`, `criteria`, `entry A001` */
  what: string;
  /** the field of the new file the change belongs to, for forms: `events[0].criteria` */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before: unknown;
  after: unknown;
  guard: Guard | null;
  /** for a change outside any one event guarded `final`: the finalized events it would change */
  finalEvents?: string[];
}

/** What is stored besides the file: which events are marked or signed off, whose marks exist. */
export interface EditState {
  /** event keys with at least one submitted sheet */
  marked: ReadonlySet<string>;
  /** event keys that are finalized */
  final: ReadonlySet<string>;
  /** judge keys with at least one submitted sheet */
  judgesWithMarks: ReadonlySet<string>;
  /** bibs with an entry in a marked event */
  bibsMarked: ReadonlySet<string>;
  /** bib → keys of the finalized events it is entered in */
  bibsFinal: ReadonlyMap<string, readonly string[]>;
}

/** Key order does not matter, and neither do fields left out versus written as undefined. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** The parts of an event that decide its results, each with its defaults filled in. */
function resultParts(ev: EventFile): Record<string, unknown> {
  const s = schemeFromEventFile(ev);
  return {
    precision: s.precision,
    criteria: s.criteria,
    aggregate: { over: s.over, method: s.method, trim: s.trim },
    tieBreak: s.tieBreak,
    awards: s.awards,
    // who marks each criterion, in any order: aggregation does not depend on it
    panel: Object.fromEntries(Object.entries(s.assignments).map(([k, js]) => [k, [...js].sort()])),
  };
}

const SCHEME_FIELDS = ['precision', 'criteria', 'aggregate', 'tieBreak', 'awards', 'panel'] as const;

function teamsOf(f: ContestFile): unknown {
  return { size: f.teams?.size ?? 3, events: f.teams?.events ?? null };
}

/** Every difference between the stored contest and the edited file, each with what guards it. */
export function diffContest(cur: ContestFile, next: ContestFile, state: EditState): ContestChange[] {
  const out: ContestChange[] = [];
  const push = (c: Omit<ContestChange, 'event'> & { event?: string | null }) => out.push({ ...c, event: c.event ?? null });
  const anyMarked = state.marked.size > 0;

  for (const field of ['title', 'venue', 'locale'] as const) {
    if (cur[field] !== next[field]) push({ what: field, path: field, kind: 'changed', before: cur[field], after: next[field], guard: null });
  }
  if (!same(cur.teams ?? null, next.teams ?? null)) {
    const guard = anyMarked && !same(teamsOf(cur), teamsOf(next)) ? 'marked' : null;
    push({ what: 'teams', path: 'teams', kind: 'changed', before: cur.teams ?? null, after: next.teams ?? null, guard });
  }

  const oldJudges = new Map(cur.judges.map((j) => [j.key, j]));
  const newJudgeKeys = new Set(next.judges.map((j) => j.key));
  next.judges.forEach((j, i) => {
    const o = oldJudges.get(j.key);
    if (!o) push({ what: `judge ${j.key}`, path: `judges[${i}]`, kind: 'added', before: null, after: { key: j.key, name: j.name }, guard: null });
    else {
      if (o.name !== j.name) push({ what: `judge ${j.key} name`, path: `judges[${i}].name`, kind: 'changed', before: o.name, after: j.name, guard: null });
      // the PIN itself never goes into the audit trail
      if (j.pin !== undefined && j.pin !== o.pin) push({ what: `judge ${j.key} PIN`, path: `judges[${i}].pin`, kind: 'changed', before: 'PIN', after: 'new PIN', guard: null });
    }
  });
  for (const o of cur.judges) {
    if (!newJudgeKeys.has(o.key)) push({ what: `judge ${o.key}`, path: 'judges', kind: 'removed', before: { key: o.key, name: o.name }, after: null, guard: state.judgesWithMarks.has(o.key) ? 'marked' : null });
  }

  const oldPeople = new Map(cur.contestants.map((c) => [c.bib, c]));
  const newBibs = new Set(next.contestants.map((c) => c.bib));
  next.contestants.forEach((c, i) => {
    const o = oldPeople.get(c.bib);
    if (!o) push({ what: `contestant ${c.bib}`, path: `contestants[${i}]`, kind: 'added', before: null, after: c, guard: null });
    else {
      // a name or organization shows in the signed-off results of every finalized event the contestant is in
      const finals = state.bibsFinal.get(c.bib) ?? [];
      const final = finals.length ? { guard: 'final' as const, finalEvents: [...finals] } : null;
      if (o.name !== c.name) push({ what: `contestant ${c.bib} name`, path: `contestants[${i}].name`, kind: 'changed', before: o.name, after: c.name, ...(final ?? { guard: null }) });
      // team results add members by organization
      if (o.organization !== c.organization) {
        push({ what: `contestant ${c.bib} organization`, path: `contestants[${i}].organization`, kind: 'changed', before: o.organization, after: c.organization, ...(final ?? { guard: state.bibsMarked.has(c.bib) ? 'marked' : null }) });
      }
    }
  });
  for (const o of cur.contestants) if (!newBibs.has(o.bib)) push({ what: `contestant ${o.bib}`, path: 'contestants', kind: 'removed', before: o, after: null, guard: null });

  const oldEvents = new Map(cur.events.map((e) => [e.key, e]));
  const newEventKeys = new Set(next.events.map((e) => e.key));
  const guardOf = (key: string): Guard | null => (state.final.has(key) ? 'final' : state.marked.has(key) ? 'marked' : null);
  next.events.forEach((ev, i) => {
    const o = oldEvents.get(ev.key);
    const base = `events[${i}]`;
    if (!o) {
      push({ event: ev.key, what: `event ${ev.key}`, path: base, kind: 'added', before: null, after: { key: ev.key, name: ev.name, entries: ev.entries.length }, guard: null });
      return;
    }
    const guard = guardOf(ev.key);
    // inside a finalized event every change is refused, whether or not it alters a result
    const plain = guard === 'final' ? 'final' : null;
    if (o.name !== ev.name) push({ event: ev.key, what: 'name', path: `${base}.name`, kind: 'changed', before: o.name, after: ev.name, guard: plain });
    if ((o.chiefJudge ?? null) !== (ev.chiefJudge ?? null)) push({ event: ev.key, what: 'chiefJudge', path: `${base}.chiefJudge`, kind: 'changed', before: o.chiefJudge ?? null, after: ev.chiefJudge ?? null, guard: plain });
    const before = resultParts(o);
    const after = resultParts(ev);
    for (const field of SCHEME_FIELDS) {
      if (same(o[field] ?? null, ev[field] ?? null)) continue;
      // a criterion renamed, or the same panel written in another order, changes no result
      const decisive = !same(before[field], after[field]);
      push({ event: ev.key, what: field, path: `${base}.${field}`, kind: 'changed', before: o[field] ?? null, after: ev[field] ?? null, guard: decisive ? guard : plain });
    }
    const oldEntries = new Map(o.entries.map((x) => [x.bib, x]));
    const newEntryBibs = new Set(ev.entries.map((x) => x.bib));
    ev.entries.forEach((x, j) => {
      const was = oldEntries.get(x.bib);
      if (!was) push({ event: ev.key, what: `entry ${x.bib}`, path: `${base}.entries[${j}]`, kind: 'added', before: null, after: x, guard: plain });
      else if (was.station !== x.station) push({ event: ev.key, what: `entry ${x.bib} station`, path: `${base}.entries[${j}].station`, kind: 'changed', before: was.station, after: x.station, guard });
    });
    for (const x of o.entries) if (!newEntryBibs.has(x.bib)) push({ event: ev.key, what: `entry ${x.bib}`, path: `${base}.entries`, kind: 'removed', before: x, after: null, guard });
  });
  for (const o of cur.events) {
    if (!newEventKeys.has(o.key)) push({ event: o.key, what: `event ${o.key}`, path: 'events', kind: 'removed', before: { key: o.key, name: o.name, entries: o.entries.length }, after: null, guard: guardOf(o.key) });
  }
  return out;
}

/** The finalized events a set of changes would change, each once, in the order met. */
export function finalizedEventsOf(changes: readonly ContestChange[]): string[] {
  const keys = new Set<string>();
  for (const c of changes) {
    if (c.guard !== 'final') continue;
    if (c.event) keys.add(c.event);
    for (const k of c.finalEvents ?? []) keys.add(k);
  }
  return [...keys];
}

/** Why each guarded change was refused, named by the field of the file it belongs to. */
export function guardProblems(changes: readonly ContestChange[]): Problem[] {
  return changes
    .filter((c) => c.guard)
    .map((c) => {
      const where = c.event ? `event "${c.event}"` : 'the contest';
      const act = `${c.kind === 'changed' ? 'changing' : c.kind === 'added' ? 'adding' : 'removing'} ${c.what}`;
      const finals = c.finalEvents ?? [];
      const message =
        c.guard === 'final'
          ? finals.length
            ? `${finals.length === 1 ? `finalized event "${finals[0]}" shows` : `finalized events ${finals.map((k) => `"${k}"`).join(', ')} show`} this contestant: reopen ${finals.length === 1 ? 'it' : 'them'} before ${act}`
            : `${where} is finalized: reopen it before ${act}`
          : `marking has started in ${where}: ${act} changes results already marked; send "confirm": true to apply it`;
      return { path: c.path, message };
    });
}
