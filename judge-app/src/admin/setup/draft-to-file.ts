import type { AwardTierFile, ContestFile, CriterionFile, EventFile, Problem, TieBreakFile } from '@skillscore/server/contracts';
import { validateContestFile } from '@skillscore/server/scoring';
import { readNumber, shiftDecimal } from './decimal-text';
import type { ContestDraft, DraftEvent } from './draft';

/** The same limits the server's contest file schema sets. */
export const LIMITS = { code: 32, title: 200, venue: 200, locale: 20, key: 40, judgeName: 40, eventName: 60, criterionName: 60, awardName: 40, bib: 20, person: 40, organization: 60 } as const;
const CODE = /^[A-Za-z0-9_-]{2,32}$/;

/** Reads the draft field by field; problems are worded as the server words them, so one table translates both. */
class Reader {
  readonly problems: Problem[] = [];

  at(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  text(path: string, value: string, max: number): string {
    const v = value.trim();
    if (v === '') this.at(path, 'must not be empty');
    else if (v.length > max) this.at(path, `at most ${max} characters`);
    return v;
  }

  optionalText(path: string, value: string, max: number): string {
    const v = value.trim();
    if (v.length > max) this.at(path, `at most ${max} characters`);
    return v;
  }

  /** NaN stays in the file so the rule checks run on the rest; the field already has its problem. */
  number(path: string, value: string, opts: { required?: boolean; whole?: boolean } = {}): number | undefined {
    const n = readNumber(value);
    if (n === null) {
      if (opts.required) this.at(path, 'must not be empty');
      return opts.required ? Number.NaN : undefined;
    }
    if (Number.isNaN(n)) this.at(path, 'must be a number');
    else if (opts.whole && !Number.isInteger(n)) this.at(path, 'must be a whole number');
    return n;
  }
}

function readEvent(r: Reader, ev: DraftEvent, path: string): EventFile {
  const criteria = ev.criteria.map((c, i): CriterionFile => {
    const cp = `${path}.criteria[${i}]`;
    const out: CriterionFile = { key: r.text(`${cp}.key`, c.key, LIMITS.key), name: r.text(`${cp}.name`, c.name, LIMITS.criterionName), kind: c.kind, max: r.number(`${cp}.max`, c.max, { required: true })! };
    const step = r.number(`${cp}.step`, c.step);
    const weight = r.number(`${cp}.weight`, c.weight);
    const tolerance = r.number(`${cp}.tolerance`, c.tolerance);
    if (step !== undefined) out.step = step;
    if (weight !== undefined) out.weight = weight;
    if (tolerance !== undefined) out.tolerance = tolerance;
    return out;
  });
  if (criteria.length === 0) r.at(`${path}.criteria`, 'an event needs at least one criterion');

  const file: EventFile = { key: r.text(`${path}.key`, ev.key, LIMITS.key), name: r.text(`${path}.name`, ev.name, LIMITS.eventName), criteria, panel: [], entries: [] };
  const precision = r.number(`${path}.precision`, ev.precision, { whole: true });
  if (precision !== undefined) file.precision = precision;

  const trim = r.number(`${path}.aggregate.trim`, ev.method === 'trimmed' ? ev.trim : '', { whole: true });
  if (ev.given.includes('aggregate') || ev.over !== 'criterion' || ev.method !== 'mean' || trim !== undefined) {
    file.aggregate = { over: ev.over, method: ev.method, ...(trim !== undefined ? { trim } : {}) };
  }

  const tieBreak = ev.tieBreak.map((t, i): TieBreakFile => {
    if (t.by === 'fewerDeductions') return { fewerDeductions: true };
    const criterion = r.text(`${path}.tieBreak[${i}].criterion`, t.criterion, LIMITS.key);
    return t.order === 'asc' ? { criterion, order: 'asc' } : { criterion };
  });
  if (tieBreak.length || ev.given.includes('tieBreak')) file.tieBreak = tieBreak;

  const awards = ev.awards.map((a, i): AwardTierFile => {
    const ap = `${path}.awards[${i}]`;
    const out: AwardTierFile = { name: r.text(`${ap}.name`, a.name, LIMITS.awardName) };
    if (a.by === 'share') {
      const share = shiftDecimal(a.sharePercent, -2);
      if (share === null) r.at(`${ap}.share`, 'must not be empty');
      else if (Number.isNaN(share)) r.at(`${ap}.share`, 'must be a number');
      out.share = share ?? Number.NaN;
    } else out.count = r.number(`${ap}.count`, a.count, { required: true, whole: true });
    const minTotal = r.number(`${ap}.minTotal`, a.minTotal);
    if (minTotal !== undefined) out.minTotal = minTotal;
    return out;
  });
  if (awards.length || ev.given.includes('awards')) file.awards = awards;

  file.panel = ev.panel.map((p, i) => {
    const judge = r.text(`${path}.panel[${i}].judge`, p.judge, LIMITS.key);
    return p.all ? { judge } : { judge, criteria: [...p.criteria] };
  });
  const chief = ev.chiefJudge.trim();
  if (chief) file.chiefJudge = chief;
  file.entries = ev.entries.map((x, i) => ({ bib: r.text(`${path}.entries[${i}].bib`, x.bib, LIMITS.bib), station: r.text(`${path}.entries[${i}].station`, x.station, LIMITS.bib) }));
  return file;
}

/** The draft as a contest file, with every problem of the form found without asking the server. */
export function draftToFile(draft: ContestDraft): { file: ContestFile; problems: Problem[] } {
  const r = new Reader();
  const code = draft.code.trim();
  if (!CODE.test(code)) r.at('code', code === '' ? 'must not be empty' : 'must be 2–32 letters, digits, "-" or "_"');
  const file: ContestFile = {
    code,
    title: r.text('title', draft.title, LIMITS.title),
    locale: r.optionalText('locale', draft.locale, LIMITS.locale) || 'zh-CN',
    venue: r.optionalText('venue', draft.venue, LIMITS.venue),
    judges: draft.judges.map((j, i) => {
      const pin = j.pin.trim();
      return { key: r.text(`judges[${i}].key`, j.key, LIMITS.key), name: r.text(`judges[${i}].name`, j.name, LIMITS.judgeName), ...(pin ? { pin } : {}) };
    }),
    contestants: draft.contestants.map((c, i) => ({
      bib: r.text(`contestants[${i}].bib`, c.bib, LIMITS.bib),
      name: r.text(`contestants[${i}].name`, c.name, LIMITS.person),
      organization: r.text(`contestants[${i}].organization`, c.organization, LIMITS.organization),
    })),
    events: draft.events.map((ev, i) => readEvent(r, ev, `events[${i}]`)),
  };
  if (draft.teams) {
    const size = r.number('teams.size', draft.teams.size, { whole: true });
    file.teams = { ...(size !== undefined ? { size } : {}), ...(draft.teams.events ? { events: [...draft.teams.events] } : {}) };
  }
  return { file, problems: r.problems };
}

/**
 * Every problem of the draft: the form's own (empty, not a number), then the contest file's rules
 * from the same validator the server runs. A field with a form problem gets no rule problem too.
 */
export function checkDraft(draft: ContestDraft): { file: ContestFile; problems: Problem[] } {
  const { file, problems } = draftToFile(draft);
  const flagged = new Set(problems.map((p) => p.path));
  let rules: Problem[];
  try {
    rules = validateContestFile(file);
  } catch {
    // a shape the rules cannot read yet: the form problems say what to fix first
    rules = [];
  }
  return { file, problems: [...problems, ...rules.filter((p) => !flagged.has(p.path))] };
}
