import { eventFileSchema, type EventFile } from '../src/contracts/contest-file';
import {
  formatProblems,
  schemeFromEventFile,
  validateEventScheme,
  type AggregateOver,
  type EntryInput,
  type EntryStatus,
  type Scheme,
  type SubmittedSheet,
} from '../src/domain/scoring';
import { gaussish, seededRandom } from './prng';

export const JUDGES = ['J1', 'J2', 'J3', 'J4', 'J5', 'J6', 'J7'];

/** A hairdressing-style event: 7 judges, 5 judged criteria, trimmed mean dropping one high and one low. */
export function benchEvent(over: AggregateOver): EventFile {
  return eventFileSchema.parse({
    key: 'hair',
    name: '美发',
    criteria: [
      { key: 'design', name: '造型设计', max: 30, step: 0.5, tolerance: 5 },
      { key: 'technique', name: '技术难度', max: 25, step: 0.5, tolerance: 4 },
      { key: 'finish', name: '整体效果', max: 20, step: 0.5, tolerance: 4 },
      { key: 'creativity', name: '创意', max: 15, step: 0.5, tolerance: 3 },
      { key: 'hygiene', name: '卫生与安全', max: 10, step: 0.1, tolerance: 2 },
    ],
    aggregate: { over, method: 'trimmed', trim: 1 },
    tieBreak: [{ criterion: 'technique' }, { criterion: 'design' }, { fewerDeductions: true }],
    awards: [
      { name: '一等奖', share: 0.1 },
      { name: '二等奖', share: 0.2 },
      { name: '三等奖', share: 0.3 },
    ],
    panel: JUDGES.map((judge) => ({ judge })),
  });
}

export function benchScheme(over: AggregateOver): Scheme {
  const ev = benchEvent(over);
  const problems = validateEventScheme(ev, 'event', new Set(JUDGES));
  if (problems.length) throw new Error(`bench scheme is invalid: ${formatProblems(problems)}`);
  return schemeFromEventFile(ev);
}

/**
 * Entries with every sheet submitted, as near the end of a contest day: each contestant has a
 * skill level, each judge a slight bias (harsh or lenient) and every mark some noise, snapped
 * to the criterion's step. A few entries carry deductions; a few are absent, withdrawn or
 * disqualified.
 */
export class MarkedEvent {
  readonly entries: EntryInput[] = [];
  private readonly skills: number[] = [];
  private readonly bias: number[];
  private readonly random: () => number;

  constructor(
    readonly scheme: Scheme,
    count: number,
    seed: number,
  ) {
    this.random = seededRandom(seed);
    this.bias = JUDGES.map(() => 0.03 * gaussish(this.random));
    const pad = Math.max(3, String(count).length);
    for (let i = 0; i < count; i++) {
      const skill = Math.min(0.98, Math.max(0.25, 0.72 + 0.1 * gaussish(this.random)));
      this.skills.push(skill);
      const status = this.drawStatus();
      this.entries.push({
        bib: `A${String(i + 1).padStart(pad, '0')}`,
        station: String(i + 1).padStart(pad, '0'),
        status,
        sheets: status === 'competing' || status === 'disqualified' ? JUDGES.map((_, j) => this.sheet(i, j)) : [],
        deductions: this.random() < 0.08 ? [[50, 100, 150, 200][Math.floor(this.random() * 4)]] : [],
      });
    }
  }

  /** A copy of one competing entry with one judge's sheet marked anew (a reopened and resubmitted sheet). */
  resubmit(): { index: number; entry: EntryInput } {
    let index: number;
    do index = Math.floor(this.random() * this.entries.length);
    while (this.entries[index].status !== 'competing');
    const j = Math.floor(this.random() * JUDGES.length);
    const old = this.entries[index];
    const sheets = old.sheets.map((s) => (s.judge === JUDGES[j] ? this.sheet(index, j) : s));
    const entry = { ...old, sheets };
    this.entries[index] = entry;
    return { index, entry };
  }

  private sheet(entry: number, judge: number): SubmittedSheet {
    const scores: Record<string, number> = {};
    for (const c of this.scheme.criteria) {
      const level = this.skills[entry] + this.bias[judge] + 0.04 * gaussish(this.random);
      const steps = Math.round((c.max * level) / c.step);
      scores[c.key] = Math.min(c.max, Math.max(0, steps * c.step));
    }
    return { judge: JUDGES[judge], scores };
  }

  private drawStatus(): EntryStatus {
    const r = this.random();
    return r < 0.01 ? 'absent' : r < 0.013 ? 'withdrawn' : r < 0.015 ? 'disqualified' : 'competing';
  }
}
