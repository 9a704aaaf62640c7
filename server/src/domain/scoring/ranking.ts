import { assignAwards } from './awards';
import { compare } from './ratio';
import type { EntryResult, RankedEntry, Scheme, Standings } from './types';

const stationOrder = new Intl.Collator('en', { numeric: true }).compare;

/** Negative when a ranks ahead of b, 0 when they share a rank. */
export function compareForRank(scheme: Scheme, a: EntryResult, b: EntryResult): number {
  if (a.total !== b.total) return b.total - a.total;
  for (let i = 0; i < scheme.tieBreak.length; i++) {
    const va = a.tieValues[i];
    const vb = b.tieValues[i];
    if (!va || !vb) {
      if (va === vb) continue;
      return va ? -1 : 1; // a value that is in beats one still missing
    }
    const c = compare(va, vb);
    if (c === 0) continue;
    const tb = scheme.tieBreak[i];
    return tb.kind === 'fewerDeductions' || tb.order === 'asc' ? c : -c;
  }
  return 0;
}

/**
 * Ranks competing entries (standard competition ranking: 1, 2, 2, 4), assigns awards, and lists
 * the other entries after them, unranked, by station.
 */
export function rankEntries(scheme: Scheme, results: readonly EntryResult[]): Standings {
  const competing = results.filter((r) => r.status === 'competing');
  const others = results.filter((r) => r.status !== 'competing');
  competing.sort((a, b) => compareForRank(scheme, a, b) || stationOrder(a.station, b.station));
  others.sort((a, b) => stationOrder(a.station, b.station));
  const ranks: number[] = [];
  for (let i = 0; i < competing.length; i++) {
    ranks.push(i > 0 && compareForRank(scheme, competing[i - 1], competing[i]) === 0 ? ranks[i - 1] : i + 1);
  }
  const { awards, cutoffs } = assignAwards(scheme.awards, competing, ranks);
  // Object.assign, not object spread: on Node 20 spreading thousands of results is ~40× slower.
  const rows: RankedEntry[] = competing.map((r, i) =>
    Object.assign({}, r, { rank: ranks[i], award: awards[i].award, liftedByTie: awards[i].liftedByTie }),
  );
  for (const r of others) rows.push(Object.assign({}, r, { rank: null, award: null, liftedByTie: false }));
  return { rows, cutoffs };
}
