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

/** Every word of the query must be found in the bib, station, name or organization. */
export function matchesRow(row: StandingsRow, query: string): boolean {
  const words = tokens(query);
  if (words.length === 0) return true;
  const hay = [row.bib, row.name, row.organization].map(normalize);
  const station = normalize(row.station);
  return words.every((w) => hay.some((h) => h.includes(w)) || station === w);
}

export function filterRows(rows: readonly StandingsRow[], query: string): StandingsRow[] {
  if (tokens(query).length === 0) return [...rows];
  return rows.filter((r) => matchesRow(r, query));
}
