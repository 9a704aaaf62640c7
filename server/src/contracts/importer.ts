/** Importing contestants and entries from a spreadsheet (xlsx or csv). */
export interface ImportRow {
  /** 1-based row number in the sheet, header included, as the organizer sees it in Excel */
  row: number;
  bib: string;
  name: string;
  organization: string;
  event: string;
  station: string;
}

export interface ImportProblem {
  row: number;
  field: string;
  message: string;
}

export interface ImportReport {
  /** true when nothing was stored (a preview, or a file with problems) */
  dryRun: boolean;
  rows: number;
  problems: ImportProblem[];
  newContestants: number;
  /** event key → entries the import adds */
  newEntries: Record<string, number>;
  /** first rows as read, for the preview table */
  preview: ImportRow[];
}

export interface DrawResult {
  event: string;
  seed: string;
  stations: { bib: string; station: string }[];
}
