/**
 * Builders shared by the scoring specs: events written as organizers write them (points, as in
 * the contest file), turned into the engine's scheme and inputs (hundredths).
 */
import { eventFileSchema, type EventFile } from '../../contracts/contest-file';
import type { z } from 'zod';
import { toHundredths, unitsToNumber } from './decimal';
import { schemeFromEventFile } from './scheme';
import type { EntryInput, EntryStatus, Scheme, SubmittedSheet } from './types';
import { validateEventScheme } from './validate-scheme';

export type EventInput = Omit<z.input<typeof eventFileSchema>, 'key' | 'name'> & { key?: string; name?: string };

export function eventOf(input: EventInput): EventFile {
  return eventFileSchema.parse({ key: 'ev', name: '赛项', ...input });
}

/** A scheme from a valid event; throws when the event has problems, so a typo cannot pass silently. */
export function schemeOf(input: EventInput): Scheme {
  const ev = eventOf(input);
  const problems = validateEventScheme(ev, 'event');
  if (problems.length) throw new Error(`invalid test event: ${JSON.stringify(problems)}`);
  return schemeFromEventFile(ev);
}

export function judges(n: number, prefix = 'J'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
}

export function hundredths(points: number): number {
  const h = toHundredths(points);
  if (h === null) throw new Error(`${points} has more than two decimals`);
  return h;
}

/** Sheets from marks per criterion in points, one value per judge in `judgeKeys` order (null: not marked). */
export function sheetsOf(judgeKeys: readonly string[], marks: Record<string, readonly (number | null)[]>): SubmittedSheet[] {
  return judgeKeys.map((judge, i) => {
    const scores: Record<string, number> = {};
    for (const [key, values] of Object.entries(marks)) {
      const v = values[i];
      if (v !== null && v !== undefined) scores[key] = hundredths(v);
    }
    return { judge, scores };
  });
}

export interface EntryOptions {
  bib?: string;
  status?: EntryStatus;
  /** deduction items in points */
  deductions?: number[];
}

export function entryOf(station: string, sheets: readonly SubmittedSheet[], opts: EntryOptions = {}): EntryInput {
  return {
    bib: opts.bib ?? `B${station}`,
    station,
    status: opts.status ?? 'competing',
    sheets,
    deductions: (opts.deductions ?? []).map(hundredths),
  };
}

/** Units → points, for readable expectations. */
export function pts(units: number): number {
  return unitsToNumber(units);
}

export function partsInPoints(parts: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, unitsToNumber(v)]));
}
