import type { FeedReveal } from './feed';
import type { StandingsRow } from './standings';

/**
 * The compact form of a live-feed update (integration contract §4a) and the one function that
 * applies it. Early in marking one sheet moves the shared rank of most entries below it; sending
 * each of them whole costs tens of kilobytes per update, where "ranks 6 to 299 moved down by one"
 * costs a dozen bytes.
 */

/** `[from, to, by]`: every entry not named otherwise whose rank lies in from..to moves by `by`. */
export type RankShift = [from: number, to: number, by: number];

/** `[bib, rank]` (award unchanged) or `[bib, rank, award]` (award changed; null for none). */
export type RankMove = [bib: string, rank: number] | [bib: string, rank: number, award: string | null];

/** What an update changes in an event's rows, in either form (whole rows only, or compact). */
export interface RowChanges {
  /** whole rows: in the compact form only entries whose own result changed */
  rows: StandingsRow[];
  shifts?: RankShift[];
  moves?: RankMove[];
  /** bibs that left the event (an entry removed by an edit of the contest) */
  removed?: string[];
}

/**
 * An update in the compact form (§4a), sent to watchers that asked for `compact: true`. `prev` is
 * the seq of the message before it for the same event: a watcher whose `last` for that event
 * differs has lost a message and re-watches.
 */
export interface CompactFeedUpdate extends RowChanges {
  seq: number;
  prev: number;
  event: string;
  final: boolean;
  frozen: boolean;
  contest?: string;
  reveal?: FeedReveal;
  /** carried when the publication of the event's results changes (§5); absent: unchanged */
  appealsClose?: string;
  official?: boolean;
}

const bibOrder = new Intl.Collator('en', { numeric: true }).compare;

/**
 * The public order of an event's rows: by rank, unranked (non-competing) entries last, rows of
 * one rank by bib. Server and boards sort with this one function, so a merged board and the
 * standings agree row for row.
 */
export function comparePublicRows(a: StandingsRow, b: StandingsRow): number {
  if (a.rank !== b.rank) return a.rank === null ? 1 : b.rank === null ? -1 : a.rank - b.rank;
  return bibOrder(a.bib, b.bib);
}

/**
 * Applies one update to the rows a watcher holds, in the contract's order: the shifts (to every
 * entry the update does not name, by the rank it held before), then the whole rows by bib, then
 * the moves, then the removals; and returns the rows in public order. Works for the whole-row
 * form too (rows and removals only). The rows given are not changed.
 */
export function applyRowChanges(current: readonly StandingsRow[], change: RowChanges): StandingsRow[] {
  const named = new Set<string>();
  for (const r of change.rows) named.add(r.bib);
  for (const m of change.moves ?? []) named.add(m[0]);
  const shifts = change.shifts ?? [];
  const byBib = new Map<string, StandingsRow>();
  for (const r of current) {
    let row = r;
    if (shifts.length && r.rank !== null && !named.has(r.bib)) {
      for (const [from, to, by] of shifts) {
        if (r.rank >= from && r.rank <= to) {
          row = { ...r, rank: r.rank + by };
          break;
        }
      }
    }
    byBib.set(r.bib, row);
  }
  for (const r of change.rows) byBib.set(r.bib, r);
  for (const m of change.moves ?? []) {
    const held = byBib.get(m[0]);
    if (!held) continue;
    byBib.set(m[0], m.length === 3 ? { ...held, rank: m[1], award: m[2] } : { ...held, rank: m[1] });
  }
  for (const bib of change.removed ?? []) byBib.delete(bib);
  return [...byBib.values()].sort(comparePublicRows);
}
