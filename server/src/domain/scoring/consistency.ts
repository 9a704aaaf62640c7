import { aggregateCriterion, valuesFor } from './entry';
import { add, ratio, sub, ZERO, type Ratio } from './ratio';
import type { EntryInput, Scheme } from './types';

export interface ToleranceAlert {
  readonly bib: string;
  readonly station: string;
  readonly criterion: string;
  /** hundredths */
  readonly min: number;
  readonly max: number;
  readonly spread: number;
  readonly tolerance: number;
  readonly values: readonly { readonly judge: string; readonly value: number }[];
}

/** Judged criteria of one entry whose submitted values spread more than the criterion's tolerance. */
export function toleranceAlerts(scheme: Scheme, e: EntryInput): ToleranceAlert[] {
  const alerts: ToleranceAlert[] = [];
  for (const c of scheme.criteria) {
    if (c.kind !== 'judged' || c.tolerance === null) continue;
    const values: { judge: string; value: number }[] = [];
    for (const j of scheme.assignments[c.key] ?? []) {
      const v = e.sheets.find((s) => s.judge === j)?.scores[c.key];
      if (v !== undefined) values.push({ judge: j, value: v });
    }
    if (values.length < 2) continue;
    let min = Infinity;
    let max = -Infinity;
    for (const { value } of values) {
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    if (max - min > c.tolerance) {
      alerts.push({ bib: e.bib, station: e.station, criterion: c.key, min, max, spread: max - min, tolerance: c.tolerance, values });
    }
  }
  return alerts;
}

export interface JudgeDeviation {
  readonly judge: string;
  /** how many (entry, criterion) marks were compared */
  readonly count: number;
  /** mean of (judge's mark − panel aggregate) in points: negative is harsh, positive lenient */
  readonly mean: Ratio;
}

/** Per judge, the mean deviation of their judged marks from the panel's aggregate, across all competing entries. */
export function judgeDeviations(scheme: Scheme, entries: readonly EntryInput[]): JudgeDeviation[] {
  const acc = new Map<string, { sum: Ratio; count: number }>();
  for (const e of entries) {
    if (e.status !== 'competing') continue;
    for (const c of scheme.criteria) {
      if (c.kind !== 'judged' || valuesFor(scheme, c, e).length < 2) continue;
      const agg = aggregateCriterion(scheme, c, e);
      if (!agg) continue;
      for (const s of e.sheets) {
        const v = s.scores[c.key];
        if (v === undefined || !(scheme.assignments[c.key] ?? []).includes(s.judge)) continue;
        const a = acc.get(s.judge) ?? { sum: ZERO, count: 0 };
        a.sum = add(a.sum, sub(ratio(v, 100), agg.value));
        a.count++;
        acc.set(s.judge, a);
      }
    }
  }
  return [...acc.entries()]
    .map(([judge, a]) => ({ judge, count: a.count, mean: ratio(a.sum.num, a.sum.den * a.count) }))
    .sort((x, y) => x.judge.localeCompare(y.judge));
}
