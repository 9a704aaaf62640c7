import type { StandingsRow } from '@skillscore/server/contracts';

/** Full-width letters/digits (typed on Chinese keyboards) fold to ASCII; case and spaces are ignored. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

function tokens(query: string): string[] {
  return query
    .normalize('NFKC')
    .toLowerCase()
    .split(/[\s,，、]+/)
    .filter(Boolean);
}

/**
 * Every word of the query must be found in the bib, name or organization. Never the station: a
 * judge with a phone must not be able to look up whom a station number belongs to.
 */
export function matchesRow(row: StandingsRow, query: string): boolean {
  const words = tokens(query);
  if (words.length === 0) return true;
  const hay = [row.bib, row.name, row.organization].map(normalize);
  return words.every((w) => hay.some((h) => h.includes(w)));
}

export function filterRows(rows: readonly StandingsRow[], query: string): StandingsRow[] {
  if (tokens(query).length === 0) return [...rows];
  return rows.filter((r) => matchesRow(r, query));
}
