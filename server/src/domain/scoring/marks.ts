import { hundredthsToNumber, toHundredths } from './decimal';
import type { Problem } from './problems';
import { criteriaOfJudge } from './scheme';
import type { Criterion, Scheme } from './types';

/** Why one mark is not acceptable for its criterion, or null when it is. */
export function markProblem(c: Criterion, value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
  const v = toHundredths(value);
  const step = hundredthsToNumber(c.step);
  if (v === null) return `must have at most two decimals (step ${step})`;
  if (v < 0 || v > c.max) return `must be between 0 and ${hundredthsToNumber(c.max)} (got ${value})`;
  if (v % c.step !== 0) return `must be a multiple of ${step} (got ${value})`;
  return null;
}

export type SheetCheck =
  | { readonly ok: true; readonly scores: Record<string, number> }
  | { readonly ok: false; readonly problems: Problem[] };

/**
 * Checks one judge's sheet: every assigned criterion present, nothing else, each mark within
 * 0..max and a multiple of the step. Returns the marks in hundredths.
 */
export function checkSheet(scheme: Scheme, judge: string, scores: unknown): SheetCheck {
  if (typeof scores !== 'object' || scores === null || Array.isArray(scores)) {
    return { ok: false, problems: [{ path: 'scores', message: 'must be an object of criterion key → mark' }] };
  }
  const problems: Problem[] = [];
  const mine = criteriaOfJudge(scheme, judge);
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(scores)) {
    const c = scheme.criteria.find((x) => x.key === key);
    if (!c) {
      problems.push({ path: `scores.${key}`, message: 'unknown criterion' });
    } else if (!mine.includes(c)) {
      problems.push({ path: `scores.${key}`, message: 'this judge is not assigned to mark this criterion' });
    } else {
      const p = markProblem(c, value);
      if (p) problems.push({ path: `scores.${key}`, message: p });
      else out[key] = toHundredths(value as number)!;
    }
  }
  for (const c of mine) {
    if (!(c.key in (scores as Record<string, unknown>))) problems.push({ path: `scores.${c.key}`, message: 'missing: every assigned criterion needs a mark' });
  }
  return problems.length ? { ok: false, problems } : { ok: true, scores: out };
}
