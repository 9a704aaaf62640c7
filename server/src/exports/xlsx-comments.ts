import type ExcelJS from 'exceljs';
import type { ExportLabels } from './labels';

/** One judge's remark on one criterion of one entry, as the workbook lists it. */
export interface CommentRow {
  station: string;
  bib: string;
  /** the criterion's name */
  criterion: string;
  /** the judge's key, as the mark matrix heads its columns */
  judge: string;
  text: string;
}

export type CommentsInput = CommentRow[];

/** The judges' remarks of a contest: one table, every event's remarks, as the workbook's sheet "裁判评语". */
export interface CommentsTable {
  title: string;
  headers: string[];
  rows: string[][];
}

/** A leading = + - @ would make a spreadsheet run the cell as a formula: such text is written with a ' before it, as in the CSV. */
export function inertText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

const WORDS = {
  zh: { title: '裁判评语', event: '赛项', comment: '评语' },
  en: { title: 'Comments', event: 'Event', comment: 'Comment' },
};

/** The remarks table from each event's remarks (event name → remarks, in the contest's event order); every cell inert. */
export function commentsTable(locale: string, l: ExportLabels, events: { name: string; comments: CommentsInput }[]): CommentsTable {
  const w = locale.toLowerCase().startsWith('zh') ? WORDS.zh : WORDS.en;
  return {
    title: w.title,
    headers: [w.event, l.station, l.bib, l.criterion, l.judge, w.comment],
    rows: events.flatMap((e) => e.comments.map((r) => [e.name, r.station, r.bib, r.criterion, r.judge, r.text].map(inertText))),
  };
}

/** Writes the table into a streamed worksheet the workbook has just added. */
export function writeCommentsSheet(ws: ExcelJS.Worksheet, t: CommentsTable): void {
  ws.columns = t.headers.map((_, i) => ({ width: i === t.headers.length - 1 ? 60 : i === 0 ? 16 : 10 }));
  const head = ws.addRow(t.headers);
  head.font = { bold: true };
  head.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF2' } }));
  head.commit();
  for (const values of t.rows) {
    const row = ws.addRow(values);
    row.getCell(t.headers.length).alignment = { wrapText: true, vertical: 'top' };
    row.commit();
  }
}
