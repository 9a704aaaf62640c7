import { toHundredths, type Criterion } from '@skillscore/server/scoring';
import { browserStorage, readJson, remove, writeJson, type KeyValue } from '../storage';
import {
  decimalsForStep,
  formatMark,
  markIssue,
  maxHundredths,
  parseMark,
  ruleOf,
  stepMark,
  totalHundredths,
  type MarkIssue,
  type SchemeCriterion,
} from './marks';

export interface FieldState {
  criterion: SchemeCriterion;
  rule: Criterion;
  text: string;
  value: number | null;
  issue: MarkIssue | null;
  decimals: number;
}

/**
 * The marks being entered for one station. What the judge types is kept as a draft on the
 * tablet, so a reload or a flat battery mid-sheet does not lose it.
 */
export class SheetForm {
  texts = $state<Record<string, string>>({});
  /** fields the judge has left at least once: their problems show even when not complete */
  touched = $state<Record<string, boolean>>({});
  readonly rules: Criterion[];

  constructor(
    readonly criteria: readonly SchemeCriterion[],
    private readonly draftKey: string | null,
    initial: Record<string, number> | null = null,
    private readonly store: KeyValue = browserStorage(),
  ) {
    this.rules = criteria.map(ruleOf);
    this.maxH = maxHundredths(this.rules);
    this.totalDecimals = Math.max(0, ...this.rules.map(decimalsForStep));
    const draft = draftKey ? readJson<Record<string, string>>(store, draftKey) : null;
    const texts: Record<string, string> = {};
    for (const [i, c] of criteria.entries()) {
      const d = decimalsForStep(this.rules[i]);
      texts[c.key] = draft?.[c.key] ?? (initial && typeof initial[c.key] === 'number' ? formatMark(initial[c.key], d) : '');
    }
    this.texts = texts;
  }

  fields = $derived.by<FieldState[]>(() =>
    this.criteria.map((c, i) => {
      const rule = this.rules[i];
      const text = this.texts[c.key] ?? '';
      const value = parseMark(text);
      return { criterion: c, rule, text, value, issue: markIssue(rule, value), decimals: decimalsForStep(rule) };
    }),
  );

  /** every assigned criterion has a valid mark */
  complete = $derived(this.fields.every((f) => f.issue === null));
  filled = $derived(this.fields.filter((f) => f.issue === null).length);
  totalH = $derived.by(() => totalHundredths(this.rules, Object.fromEntries(this.fields.map((f) => [f.criterion.key, f.value]))));
  readonly maxH: number;
  /** decimals the total needs: the finest step of the sheet */
  readonly totalDecimals: number;

  setText(key: string, text: string): void {
    this.texts[key] = text;
    this.save();
  }

  /** Leaving a field: remember it was visited, and write a valid mark the way it will be stored (３７ → 37.0). */
  touch(key: string): void {
    this.touched[key] = true;
    const f = this.fields.find((x) => x.criterion.key === key);
    if (f && f.issue === null && f.value !== null) {
      const canonical = formatMark(f.value, f.decimals);
      if (canonical !== f.text) {
        this.texts[key] = canonical;
        this.save();
      }
    }
  }

  step(key: string, dir: 1 | -1): void {
    const i = this.criteria.findIndex((c) => c.key === key);
    if (i < 0) return;
    const f = this.fields[i];
    const next = stepMark(f.rule, f.value === null || Number.isNaN(f.value) ? null : f.value, dir);
    this.texts[key] = formatMark(next, f.decimals);
    this.touched[key] = true;
    this.save();
  }

  /** The marks to submit, as JSON numbers with at most two decimals; null while incomplete. */
  scores(): Record<string, number> | null {
    if (!this.complete) return null;
    const out: Record<string, number> = {};
    for (const f of this.fields) out[f.criterion.key] = toHundredths(f.value!)! / 100;
    return out;
  }

  /** Forgets the draft once the sheet is safely in the outbox. */
  clearDraft(): void {
    if (this.draftKey) remove(this.store, this.draftKey);
  }

  private save(): void {
    if (this.draftKey) writeJson(this.store, this.draftKey, $state.snapshot(this.texts));
  }
}

export function draftKeyOf(contest: string, event: string, judge: string, station: string): string {
  return `skillscore.judge.draft.${contest}.${event}.${judge}.${station}`;
}
