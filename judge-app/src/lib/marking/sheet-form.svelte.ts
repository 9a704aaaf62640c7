import { COMMENT_MAX, commentIssue, commentLength, tidyComment, type CommentIssue } from '@skillscore/server/contracts';
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

/** A criterion's optional remark as typed, its length as the server counts it, and what is wrong with it. */
export interface CommentState {
  text: string;
  length: number;
  max: number;
  issue: CommentIssue | null;
}

/**
 * The marks being entered for one station. What the judge types is kept as a draft on the
 * tablet, so a reload or a flat battery mid-sheet does not lose it.
 */
export class SheetForm {
  texts = $state<Record<string, string>>({});
  /** fields the judge has left at least once: their problems show even when not complete */
  touched = $state<Record<string, boolean>>({});
  /** remarks per criterion as typed (optional); sent with the marks in the same sheet */
  notes = $state<Record<string, string>>({});
  readonly rules: Criterion[];

  constructor(
    readonly criteria: readonly SchemeCriterion[],
    private readonly draftKey: string | null,
    initial: Record<string, number> | null = null,
    private readonly store: KeyValue = browserStorage(),
    initialComments: Record<string, string> | null = null,
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
    const draftNotes = draftKey ? readJson<Record<string, string>>(store, notesKeyOf(draftKey)) : null;
    const notes: Record<string, string> = {};
    for (const c of criteria) notes[c.key] = draftNotes?.[c.key] ?? initialComments?.[c.key] ?? '';
    this.notes = notes;
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
  /** per criterion key: the remark's counter and problem */
  commentStates = $derived.by<Record<string, CommentState>>(() => {
    const out: Record<string, CommentState> = {};
    for (const c of this.criteria) {
      const text = tidyComment(this.notes[c.key] ?? '');
      out[c.key] = { text, length: commentLength(text), max: COMMENT_MAX, issue: commentIssue(text) };
    }
    return out;
  });
  /** every remark can be sent as typed */
  commentsValid = $derived(Object.values(this.commentStates).every((s) => s.issue === null));
  totalH = $derived.by(() => totalHundredths(this.rules, Object.fromEntries(this.fields.map((f) => [f.criterion.key, f.value]))));
  readonly maxH: number;
  /** decimals the total needs: the finest step of the sheet */
  readonly totalDecimals: number;

  setText(key: string, text: string): void {
    this.texts[key] = text;
    this.save();
  }

  /** A remark as typed; a line break becomes a space, since a remark is one paragraph. */
  setComment(key: string, text: string): void {
    this.notes[key] = text.replace(/\r\n|[\r\n]/g, ' ');
    this.saveNotes();
  }

  /** The remarks to send with the marks: trimmed, empty ones left out; null while one cannot be sent. */
  comments(): Record<string, string> | null {
    if (!this.commentsValid) return null;
    const out: Record<string, string> = {};
    for (const c of this.criteria) {
      const s = this.commentStates[c.key];
      if (s.text !== '') out[c.key] = s.text;
    }
    return out;
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
    if (this.draftKey) {
      remove(this.store, this.draftKey);
      remove(this.store, notesKeyOf(this.draftKey));
    }
  }

  private save(): void {
    if (this.draftKey) writeJson(this.store, this.draftKey, $state.snapshot(this.texts));
  }

  private saveNotes(): void {
    if (this.draftKey) writeJson(this.store, notesKeyOf(this.draftKey), $state.snapshot(this.notes));
  }
}

/** Remarks are kept beside the marks' draft, so a draft from before remarks existed reads as it did. */
function notesKeyOf(draftKey: string): string {
  return `${draftKey}.comments`;
}

export function draftKeyOf(contest: string, event: string, judge: string, station: string): string {
  return `skillscore.judge.draft.${contest}.${event}.${judge}.${station}`;
}
