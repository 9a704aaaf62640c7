import type { StandingsRow } from '@skillscore/server/contracts';
import type { RowChange } from '../feed/live-feed.svelte';

export interface LowerThird {
  row: StandingsRow;
  /** latest: an entry whose marks just changed; leader: nothing new, the first place */
  reason: 'latest' | 'leader';
}

/**
 * What the lower third shows: the entry whose own marks changed last, for `holdMs` after the
 * change, and otherwise the leader. Only ranked entries are shown: a disqualification is news for
 * the commentators, not a caption.
 */
export function lowerThird(rows: readonly StandingsRow[], latest: RowChange | undefined, now: number, holdMs: number): LowerThird | null {
  if (latest && now - latest.at < holdMs) {
    const row = rows.find((r) => r.bib === latest.bib);
    if (row && row.rank !== null) return { row, reason: 'latest' };
  }
  const leader = rows.find((r) => r.rank !== null);
  return leader ? { row: leader, reason: 'leader' } : null;
}
