import type { ContestFile, ContestFileInput } from '@skillscore/server/contracts';
import { numberText, percentText } from './decimal-text';

/**
 * The contest file as the setup form holds it: every number as the text typed, lists in the
 * order of the file, so that a problem's path (`events[0].criteria[1].max`) names a form field.
 */
export interface DraftJudge {
  key: string;
  name: string;
  /** empty: the server keeps the stored PIN, or makes one for a new judge */
  pin: string;
}

export interface DraftContestant {
  bib: string;
  name: string;
  organization: string;
}

export interface DraftCriterion {
  key: string;
  name: string;
  kind: 'judged' | 'measured';
  max: string;
  step: string;
  weight: string;
  tolerance: string;
}

export interface DraftTieBreak {
  by: 'criterion' | 'fewerDeductions';
  criterion: string;
  order: 'desc' | 'asc';
}

export interface DraftAward {
  name: string;
  by: 'share' | 'count';
  /** percent of the ranked entries */
  sharePercent: string;
  count: string;
  minTotal: string;
}

export interface DraftPanelMember {
  judge: string;
  /** true: every judged criterion; false: only `criteria` */
  all: boolean;
  criteria: string[];
}

export interface DraftEntry {
  bib: string;
  station: string;
}

export type OptionalEventField = 'precision' | 'aggregate' | 'tieBreak' | 'awards' | 'chiefJudge';

export interface DraftEvent {
  key: string;
  name: string;
  precision: string;
  criteria: DraftCriterion[];
  over: 'criterion' | 'total';
  method: 'mean' | 'trimmed' | 'median';
  trim: string;
  tieBreak: DraftTieBreak[];
  awards: DraftAward[];
  panel: DraftPanelMember[];
  chiefJudge: string;
  entries: DraftEntry[];
  /** optional fields the loaded file wrote out, so that saving an unchanged form writes the same file */
  given: OptionalEventField[];
}

export interface DraftTeams {
  size: string;
  /** null: every event */
  events: string[] | null;
}

export interface ContestDraft {
  code: string;
  title: string;
  venue: string;
  locale: string;
  judges: DraftJudge[];
  contestants: DraftContestant[];
  events: DraftEvent[];
  /** null: the contest file leaves `teams` out (size 3, every event) */
  teams: DraftTeams | null;
}

export function emptyCriterion(): DraftCriterion {
  return { key: '', name: '', kind: 'judged', max: '', step: '', weight: '', tolerance: '' };
}

export function emptyEvent(): DraftEvent {
  return {
    key: '',
    name: '',
    precision: '',
    criteria: [emptyCriterion()],
    over: 'criterion',
    method: 'mean',
    trim: '',
    tieBreak: [],
    awards: [],
    panel: [],
    chiefJudge: '',
    entries: [],
    given: [],
  };
}

export function emptyDraft(): ContestDraft {
  return { code: '', title: '', venue: '', locale: 'zh-CN', judges: [], contestants: [], events: [emptyEvent()], teams: null };
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

type EventInput = NonNullable<ContestFileInput['events']>[number];

function eventToDraft(ev: EventInput): DraftEvent {
  const given = (['precision', 'aggregate', 'tieBreak', 'awards', 'chiefJudge'] as const).filter((k) => ev[k] !== undefined);
  return {
    key: str(ev.key),
    name: str(ev.name),
    precision: numberText(ev.precision),
    criteria: (ev.criteria ?? []).map((c) => ({
      key: str(c.key),
      name: str(c.name),
      kind: c.kind === 'measured' ? 'measured' : 'judged',
      max: numberText(c.max),
      step: numberText(c.step),
      weight: numberText(c.weight),
      tolerance: numberText(c.tolerance),
    })),
    over: ev.aggregate?.over === 'total' ? 'total' : 'criterion',
    method: ev.aggregate?.method === 'trimmed' || ev.aggregate?.method === 'median' ? ev.aggregate.method : 'mean',
    trim: numberText(ev.aggregate?.trim),
    tieBreak: (ev.tieBreak ?? []).map((t) =>
      'criterion' in t ? { by: 'criterion', criterion: str(t.criterion), order: t.order === 'asc' ? 'asc' : 'desc' } : { by: 'fewerDeductions', criterion: '', order: 'desc' },
    ),
    awards: (ev.awards ?? []).map((a) => ({
      name: str(a.name),
      by: a.count !== undefined && a.share === undefined ? 'count' : 'share',
      sharePercent: percentText(a.share),
      count: numberText(a.count),
      minTotal: numberText(a.minTotal),
    })),
    panel: (ev.panel ?? []).map((p) => ({ judge: str(p.judge), all: p.criteria === undefined, criteria: (p.criteria ?? []).map(str) })),
    chiefJudge: str(ev.chiefJudge),
    entries: (ev.entries ?? []).map((x) => ({ bib: str(x.bib), station: str(x.station) })),
    given,
  };
}

/** A contest file (from the server, or a JSON file) as a form draft. */
export function draftFromFile(file: ContestFileInput | ContestFile): ContestDraft {
  return {
    code: str(file.code),
    title: str(file.title),
    venue: str(file.venue),
    locale: str(file.locale) || 'zh-CN',
    judges: (file.judges ?? []).map((j) => ({ key: str(j.key), name: str(j.name), pin: str(j.pin) })),
    contestants: (file.contestants ?? []).map((c) => ({ bib: str(c.bib), name: str(c.name), organization: str(c.organization) })),
    events: (file.events ?? []).map(eventToDraft),
    teams: file.teams ? { size: numberText(file.teams.size), events: file.teams.events ? [...file.teams.events] : null } : null,
  };
}
