import type ExcelJS from 'exceljs';
import { EventEmitter, once } from 'node:events';
import { PassThrough, Writable, type Readable } from 'node:stream';
import { loadExcelJs } from '../common/heavy-libraries';
import type { AuditRecordView } from '../contracts/chief';
import type { EventStandings, TeamStandings } from '../contracts/standings';
import { actionWords, actorWords, type ExportLabels } from './labels';
import type { ResultsTable } from './results-table';
import { formatTime } from './pdf-results';
import { writeAppealsSheet, type AppealsRegister } from './appeals-sheet';
import { writeCommentsSheet, type CommentsTable } from './xlsx-comments';

/** One event's mark matrix: stations × (criterion, judge), with the marks trimming dropped. */
export interface MarkMatrix {
  columns: { criterion: string; criterionName: string; judge: string }[];
  rows: { station: string; bib: string; values: ({ value: number; dropped: boolean } | null)[]; parts: Record<string, number>; deductions: number; total: number }[];
}

export interface WorkbookEvent {
  standings: EventStandings;
  table: ResultsTable;
  matrix: MarkMatrix;
  /** the audit chain's head and the recheck's outcome, worded (integrity-note.ts) */
  integrity?: string;
}

export interface WorkbookInput {
  title: string;
  labels: ExportLabels;
  events: WorkbookEvent[];
  teams: TeamStandings;
  /** the whole audit trail, oldest first, a page at a time: it is read while the file is written */
  audit: AsyncIterable<AuditRecordView[]>;
  generatedAt: Date;
  /** the sheet "复核申请": every appeal of the contest */
  appeals?: AppealsRegister;
  /** the sheet "裁判评语": every judge's remark of the contest (left out when there is none) */
  comments?: CommentsTable;
}

type Book = ExcelJS.stream.xlsx.WorkbookWriter;

/** Excel refuses a file whose cell holds more than 32,767 characters (a creation record carries the whole setup). */
const CELL_MAX = 32_767;
const cellText = (s: string): string => (s.length > CELL_MAX ? `${s.slice(0, CELL_MAX - 1)}…` : s);

/** Sheet names: at most 31 characters, none of []:*?/\ , unique. */
function sheetName(wb: Book, wanted: string): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
  let name = base;
  for (let i = 2; wb.getWorksheet(name); i++) name = `${base.slice(0, 28)} ${i}`;
  return name;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF2' } };

function headerRow(ws: ExcelJS.Worksheet, values: (string | number)[]): void {
  const row = ws.addRow(values);
  row.font = { bold: true };
  row.eachCell((c) => (c.fill = HEADER_FILL));
  row.commit();
}

function addRow(ws: ExcelJS.Worksheet, values: unknown[], style?: (row: ExcelJS.Row) => void): void {
  const row = ws.addRow(values);
  style?.(row);
  row.commit();
}

/** A streamed sheet writes its column widths before its first row, so they are set from the column count up front. */
function widths(ws: ExcelJS.Worksheet, count: number, width: (i: number) => number): void {
  ws.columns = Array.from({ length: count }, (_, i) => ({ width: width(i) }));
}

/** A writable stream of Node's, or of the `readable-stream` package (2.x) that the zip library pipes through. */
type Drainable = EventEmitter & { writableNeedDrain?: boolean; _writableState?: { needDrain?: boolean } };

const needsDrain = (s: Drainable): boolean => s.writableNeedDrain ?? s._writableState?.needDrain ?? false;

/**
 * Waits while `stream` holds more than it wants (its reader is slower than the writer), so memory
 * stays bounded; stops the writing once the download is gone (`out` closed), instead of reading
 * the rest of the trail for no one.
 */
async function drained(stream: Drainable, out: Writable): Promise<void> {
  if (out.destroyed) throw new Error('the download was cancelled');
  if (!needsDrain(stream)) return;
  const gone = new AbortController();
  const drain = once(stream, 'drain', { signal: gone.signal }).then(() => true, () => false);
  const close = once(out, 'close', { signal: gone.signal }).then(() => false, () => false);
  const ok = await Promise.race([drain, close]);
  gone.abort();
  if (!ok || out.destroyed) throw new Error('the download was cancelled');
}

/**
 * Where a streamed sheet's rows wait to be compressed. exceljs (4.4) hands each committed row on
 * without waiting for it to be taken (its StreamBuf ignores what write() answers), so when the
 * database is faster than the compression the rows pile up in the zip's input stream (measured:
 * 600,000 rows held 235 MB there; waiting for it to drain after each page, 28 MB at most).
 */
function sheetInputs(ws: ExcelJS.Worksheet): Drainable[] {
  const pipes = (ws as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes ?? [];
  return pipes.filter((p): p is Drainable => p instanceof EventEmitter);
}

/**
 * The contest workbook — per event standings and mark matrix; awards list, teams, audit trail —
 * written as a stream: rows go out as they are made, and the audit trail, which grows with every
 * act of a contest, is read and written one page at a time however long it is.
 */
export function contestWorkbook(input: WorkbookInput): Readable {
  const out = new PassThrough();
  write(input, out).catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}

async function write(input: WorkbookInput, out: PassThrough): Promise<void> {
  const l = input.labels;
  const ExcelJs = await loadExcelJs();
  const wb = new ExcelJs.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'SkillScore';
  wb.created = input.generatedAt;

  for (const ev of input.events) {
    const name = ev.standings.name ?? ev.standings.event;
    const ws = wb.addWorksheet(sheetName(wb, `${name}${l.standings}`), { views: [{ state: 'frozen', ySplit: 2 }] });
    widths(ws, Math.max(ev.table.headers.length, 1), (i) => (i === 3 ? 24 : i === 2 ? 12 : 10));
    addRow(ws, [`${input.title} — ${name} ${ev.standings.final ? l.final : l.provisional}`], (r) => (r.font = { bold: true, size: 13 }));
    headerRow(ws, ev.table.headers);
    for (const r of ev.table.rows) addRow(ws, r);
    if (ev.table.tieAcrossCutoff) addRow(ws, [l.tieNote]);
    if (ev.integrity) addRow(ws, [ev.integrity]);
    ws.commit();

    const m = ev.matrix;
    const mw = wb.addWorksheet(sheetName(wb, `${name}${l.marks}`), { views: [{ state: 'frozen', ySplit: 3, xSplit: 2 }] });
    const partKeys = Object.keys(m.rows[0]?.parts ?? {});
    addRow(mw, [`${name} ${l.marks} — ${l.dropped}`], (r) => (r.font = { bold: true }));
    headerRow(mw, [l.station, l.bib, ...m.columns.map((c) => c.criterionName), ...partKeys.map((k) => (k === 'panel' ? l.panel : (ev.standings.criteria?.find((c) => c.key === k)?.name ?? k))), l.deductions, l.total]);
    headerRow(mw, ['', '', ...m.columns.map((c) => c.judge), ...partKeys.map(() => ''), '', '']);
    for (const r of m.rows) {
      addRow(mw, [r.station, r.bib, ...r.values.map((v) => v?.value ?? null), ...partKeys.map((k) => r.parts[k]), r.deductions, r.total], (row) =>
        r.values.forEach((v, i) => {
          if (v?.dropped) row.getCell(3 + i).font = { strike: true, color: { argb: 'FF999999' } };
        }),
      );
    }
    mw.commit();
    await drained(out, out);
  }

  const aw = wb.addWorksheet(sheetName(wb, l.awards));
  widths(aw, 7, (i) => (i === 5 ? 24 : 12));
  headerRow(aw, [l.event, l.award, l.rank, l.bib, l.name, l.organization, l.total]);
  for (const ev of input.events) {
    for (const r of ev.standings.rows.filter((x) => x.award)) {
      addRow(aw, [ev.standings.name ?? ev.standings.event, r.award, r.rank, r.bib, r.name, r.organization, r.total]);
    }
  }
  aw.commit();

  const teamEvents = input.teams.events ?? [];
  const tw = wb.addWorksheet(sheetName(wb, l.teams));
  const teamColumns = 4 + teamEvents.length;
  widths(tw, teamColumns, (i) => (i === 1 ? 24 : i === teamColumns - 1 ? 40 : 10));
  // headed by the events' names, as the organizer wrote them, not their keys
  const eventNames = new Map(input.events.map((e) => [e.standings.event, e.standings.name ?? e.standings.event]));
  headerRow(tw, [l.rank, l.organization, l.total, ...teamEvents.map((k) => eventNames.get(k) ?? k), l.members]);
  for (const t of input.teams.rows) addRow(tw, [t.rank, t.organization, t.total, ...teamEvents.map((k) => t.events?.[k] ?? 0), t.members.join(' ')]);
  tw.commit();

  if (input.appeals) {
    const ap = wb.addWorksheet(sheetName(wb, input.appeals.title));
    writeAppealsSheet(ap, input.appeals);
    ap.commit();
  }

  if (input.comments?.rows.length) {
    const cw = wb.addWorksheet(sheetName(wb, input.comments.title));
    writeCommentsSheet(cw, input.comments);
    cw.commit();
  }

  const au = wb.addWorksheet(sheetName(wb, l.audit));
  widths(au, 9, (i) => (i >= 6 ? 36 : 14));
  headerRow(au, [l.time, l.actor, l.action, l.event, l.station, l.judge, l.before, l.after, l.reason]);
  const pages = input.audit[Symbol.asyncIterator]();
  let ahead = pages.next();
  try {
    for (let page = await ahead; !page.done; page = await ahead) {
      // the next page is read from the database while this one is compressed
      ahead = pages.next();
      for (const a of page.value) {
        addRow(au, [formatTime(new Date(a.at)), actorWords(l, a.actor), actionWords(l, a.action), a.event ? (eventNames.get(a.event) ?? a.event) : '', a.station ?? '', a.judge ?? '', a.before === null ? '' : cellText(JSON.stringify(a.before)), a.after === null ? '' : cellText(JSON.stringify(a.after)), a.reason ?? '']);
      }
      for (const input of sheetInputs(au)) await drained(input, out);
      await drained(out, out);
    }
  } catch (e) {
    // the page read ahead is not wanted any more, nor its failure
    ahead.catch(() => undefined);
    await pages.return?.(undefined);
    throw e;
  }
  au.commit();
  await wb.commit();
}
