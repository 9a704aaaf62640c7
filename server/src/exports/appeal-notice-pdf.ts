import { loadPdfKit } from '../common/heavy-libraries';
import type { AppealView } from '../contracts/appeals';
import { cjkFont } from './cjk-font';
import { formatTime } from './pdf-results';
import { pdfBuffer } from './pdf-buffer';

export interface AppealNoticeInput {
  contestTitle: string;
  venue: string;
  eventName: string;
  locale: string;
  appeal: AppealView;
  /** the chief judge's name, for the answer's signature line */
  chiefName: string | null;
  generatedAt: Date;
}

interface NoticeWords {
  title: string;
  number: string;
  station: string;
  contestant: string;
  filedBy: string;
  filedAt: string;
  reason: string;
  outcome: string;
  outcomes: Record<'upheld' | 'rejected', string>;
  answer: string;
  decidedAt: string;
  acts: string;
  reopened: (judge: string) => string;
  deducted: (points: number) => string;
  chief: string;
  signature: string;
  date: string;
  generatedAt: string;
}

const ZH: NoticeWords = {
  title: '复核结果通知',
  number: '复核申请编号：',
  station: '工位号：',
  contestant: '参赛选手：',
  filedBy: '申请人：',
  filedAt: '申请时间：',
  reason: '复核事由：',
  outcome: '复核结论：',
  outcomes: { upheld: '复核成立，成绩已更正', rejected: '复核不成立，维持原成绩' },
  answer: '答复意见：',
  decidedAt: '答复时间：',
  acts: '更正记录：',
  reopened: (judge) => `退回裁判 ${judge} 的评分表重评`,
  deducted: (points) => `扣分 ${points}`,
  chief: '裁判长：',
  signature: '裁判长签字：',
  date: '日期：',
  generatedAt: '生成时间：',
};

const EN: NoticeWords = {
  title: 'Appeal decision notice',
  number: 'Appeal no.: ',
  station: 'Station: ',
  contestant: 'Contestant: ',
  filedBy: 'Filed by: ',
  filedAt: 'Filed at: ',
  reason: 'Grounds: ',
  outcome: 'Decision: ',
  outcomes: { upheld: 'upheld: the result has been corrected', rejected: 'rejected: the result stands' },
  answer: 'Answer: ',
  decidedAt: 'Answered at: ',
  acts: 'Corrections: ',
  reopened: (judge) => `sheet of judge ${judge} reopened for re-marking`,
  deducted: (points) => `deduction of ${points}`,
  chief: 'Chief judge: ',
  signature: 'Chief judge signature:',
  date: 'Date:',
  generatedAt: 'Generated: ',
};

const MARGIN = 56;

/** The 复核结果通知 of one answered appeal: one A4 page handed to whoever filed it. */
export async function appealNoticePdf(n: AppealNoticeInput): Promise<Buffer> {
  const w = n.locale.toLowerCase().startsWith('zh') ? ZH : EN;
  const a = n.appeal;
  const font = cjkFont();
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `${n.contestTitle} ${n.eventName} ${w.title} ${a.id}` } });
  doc.registerFont('cjk', font.path, font.family);
  doc.font('cjk');
  const width = doc.page.width - 2 * MARGIN;

  doc.fontSize(14).text(n.contestTitle, { align: 'center', width });
  doc.moveDown(0.4).fontSize(18).text(`${n.eventName} ${w.title}`, { align: 'center', width });
  doc.moveDown(1.2).fontSize(11);
  const line = (label: string, value: string) => {
    doc.text(`${label}${value}`, { width });
    doc.moveDown(0.35);
  };
  line(w.number, a.id);
  line(w.station, a.station);
  line(w.contestant, `${a.bib} ${a.name}（${a.organization}）`);
  line(w.filedBy, a.filedBy);
  line(w.filedAt, formatTime(new Date(a.filedAt)));
  line(w.reason, a.reason);
  doc.moveDown(0.6);
  line(w.outcome, a.outcome ? w.outcomes[a.outcome] : '');
  line(w.answer, a.answer ?? '');
  if (a.acts.length) line(w.acts, a.acts.map((x) => (x.action === 'sheet.reopen' ? w.reopened(x.judge ?? '') : w.deducted(x.points ?? 0))).join('；'));
  if (a.decidedAt) line(w.decidedAt, formatTime(new Date(a.decidedAt)));
  if (n.chiefName) line(w.chief, n.chiefName);

  doc.moveDown(2.5).fontSize(12);
  const y = doc.y;
  doc.text(`${w.signature} ____________________`, MARGIN, y);
  doc.text(`${w.date} ____________________`, MARGIN + width / 2, y);
  doc.fontSize(8).fillColor('#555').text(`${w.generatedAt}${formatTime(n.generatedAt)}${n.venue ? `   ${n.venue}` : ''}`, MARGIN, y + 40);

  return pdfBuffer(doc);
}
