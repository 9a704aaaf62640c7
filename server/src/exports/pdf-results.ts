import { loadPdfKit } from '../common/heavy-libraries';
import type { ExportLabels } from './labels';
import type { ResultsTable } from './results-table';
import { cjkFont } from './cjk-font';
import { pdfBuffer } from './pdf-buffer';

export interface NoticeInput {
  /** decimals every printed number has, the event's precision */
  precision: number;
  contestTitle: string;
  venue: string;
  eventName: string;
  final: boolean;
  table: ResultsTable;
  generatedAt: Date;
  labels: ExportLabels;
  /** the audit chain's head and the recheck's outcome, worded (integrity-note.ts) */
  integrity?: string;
}

const MARGIN = 36;


export function formatTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The results notice (成绩公示): title, event, ranked table with parts and awards, tie note, signature lines. */
export async function resultsNoticePdf(n: NoticeInput): Promise<Buffer> {
  const font = cjkFont();
  const wide = n.table.headers.length > 10;
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({ size: 'A4', layout: wide ? 'landscape' : 'portrait', margin: MARGIN, bufferPages: true, info: { Title: `${n.contestTitle} ${n.eventName} ${n.labels.notice}` } });
  doc.registerFont('cjk', font.path, font.family);
  doc.font('cjk');
  const width = doc.page.width - 2 * MARGIN;

  doc.fontSize(15).text(n.contestTitle, { align: 'center' });
  doc.moveDown(0.3).fontSize(13).text(`${n.eventName} ${n.labels.notice}`, { align: 'center' });
  doc.moveDown(0.2).fontSize(9).fillColor('#555').text(`${n.final ? n.labels.final : n.labels.provisional}${n.venue ? `   ${n.labels.venue}${n.venue}` : ''}`, { align: 'center' });
  doc.fillColor('#000').moveDown(0.8);

  // name and organization columns get more room; numbers share the rest
  const weights = n.table.headers.map((_, i) => (i === 2 ? 1.4 : i === 3 ? 2.4 : i === n.table.headers.length - 2 ? 1.1 : 1));
  const unit = width / weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => w * unit);
  const rowHeight = 17;
  const drawRow = (cells: (string | number | null)[], y: number, header: boolean) => {
    let x = MARGIN;
    if (header) doc.rect(MARGIN, y, width, rowHeight).fill('#e8ecf2').fillColor('#000');
    doc.fontSize(header ? 8.5 : 8.5);
    cells.forEach((c, i) => {
      doc.text(c === null ? '' : String(c), x + 2, y + 4, { width: widths[i] - 4, height: rowHeight - 4, align: i >= 5 && i < cells.length - 2 ? 'right' : 'left', lineBreak: false, ellipsis: true });
      x += widths[i];
    });
    doc.moveTo(MARGIN, y + rowHeight).lineTo(MARGIN + width, y + rowHeight).lineWidth(0.4).strokeColor('#999').stroke();
  };
  const points = new Set(n.table.pointColumns);
  const printed = n.table.rows.map((r) => r.map((c, i) => (typeof c === 'number' && points.has(i) ? c.toFixed(n.precision) : c)));
  let y = doc.y;
  drawRow(n.table.headers, y, true);
  y += rowHeight;
  for (const row of printed) {
    if (y + rowHeight > doc.page.height - MARGIN - 20) {
      doc.addPage();
      y = MARGIN;
      drawRow(n.table.headers, y, true);
      y += rowHeight;
    }
    drawRow(row, y, false);
    y += rowHeight;
  }

  if (y + 125 > doc.page.height - MARGIN) {
    doc.addPage();
    y = MARGIN;
  }
  doc.fontSize(9).fillColor('#000');
  y += 12;
  if (n.table.tieAcrossCutoff) {
    doc.text(n.labels.tieNote, MARGIN, y, { width });
    y = doc.y + 10;
  }
  y += 24;
  doc.fontSize(11);
  doc.text(`${n.labels.chiefSignature} ____________________`, MARGIN, y);
  doc.text(`${n.labels.supervisorSignature} ____________________`, MARGIN + width / 2, y);
  y += 28;
  doc.text(`${n.labels.date} ____________________`, MARGIN, y);
  doc.fontSize(8).fillColor('#555').text(`${n.labels.generatedAt}${formatTime(n.generatedAt)}`, MARGIN, y + 30);
  if (n.integrity) doc.text(n.integrity, MARGIN, y + 42, { width });

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(i);
    // writing inside the bottom margin would otherwise start a new page
    doc.page.margins.bottom = 0;
    doc.fontSize(8).fillColor('#777').text(`${i + 1} / ${range.count}`, MARGIN, doc.page.height - MARGIN + 8, { width, align: 'center', lineBreak: false });
  }
  return pdfBuffer(doc);
}
