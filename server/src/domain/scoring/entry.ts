import { aggregateValues, type Aggregated } from './aggregate';
import { UNIT } from './decimal';
import { ratio, roundToUnits, times, type Ratio } from './ratio';
import type { Criterion, EntryInput, EntryResult, Scheme } from './types';

/** Part key of the aggregated panel when an event aggregates over judges' totals. */
export const PANEL_PART = 'panel';

export function weightOf(c: Criterion): Ratio {
  return ratio(c.weight, 100);
}

/** The values submitted for one criterion, in the order of the judges assigned to it. */
export function valuesFor(scheme: Scheme, c: Criterion, e: EntryInput): number[] {
  const judges = scheme.assignments[c.key] ?? [];
  const out: number[] = [];
  for (const j of judges) {
    const sheet = e.sheets.find((s) => s.judge === j);
    const v = sheet?.scores[c.key];
    if (v !== undefined) out.push(v);
  }
  return out;
}

/** One criterion aggregated across its judges (measured: mean), before the weight; in points. */
export function aggregateCriterion(scheme: Scheme, c: Criterion, e: EntryInput): Aggregated | null {
  const values = valuesFor(scheme, c, e);
  return c.kind === 'judged'
    ? aggregateValues(values, scheme.method, scheme.trim, 100)
    : aggregateValues(values, 'mean', 0, 100);
}

export function isComplete(scheme: Scheme, e: EntryInput): boolean {
  for (const c of scheme.criteria) {
    for (const j of scheme.assignments[c.key] ?? []) {
      const sheet = e.sheets.find((s) => s.judge === j);
      if (sheet?.scores[c.key] === undefined) return false;
    }
  }
  return true;
}

/** Rounds an exact value once, half up, to the event's precision; returns units. */
export function roundPart(scheme: Scheme, exact: Ratio): number {
  const p = 10 ** scheme.precision;
  return roundToUnits(exact, p) * (UNIT / p);
}

/** Each judge's exact weighted total of the judged criteria they marked, in units. */
export function judgeTotals(scheme: Scheme, e: EntryInput): number[] {
  const totals: number[] = [];
  for (const sheet of e.sheets) {
    let t = 0;
    let any = false;
    for (const c of scheme.criteria) {
      if (c.kind !== 'judged') continue;
      const v = sheet.scores[c.key];
      if (v === undefined || !(scheme.assignments[c.key] ?? []).includes(sheet.judge)) continue;
      t += v * c.weight; // hundredths × hundredths = units
      any = true;
    }
    if (any) totals.push(t);
  }
  return totals;
}

function tieValues(scheme: Scheme, e: EntryInput, deductions: number): (Ratio | null)[] {
  return scheme.tieBreak.map((tb) => {
    if (tb.kind === 'fewerDeductions') return ratio(deductions, UNIT);
    const c = scheme.criteria.find((x) => x.key === tb.key);
    if (!c) return null;
    const agg = aggregateCriterion(scheme, c, e);
    return agg ? times(agg.value, weightOf(c)) : null;
  });
}

/**
 * Parts, total and flags of one entry. Every part is computed exactly and rounded once, so the
 * published parts always add up to the published total.
 */
export function computeEntry(scheme: Scheme, e: EntryInput): EntryResult {
  const parts: Record<string, number> = {};
  let fallback = false;
  if (scheme.over === 'total') {
    const agg = aggregateValues(judgeTotals(scheme, e), scheme.method, scheme.trim, UNIT);
    parts.panel = agg ? roundPart(scheme, agg.value) : 0;
    fallback = agg?.fallback ?? false;
  }
  for (const c of scheme.criteria) {
    if (scheme.over === 'total' && c.kind === 'judged') continue;
    const agg = aggregateCriterion(scheme, c, e);
    parts[c.key] = agg ? roundPart(scheme, times(agg.value, weightOf(c))) : 0;
    fallback ||= agg?.fallback ?? false;
  }
  let deductionsH = 0;
  for (const d of e.deductions) deductionsH += d;
  const deductions = deductionsH * (UNIT / 100);
  let sum = 0;
  for (const k in parts) sum += parts[k];
  return {
    bib: e.bib,
    station: e.station,
    status: e.status,
    parts,
    total: Math.max(0, sum - deductions),
    deductions,
    complete: isComplete(scheme, e),
    trimFallback: fallback,
    tieValues: tieValues(scheme, e, deductions),
  };
}
