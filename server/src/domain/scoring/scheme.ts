import type { EventFile } from '../../contracts/contest-file';
import { decimalRatio, hundredthsToUnits, toHundredths } from './decimal';
import type { AwardTier, Criterion, Scheme, TieBreak } from './types';

export const DEFAULT_PRECISION = 2;
/** A criterion without a step accepts any mark with at most two decimals. */
export const DEFAULT_STEP = 0.01;

function h(x: number): number {
  const v = toHundredths(x);
  if (v === null) throw new RangeError(`${x} has more than two decimals; validate the scheme first`);
  return v;
}

/**
 * Who marks what. A panel member with a `criteria` list marks exactly those; one without marks
 * every judged criterion. A measured criterion that no member lists is marked by the members
 * without a list (so a scheme of measured criteria alone still has someone to enter them).
 */
export function assignmentsOf(ev: Pick<EventFile, 'criteria' | 'panel'>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const general = ev.panel.filter((p) => !p.criteria).map((p) => p.judge);
  for (const c of ev.criteria) {
    const explicit = ev.panel.filter((p) => p.criteria?.includes(c.key)).map((p) => p.judge);
    const kind = c.kind ?? 'judged';
    out[c.key] = kind === 'judged' ? [...general, ...explicit] : explicit.length ? explicit : [...general];
  }
  for (const k in out) out[k] = [...new Set(out[k])];
  return out;
}

/** Normalizes a validated event of the contest file into the engine's scheme. */
export function schemeFromEventFile(ev: EventFile): Scheme {
  const criteria: Criterion[] = ev.criteria.map((c) => ({
    key: c.key,
    kind: c.kind ?? 'judged',
    max: h(c.max),
    step: h(c.step ?? DEFAULT_STEP),
    weight: h(c.weight ?? 1),
    tolerance: c.tolerance === undefined ? null : h(c.tolerance),
  }));
  const method = ev.aggregate?.method ?? 'mean';
  const trim = method === 'trimmed' ? (ev.aggregate?.trim ?? 1) : 0;
  const tieBreak: TieBreak[] = (ev.tieBreak ?? []).map((t) =>
    'criterion' in t ? { kind: 'criterion', key: t.criterion, order: t.order ?? 'desc' } : { kind: 'fewerDeductions' },
  );
  const awards: AwardTier[] = (ev.awards ?? []).map((a) => ({
    name: a.name,
    share: a.share === undefined ? null : decimalRatio(a.share),
    count: a.count ?? null,
    minTotal: a.minTotal === undefined ? null : hundredthsToUnits(h(a.minTotal)),
  }));
  return {
    precision: ev.precision ?? DEFAULT_PRECISION,
    criteria,
    over: ev.aggregate?.over ?? 'criterion',
    method,
    trim,
    tieBreak,
    awards,
    assignments: assignmentsOf(ev),
  };
}

/** The criteria one judge marks in this scheme, in scheme order. */
export function criteriaOfJudge(scheme: Scheme, judge: string): Criterion[] {
  return scheme.criteria.filter((c) => (scheme.assignments[c.key] ?? []).includes(judge));
}
