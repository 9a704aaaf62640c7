import type ExcelJS from 'exceljs';
import type { AppealView } from '../contracts/appeals';
import { formatTime } from './pdf-results';

/** The appeals register of a contest: one table, every event's appeals, as the workbook's sheet "复核申请". */
export interface AppealsRegister {
  title: string;
  headers: string[];
  rows: (string | number | null)[][];
}

const WORDS = {
  zh: {
    title: '复核申请',
    headers: ['赛项', '编号', '工位号', '参赛号', '姓名', '单位', '申请人', '申请时间', '复核事由', '状态', '结论', '答复意见', '答复时间', '答复人', '更正记录'],
    open: '待答复',
    decided: '已答复',
    upheld: '复核成立',
    rejected: '维持原成绩',
  },
  en: {
    title: 'Appeals',
    headers: ['Event', 'No.', 'Station', 'Bib', 'Name', 'Organization', 'Filed by', 'Filed at', 'Grounds', 'Status', 'Decision', 'Answer', 'Answered at', 'Answered by', 'Corrections'],
    open: 'open',
    decided: 'answered',
    upheld: 'upheld',
    rejected: 'rejected',
  },
};

/** The register's rows from each event's appeals (event name → appeals, in the contest's event order). */
export function appealsRegister(locale: string, events: { name: string; appeals: AppealView[] }[]): AppealsRegister {
  const w = locale.toLowerCase().startsWith('zh') ? WORDS.zh : WORDS.en;
  const rows = events.flatMap((e) =>
    e.appeals.map((a) => [
      e.name,
      a.id,
      a.station,
      a.bib,
      a.name,
      a.organization,
      a.filedBy,
      formatTime(new Date(a.filedAt)),
      a.reason,
      w[a.status],
      a.outcome ? w[a.outcome] : '',
      a.answer ?? '',
      a.decidedAt ? formatTime(new Date(a.decidedAt)) : '',
      a.decidedBy ?? '',
      a.acts.map((x) => (x.action === 'sheet.reopen' ? `${x.action} ${x.judge ?? ''}` : `${x.action} ${x.points ?? ''}`)).join('; '),
    ]),
  );
  return { title: w.title, headers: w.headers, rows };
}

/** Writes the register into a streamed worksheet the workbook has just added. */
export function writeAppealsSheet(ws: ExcelJS.Worksheet, r: AppealsRegister): void {
  ws.columns = r.headers.map((_, i) => ({ width: i === 8 || i === 11 ? 40 : i === 5 ? 22 : 12 }));
  const head = ws.addRow(r.headers);
  head.font = { bold: true };
  head.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF2' } }));
  head.commit();
  for (const values of r.rows) ws.addRow(values).commit();
}
