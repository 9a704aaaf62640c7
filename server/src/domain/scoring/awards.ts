import { add, ratio, roundToUnits, times, ZERO, type Ratio } from './ratio';
import type { AwardTier, EntryResult } from './types';

/** Cumulative cut-off rank of each tier: C_i = round_half_up(N × (share_1 + … + share_i)), counts added as they are. */
export function awardCutoffs(tiers: readonly AwardTier[], rankedCount: number): number[] {
  let cumulative: Ratio = ZERO;
  return tiers.map((t) => {
    cumulative = add(cumulative, t.share ? times(t.share, ratio(rankedCount)) : ratio(t.count ?? 0));
    return roundToUnits(cumulative, 1);
  });
}

export interface AwardOutcome {
  readonly award: string | null;
  readonly liftedByTie: boolean;
}

/**
 * An entry of rank r gets the first tier with r ≤ C_i and total ≥ minTotal. Tied entries share
 * the smaller rank, so a tie across a cut-off lifts all of them; such entries are flagged.
 * `sorted` is in rank order and `ranks` gives each one's rank.
 */
export function assignAwards(
  tiers: readonly AwardTier[],
  sorted: readonly EntryResult[],
  ranks: readonly number[],
): { awards: AwardOutcome[]; cutoffs: number[] } {
  const cutoffs = awardCutoffs(tiers, sorted.length);
  const awards = sorted.map((r, i) => {
    const rank = ranks[i];
    for (let t = 0; t < tiers.length; t++) {
      const tier = tiers[t];
      if (rank > cutoffs[t]) continue;
      if (tier.minTotal !== null && r.total < tier.minTotal) continue;
      return { award: tier.name, liftedByTie: i + 1 > cutoffs[t] };
    }
    return { award: null, liftedByTie: false };
  });
  return { awards, cutoffs };
}
