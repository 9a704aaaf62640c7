import { loadPdfKit } from '../common/heavy-libraries';
import type { EntryStatus } from '../contracts/standings';
import { cjkFont } from './cjk-font';
import type { ExportLabels } from './labels';
import { formatTime } from './pdf-results';
import { pdfBuffer } from './pdf-buffer';

/** Words of the feedback sheet that the results exports do not use, by the contest's locale. */
export interface FeedbackWords {
  title: string;
  /** a judge as the contestant sees one: by number only, never by name or key */
  judgeNo: (n: number) => string;
  result: string;
  droppedNote: string;
  comments: string;
  noComments: string;
  noDeductions: string;
  notMarked: string;
  page: (n: number, of: number) => string;
  continued: string;
}

const ZH: FeedbackWords = {
  title: '成绩反馈单',
  judgeNo: (n) => `裁判${n}`,
  result: '结果',
  droppedNote: '括号内的分数按去掉最高分、最低分的规则未计入结果。',
  comments: '裁判评语',
  noComments: '无',
  noDeductions: '无',
  notMarked: '—',
  page: (n, of) => `第 ${n} 页 / 共 ${of} 页`,
  continued: '（续）',
};

const EN: FeedbackWords = {
  title: 'Feedback sheet',
  judgeNo: (n) => `Judge ${n}`,
  result: 'Result',
  droppedNote: 'Marks in brackets were dropped by trimming and do not count towards the result.',
  comments: "Judges' comments",
  noComments: 'none',
  noDeductions: 'none',
  notMarked: '—',
  page: (n, of) => `Page ${n} of ${of}`,
  continued: '(continued)',
};

export function feedbackWords(locale: string): FeedbackWords {
  return locale.toLowerCase().startsWith('zh') ? ZH : EN;
}

/** One row of the marks table: a criterion (or the panel's combined part), each judge's mark and the result. */
export interface FeedbackMarkRow {
  label: string;
  /** one cell per judge number (index 0 is 裁判1); null where that judge does not mark it */
  marks: ({ value: number; dropped: boolean } | null)[];
  result: number | null;
}

/** One contestant's page. */
export interface FeedbackPage {
  bib: string;
  name: string;
  organization: string;
  station: string;
  status: EntryStatus;
  rank: number | null;
  award: string | null;
  total: number;
  rows: FeedbackMarkRow[];
  deductions: { points: number; reason: string }[];
  deductionTotal: number;
  /** in criterion order, then judge number */
  comments: { criterion: string; judgeNo: number; text: string }[];
}

export interface FeedbackInput {
  contestTitle: string;
  eventName: string;
  /** decimals every printed number has, the event's precision */
  precision: number;
  /** how many judges the event numbers (the columns of the marks table) */
  judges: number;
  pages: FeedbackPage[];
  labels: ExportLabels;
  words: FeedbackWords;
  generatedAt: Date;
}

const MARGIN = 40;
const FOOTER = 24;


/**
 * Feedback sheets (成绩反馈单): one page per contestant with their marks per criterion from each
 * judge (numbered 裁判1…n, never named), the results, deductions with reasons, total, rank, award
 * and the judges' remarks. Remarks too long for the page continue on the next one.
 */
export async function feedbackPdf(f: FeedbackInput): Promise<Buffer> {
  const font = cjkFont();
  const PDFDocument = await loadPdfKit();
  const l = f.labels;
  const w = f.words;
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, autoFirstPage: false, info: { Title: `${f.contestTitle} ${f.eventName} ${w.title}` } });
  doc.registerFont('cjk', font.path, font.family);
  const fmt = (n: number) => n.toFixed(f.precision);
  // long remarks run onto another page: it is headed with whose sheet it continues
  let continuing: { label: string; size: number } | null = null;
  doc.on('pageAdded', () => {
    if (!continuing) return;
    const { x, y } = doc;
    doc.fontSize(8).fillColor('#555').text(continuing.label, MARGIN, MARGIN - 22, { width: doc.page.width - 2 * MARGIN, lineBreak: false });
    doc.fontSize(continuing.size).fillColor('#000');
    doc.x = x;
    doc.y = y;
  });

  for (const p of f.pages) {
    continuing = null;
    doc.addPage();
    doc.font('cjk');
    const width = doc.page.width - 2 * MARGIN;
    const bottom = doc.page.height - MARGIN - FOOTER;

    doc.fillColor('#000').fontSize(14).text(f.contestTitle, MARGIN, MARGIN, { width, align: 'center' });
    doc.moveDown(0.3).fontSize(12).text(`${f.eventName} ${w.title}`, { width, align: 'center' });
    doc.moveDown(0.8);

    // who: two lines of label–value pairs
    const pair = (label: string, value: string) => `${label}：${value}`;
    doc.fontSize(10.5);
    doc.text([pair(l.bib, p.bib), pair(l.name, p.name), pair(l.station, p.station)].join('    '), MARGIN, doc.y, { width });
    doc.moveDown(0.2).text(pair(l.organization, p.organization), { width });
    doc.moveDown(0.2);
    const outcome =
      p.status === 'competing'
        ? [pair(l.total, fmt(p.total)), pair(l.rank, p.rank === null ? '—' : String(p.rank)), pair(l.award, p.award ?? '—')]
        : [pair(l.status, l.statuses[p.status])];
    doc.fontSize(11.5).text(outcome.join('    '), { width });
    doc.moveDown(0.8);

    // marks: criterion | 裁判1 … 裁判n | result
    const labelWidth = Math.min(140, width * 0.28);
    const resultWidth = 62;
    const judgeWidth = f.judges > 0 ? (width - labelWidth - resultWidth) / f.judges : 0;
    const rowHeight = 18;
    const cells = (label: string, marks: string[], result: string, y: number, header: boolean) => {
      if (header) doc.rect(MARGIN, y, width, rowHeight).fill('#e8ecf2').fillColor('#000');
      doc.fontSize(9);
      doc.text(label, MARGIN + 3, y + 5, { width: labelWidth - 6, height: rowHeight - 4, lineBreak: false, ellipsis: true });
      marks.forEach((m, i) => doc.text(m, MARGIN + labelWidth + i * judgeWidth, y + 5, { width: judgeWidth - 3, align: 'right', lineBreak: false, ellipsis: true }));
      doc.text(result, MARGIN + width - resultWidth, y + 5, { width: resultWidth - 3, align: 'right', lineBreak: false });
      doc.moveTo(MARGIN, y + rowHeight).lineTo(MARGIN + width, y + rowHeight).lineWidth(0.4).strokeColor('#999').stroke();
    };
    let y = doc.y;
    const judgeHeads = Array.from({ length: f.judges }, (_, i) => w.judgeNo(i + 1));
    cells(l.criterion, judgeHeads, w.result, y, true);
    y += rowHeight;
    let anyDropped = false;
    for (const r of p.rows) {
      const marks = r.marks.map((m) => {
        if (!m) return '';
        anyDropped ||= m.dropped;
        return m.dropped ? `(${fmt(m.value)})` : fmt(m.value);
      });
      cells(r.label, marks, r.result === null ? w.notMarked : fmt(r.result), y, false);
      y += rowHeight;
    }
    doc.fontSize(8.5).fillColor('#555');
    y += 4;
    if (anyDropped) {
      doc.text(w.droppedNote, MARGIN, y, { width });
      y = doc.y;
    }
    doc.fillColor('#000').fontSize(10.5);
    y += 10;

    // deductions with their reasons
    doc.text(pair(l.deductions, p.deductions.length ? fmt(p.deductionTotal) : w.noDeductions), MARGIN, y, { width });
    doc.fontSize(9.5);
    for (const d of p.deductions) doc.text(`−${fmt(d.points)}  ${d.reason}`, MARGIN + 12, doc.y + 2, { width: width - 12 });
    doc.moveDown(0.8);

    // remarks: shrink the type until they fit the page; the longest still continue overleaf
    doc.fontSize(10.5).text(w.comments, MARGIN, doc.y, { width });
    doc.moveDown(0.3);
    const lines = p.comments.map((c) => `${c.criterion} · ${w.judgeNo(c.judgeNo)}：${c.text}`);
    if (!lines.length) {
      doc.fontSize(9.5).text(w.noComments, MARGIN + 12, doc.y, { width: width - 12 });
    } else {
      const room = bottom - doc.y;
      const gap = 3;
      let size = 9.5;
      for (; size > 6.5; size -= 0.5) {
        doc.fontSize(size);
        const need = lines.reduce((h, s) => h + doc.heightOfString(s, { width: width - 12 }) + gap, 0);
        if (need <= room) break;
      }
      doc.fontSize(size);
      continuing = { label: `${f.eventName} ${w.title} · ${l.bib}：${p.bib}  ${p.name}  ${w.continued}`, size };
      for (const s of lines) {
        doc.text(s, MARGIN + 12, doc.y, { width: width - 12 });
        doc.y += gap;
      }
    }
  }

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(i);
    // writing inside the bottom margin would otherwise start a new page
    doc.page.margins.bottom = 0;
    const width = doc.page.width - 2 * MARGIN;
    doc.fontSize(7.5).fillColor('#777');
    doc.text(`${l.generatedAt}${formatTime(f.generatedAt)}`, MARGIN, doc.page.height - MARGIN, { width, align: 'left', lineBreak: false });
    doc.text(w.page(i + 1, range.count), MARGIN, doc.page.height - MARGIN, { width, align: 'right', lineBreak: false });
  }
  return pdfBuffer(doc);
}
