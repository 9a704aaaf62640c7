import { z } from 'zod';

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
  /** keys of the events the file adds entries to that are finalized: nothing is imported until the organizer reopens them */
  finalEvents: string[];
  /** keys of the events the file adds entries to whose marking has started: the import needs `confirm=1` */
  markedEvents: string[];
}

const flag = z.enum(['1', 'true', '0', 'false']).transform((v) => v === '1' || v === 'true');

/** `POST …/import?dryRun=1&confirm=1`: the file is the body, so the import's own switches are in the query. */
export const importQuerySchema = z.object({ dryRun: flag.optional(), confirm: flag.optional() }).strict();

export interface DrawResult {
  event: string;
  seed: string;
  stations: { bib: string; station: string }[];
}
