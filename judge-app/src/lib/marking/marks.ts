import type { JudgeEventScheme } from '@skillscore/server/contracts';
import { markProblem, toHundredths, type Criterion } from '@skillscore/server/scoring';

export type SchemeCriterion = JudgeEventScheme['criteria'][number];

/** Why a mark cannot be submitted; the words for each live in the i18n dictionaries. */
export type MarkIssue = 'empty' | 'notNumber' | 'decimals' | 'range' | 'step';

/** A criterion as the scoring rules see it: max and step in integer hundredths. */
export function ruleOf(c: SchemeCriterion): Criterion {
  return {
    key: c.key,
    kind: c.kind,
    max: toHundredths(c.max) ?? 0,
    step: toHundredths(c.step) || 1,
    weight: 100,
    tolerance: null,
  };
}

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0C\u3002]/g;

/**
 * Reads what a judge typed. Chinese input methods give full-width digits and 。 for the point,
 * and some keyboards a comma; all of them mean the same mark.
 */
export function parseMark(text: string): number | null {
  const ascii = text
    .replace(FULL_WIDTH, (ch) => {
      const code = ch.charCodeAt(0);
      if (code >= 0xff10 && code <= 0xff19) return String(code - 0xff10);
      return '.';
    })
    .replace(',', '.')
    .trim();
  if (ascii === '') return null;
  if (!/^\d*\.?\d*$/.test(ascii) || ascii === '.') return NaN;
  return Number(ascii);
}

/** The same verdict the server gives (markProblem), named so the tablet can explain it. */
export function markIssue(rule: Criterion, value: number | null): MarkIssue | null {
  if (value === null) return 'empty';
  if (markProblem(rule, value) === null) return null;
  if (!Number.isFinite(value)) return 'notNumber';
  const h = toHundredths(value);
  if (h === null) return 'decimals';
  if (h < 0 || h > rule.max) return 'range';
  return 'step';
}

/**
 * One press of − or +: moves by the step and stays on the step grid within 0..max.
 * An empty or off-grid mark snaps to the neighbouring valid mark in the pressed direction.
 */
export function stepMark(rule: Criterion, value: number | null, dir: 1 | -1): number {
  const h = value === null || !Number.isFinite(value) ? null : Math.round(value * 100);
  let next: number;
  if (h === null) next = dir > 0 ? rule.step : 0;
  else if (h % rule.step !== 0) next = dir > 0 ? Math.ceil(h / rule.step) * rule.step : Math.floor(h / rule.step) * rule.step;
  else next = h + dir * rule.step;
  const top = Math.floor(rule.max / rule.step) * rule.step;
  next = Math.min(Math.max(next, 0), top);
  return next / 100;
}

/** Decimals a mark is shown with: as many as the step needs (0.5 → 1, 0.25 → 2, 1 → 0). */
export function decimalsForStep(rule: Criterion): number {
  if (rule.step % 100 === 0) return 0;
  if (rule.step % 10 === 0) return 1;
  return 2;
}

export function formatHundredths(h: number, decimals: number): string {
  const sign = h < 0 ? '-' : '';
  const abs = Math.abs(h);
  // Never hide a digit that is there: 0.25 shows both decimals whatever was asked for.
  const needed = abs % 10 !== 0 ? 2 : abs % 100 !== 0 ? 1 : 0;
  const d = Math.max(decimals, needed);
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100).padStart(2, '0').slice(0, d);
  return d > 0 ? `${sign}${whole}.${frac}` : `${sign}${whole}`;
}

export function formatMark(value: number, decimals: number): string {
  const h = toHundredths(value);
  return h === null ? String(value) : formatHundredths(h, decimals);
}

/** Exact sum of marks in hundredths, skipping marks that are not valid yet. */
export function totalHundredths(rules: readonly Criterion[], values: Readonly<Record<string, number | null>>): number {
  let sum = 0;
  for (const r of rules) {
    const v = values[r.key];
    if (v !== null && v !== undefined && markIssue(r, v) === null) sum += toHundredths(v)!;
  }
  return sum;
}

export function maxHundredths(rules: readonly Criterion[]): number {
  return rules.reduce((s, r) => s + r.max, 0);
}
