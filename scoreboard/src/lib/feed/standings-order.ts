import type { StandingsRow } from '@skillscore/server/contracts';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Ranked rows first by rank; unranked (non-competing) rows last; ties and unranked rows by station. */
export function compareRows(a: StandingsRow, b: StandingsRow): number {
  if (a.rank !== b.rank) {
    if (a.rank === null) return 1;
    if (b.rank === null) return -1;
    return a.rank - b.rank;
  }
  return collator.compare(a.station, b.station) || collator.compare(a.bib, b.bib);
}

export function orderRows(rows: readonly StandingsRow[]): StandingsRow[] {
  return [...rows].sort(compareRows);
}

/** Replaces rows with the same bib, adds new ones, drops removed bibs, and returns them in board order. */
export function mergeRows(
  current: readonly StandingsRow[],
  incoming: readonly StandingsRow[],
  removed: readonly string[] = [],
): StandingsRow[] {
  const byBib = new Map<string, StandingsRow>();
  for (const row of current) byBib.set(row.bib, row);
  for (const row of incoming) byBib.set(row.bib, row);
  for (const bib of removed) byBib.delete(bib);
  return orderRows([...byBib.values()]);
}

function sameParts(a: Record<string, number>, b: Record<string, number>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

/** A change the audience should notice as "a new mark came in", as opposed to being pushed down by someone else. */
export function isScoreChange(before: StandingsRow | undefined, after: StandingsRow): boolean {
  if (!before) return true;
  return (
    before.total !== after.total ||
    before.deductions !== after.deductions ||
    before.complete !== after.complete ||
    before.status !== after.status ||
    !sameParts(before.parts, after.parts)
  );
}
