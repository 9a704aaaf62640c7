import { computeEntry } from './entry';
import { rankEntries } from './ranking';
import type { EntryInput, EntryResult, Scheme, Standings } from './types';

/**
 * Standings of one event from its entries' submitted sheets, deductions and statuses. `entryResult`
 * computes one entry's result; a caller that keeps results between recomputations passes one that
 * answers an unchanged entry from what it kept (it must give what `computeEntry` would).
 */
export function computeStandings(
  scheme: Scheme,
  entries: readonly EntryInput[],
  entryResult: (scheme: Scheme, entry: EntryInput) => EntryResult = computeEntry,
): Standings {
  return rankEntries(
    scheme,
    entries.map((e) => entryResult(scheme, e)),
  );
}
