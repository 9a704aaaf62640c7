import type { EventStandings } from '../contracts/standings';
import type { ExportLabels } from './labels';

/** One event's results as a plain table: what the CSV, the workbook, the PDF and the print page all show. */
export interface ResultsTable {
  headers: string[];
  rows: (string | number | null)[][];
  /** some entries are in their award tier only because of a tie across the cut-off */
  tieAcrossCutoff: boolean;
  /** columns holding points, to be printed with the event's precision */
  pointColumns: number[];
}

export function resultsTable(s: EventStandings, partNames: Record<string, string>, l: ExportLabels): ResultsTable {
  const partKeys = Object.keys(s.rows.find((r) => r.status === 'competing')?.parts ?? s.rows[0]?.parts ?? {});
  const headers = [l.rank, l.bib, l.name, l.organization, l.station, ...partKeys.map((k) => (k === 'panel' ? l.panel : (partNames[k] ?? k))), l.deductions, l.total, l.award, l.status];
  const rows = s.rows.map((r) => [
    r.rank,
    r.bib,
    r.name,
    r.organization,
    r.station,
    ...partKeys.map((k) => r.parts[k] ?? null),
    r.deductions,
    r.status === 'competing' ? r.total : null,
    r.award ?? '',
    r.status === 'competing' ? (r.complete ? l.statuses.competing : l.incomplete) : l.statuses[r.status],
  ]);
  const pointColumns = [...partKeys.map((_, i) => 5 + i), 5 + partKeys.length, 6 + partKeys.length];
  return { headers, rows, tieAcrossCutoff: s.rows.some((r) => r.liftedByTie), pointColumns };
}
