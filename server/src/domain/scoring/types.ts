import type { Ratio } from './ratio';

/** Scoring scheme of one event, normalized: marks in integer hundredths, published numbers in units (1/10 000). */
export type CriterionKind = 'judged' | 'measured';
export type AggregateOver = 'criterion' | 'total';
export type AggregateMethod = 'mean' | 'trimmed' | 'median';
export type EntryStatus = 'competing' | 'absent' | 'withdrawn' | 'disqualified';
export const ENTRY_STATUSES: readonly EntryStatus[] = ['competing', 'absent', 'withdrawn', 'disqualified'];

export interface Criterion {
  readonly key: string;
  readonly kind: CriterionKind;
  /** hundredths */
  readonly max: number;
  /** hundredths */
  readonly step: number;
  /** hundredths: 100 is weight 1 */
  readonly weight: number;
  /** hundredths, or null for no consistency check */
  readonly tolerance: number | null;
}

export type TieBreak =
  | { readonly kind: 'criterion'; readonly key: string; readonly order: 'asc' | 'desc' }
  | { readonly kind: 'fewerDeductions' };

export interface AwardTier {
  readonly name: string;
  /** fraction of the ranked entries, or null when the tier has a count */
  readonly share: Ratio | null;
  readonly count: number | null;
  /** units, or null */
  readonly minTotal: number | null;
}

export interface Scheme {
  readonly precision: number;
  readonly criteria: readonly Criterion[];
  readonly over: AggregateOver;
  readonly method: AggregateMethod;
  readonly trim: number;
  readonly tieBreak: readonly TieBreak[];
  readonly awards: readonly AwardTier[];
  /** criterion key → keys of the judges who mark it */
  readonly assignments: Readonly<Record<string, readonly string[]>>;
}

/** One judge's submitted sheet: criterion key → hundredths. */
export interface SubmittedSheet {
  readonly judge: string;
  readonly scores: Readonly<Record<string, number>>;
}

export interface EntryInput {
  readonly bib: string;
  readonly station: string;
  readonly status: EntryStatus;
  /** submitted sheets only; an open (reopened) sheet does not count */
  readonly sheets: readonly SubmittedSheet[];
  /** each deduction item in hundredths */
  readonly deductions: readonly number[];
}

export interface EntryResult {
  readonly bib: string;
  readonly station: string;
  readonly status: EntryStatus;
  /** part key → units; criterion keys, or "panel" plus measured keys when aggregating over totals */
  readonly parts: Readonly<Record<string, number>>;
  /** units, never below 0 */
  readonly total: number;
  /** units */
  readonly deductions: number;
  readonly complete: boolean;
  /** trimming was asked for but too few values were in, so the plain mean was used */
  readonly trimFallback: boolean;
  /** exact values for each tie-break of the scheme, in order; null where no value is in yet */
  readonly tieValues: readonly (Ratio | null)[];
}

export interface RankedEntry extends EntryResult {
  /** standard competition rank among competing entries; null for the others */
  readonly rank: number | null;
  readonly award: string | null;
  /** the entry is in its award tier only because it ties with an entry inside the cut-off */
  readonly liftedByTie: boolean;
}

export interface Standings {
  readonly rows: readonly RankedEntry[];
  /** cumulative cut-off rank per award tier */
  readonly cutoffs: readonly number[];
}
