import type ExcelJS from 'exceljs';
import { loadExcelJs } from '../common/heavy-libraries';
import type { AuditRecordView } from '../contracts/chief';
import type { EventStandings, TeamStandings } from '../contracts/standings';
import type { ExportLabels } from './labels';
import type { ResultsTable } from './results-table';
import { formatTime } from './pdf-results';

/** One event's mark matrix: stations × (criterion, judge), with the marks trimming dropped. */
export interface MarkMatrix {
  columns: { criterion: string; criterionName: string; judge: string }[];
  rows: { station: string; bib: string; values: ({ value: number; dropped: boolean } | null)[]; parts: Record<string, number>; deductions: number; total: number }[];
}

export interface WorkbookEvent {
  standings: EventStandings;
  table: ResultsTable;
  matrix: MarkMatrix;
}

export interface WorkbookInput {
  title: string;
  labels: ExportLabels;
  events: WorkbookEvent[];
  teams: TeamStandings;
  audit: AuditRecordView[];
  generatedAt: Date;
}

/** Sheet names: at most 31 characters, none of []:*?/\ , unique. */
function sheetName(wb: ExcelJS.Workbook, wanted: string): string {
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
}

/** The contest workbook: per event standings and mark matrix; awards list, teams, audit trail. */
export async function contestWorkbook(input: WorkbookInput): Promise<Buffer> {
  const l = input.labels;
  const { Workbook } = await loadExcelJs();
  const wb = new Workbook();
  wb.creator = 'SkillScore';
  wb.created = input.generatedAt;

  for (const ev of input.events) {
    const name = ev.standings.name ?? ev.standings.event;
    const ws = wb.addWorksheet(sheetName(wb, `${name}${l.standings}`), { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.addRow([`${input.title} — ${name} ${ev.standings.final ? l.final : l.provisional}`]).font = { bold: true, size: 13 };
    headerRow(ws, ev.table.headers);
    for (const r of ev.table.rows) ws.addRow(r);
    if (ev.table.tieAcrossCutoff) ws.addRow([l.tieNote]);
    ws.columns.forEach((c, i) => (c.width = i === 3 ? 24 : i === 2 ? 12 : 10));

    const m = ev.matrix;
    const mw = wb.addWorksheet(sheetName(wb, `${name}${l.marks}`), { views: [{ state: 'frozen', ySplit: 3, xSplit: 2 }] });
    mw.addRow([`${name} ${l.marks} — ${l.dropped}`]).font = { bold: true };
    const partKeys = Object.keys(m.rows[0]?.parts ?? {});
    headerRow(mw, [l.station, l.bib, ...m.columns.map((c) => c.criterionName), ...partKeys.map((k) => (k === 'panel' ? l.panel : (ev.standings.criteria?.find((c) => c.key === k)?.name ?? k))), l.deductions, l.total]);
    headerRow(mw, ['', '', ...m.columns.map((c) => c.judge), ...partKeys.map(() => ''), '', '']);
    for (const r of m.rows) {
      const row = mw.addRow([r.station, r.bib, ...r.values.map((v) => v?.value ?? null), ...partKeys.map((k) => r.parts[k]), r.deductions, r.total]);
      r.values.forEach((v, i) => {
        if (v?.dropped) row.getCell(3 + i).font = { strike: true, color: { argb: 'FF999999' } };
      });
    }
  }

  const aw = wb.addWorksheet(sheetName(wb, l.awards));
  headerRow(aw, [l.event, l.award, l.rank, l.bib, l.name, l.organization, l.total]);
  for (const ev of input.events) {
    for (const r of ev.standings.rows.filter((x) => x.award)) {
      aw.addRow([ev.standings.name ?? ev.standings.event, r.award, r.rank, r.bib, r.name, r.organization, r.total]);
    }
  }
  aw.columns.forEach((c, i) => (c.width = i === 5 ? 24 : 12));

  const tw = wb.addWorksheet(sheetName(wb, l.teams));
  headerRow(tw, [l.rank, l.organization, l.total, ...(input.teams.events ?? []), l.members]);
  for (const t of input.teams.rows) tw.addRow([t.rank, t.organization, t.total, ...(input.teams.events ?? []).map((k) => t.events?.[k] ?? 0), t.members.join(' ')]);
  tw.columns.forEach((c, i) => (c.width = i === 1 ? 24 : i === tw.columnCount - 1 ? 40 : 10));

  const au = wb.addWorksheet(sheetName(wb, l.audit));
  headerRow(au, [l.time, l.actor, l.action, l.event, l.station, l.judge, l.before, l.after, l.reason]);
  for (const a of input.audit) {
    au.addRow([formatTime(new Date(a.at)), a.actor, a.action, a.event ?? '', a.station ?? '', a.judge ?? '', a.before === null ? '' : JSON.stringify(a.before), a.after === null ? '' : JSON.stringify(a.after), a.reason ?? '']);
  }
  au.columns.forEach((c, i) => (c.width = i >= 6 ? 36 : 14));

  return Buffer.from(await wb.xlsx.writeBuffer());
}
