import { comparePublicRows, type StandingsRow } from '@skillscore/server/contracts';

/** The server's public order: by rank, unranked entries last, rows of one rank by bib. */
export function orderRows(rows: readonly StandingsRow[]): StandingsRow[] {
  return [...rows].sort(comparePublicRows);
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
