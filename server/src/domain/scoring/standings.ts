import { computeEntry } from './entry';
import { rankEntries } from './ranking';
import type { EntryInput, Scheme, Standings } from './types';

/** Standings of one event from its entries' submitted sheets, deductions and statuses. */
export function computeStandings(scheme: Scheme, entries: readonly EntryInput[]): Standings {
  return rankEntries(
    scheme,
    entries.map((e) => computeEntry(scheme, e)),
  );
}
