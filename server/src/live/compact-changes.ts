import type { RankMove, RankShift, RowChanges } from '../contracts/compact-feed';
import type { StandingsRow } from '../contracts/standings';
import { sameJson } from './same-json';

const PLACE = new Set(['rank', 'award']);

/** Entries whose own result is unchanged and whose rank moved, grouped by the rank they held. */
interface Moved {
  bib: string;
  rank: number;
  delta: number;
}

/**
 * The compact description (contract §4a) of how an event's public rows went from `before` to
 * `after`: whole rows only for entries whose own result changed (or that are new), a shift for
 * each block of ranks that moved together, a move for each entry whose rank or award changed
 * otherwise. For each block the cheaper of one shift and one move per entry is chosen.
 * `applyRowChanges(before, result)` gives exactly `after` in public order.
 */
export function compactChanges(before: readonly StandingsRow[], after: readonly StandingsRow[]): RowChanges {
  const old = new Map<string, StandingsRow>();
  for (const r of before) old.set(r.bib, r);
  const rows: StandingsRow[] = [];
  const moves: RankMove[] = [];
  const byOldRank = new Map<number, Moved[]>();
  const seen = new Set<string>();
  for (const r of after) {
    seen.add(r.bib);
    const o = old.get(r.bib);
    if (!o || o.rank === null || r.rank === null || !sameJson(o, r, PLACE)) {
      if (!o || !sameJson(o, r)) rows.push(r);
      continue;
    }
    if (o.award !== r.award) {
      moves.push([r.bib, r.rank, r.award]);
      continue;
    }
    const list = byOldRank.get(o.rank);
    const m = { bib: r.bib, rank: r.rank, delta: r.rank - o.rank };
    if (list) list.push(m);
    else byOldRank.set(o.rank, [m]);
  }
  const removed = before.filter((r) => !seen.has(r.bib)).map((r) => r.bib);

  // Entries that held one rank must move alike to share a shift; the odd ones out become moves.
  const blocks: { rank: number; delta: number; entries: Moved[] }[] = [];
  for (const rank of [...byOldRank.keys()].sort((a, b) => a - b)) {
    const list = byOldRank.get(rank)!;
    const delta = commonest(list.map((m) => m.delta));
    const alike = list.filter((m) => m.delta === delta);
    for (const m of list) if (m.delta !== delta) moves.push([m.bib, m.rank]);
    blocks.push({ rank, delta, entries: alike });
  }
  const shifts: RankShift[] = [];
  for (let i = 0; i < blocks.length; ) {
    let j = i;
    const run: Moved[] = [];
    while (j < blocks.length && blocks[j].delta === blocks[i].delta) run.push(...blocks[j++].entries);
    const delta = blocks[i].delta;
    if (delta !== 0) {
      const shift: RankShift = [blocks[i].rank, blocks[j - 1].rank, delta];
      const each: RankMove[] = run.map((m) => [m.bib, m.rank]);
      if (JSON.stringify(shift).length < JSON.stringify(each).length) shifts.push(shift);
      else moves.push(...each);
    }
    i = j;
  }
  return { rows, ...(shifts.length ? { shifts } : {}), ...(moves.length ? { moves } : {}), ...(removed.length ? { removed } : {}) };
}

/** The most frequent value; on a tie the smallest in size, so 0 (no move at all) wins. */
function commonest(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0];
  for (const [v, n] of counts) {
    const b = counts.get(best)!;
    if (n > b || (n === b && Math.abs(v) < Math.abs(best))) best = v;
  }
  return best;
}
