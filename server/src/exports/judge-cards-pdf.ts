import type QRCode from 'qrcode';
import { loadPdfKit, loadQrCode } from '../common/heavy-libraries';
import { cjkFont } from './cjk-font';
import { pdfBuffer } from './pdf-buffer';

export interface JudgeCard {
  key: string;
  name: string;
  pin: string | null;
  events: { name: string; role: 'judge' | 'chief' }[];
}

export interface CardsInput {
  contestTitle: string;
  code: string;
  /** the judge app's address; each card's QR code adds its own sign-in to it (cardLoginLink) */
  loginUrl: string;
  cards: JudgeCard[];
  locale: string;
}

const COLS = 2;
const ROWS = 4;
const MARGIN = 28;

/**
 * What a card's QR code holds: the judge app's address with contest, judge and PIN in the
 * fragment, `…/judge/#contest=BG2024&judge=J1&pin=482913`. A fragment never leaves the tablet, so
 * the PIN reaches no server or proxy log; the app signs in with it, naming the judge, and clears
 * it from the address bar. Without a PIN to print, the code still fills in contest and judge.
 */
export function cardLoginLink(loginUrl: string, code: string, card: Pick<JudgeCard, 'key' | 'pin'>): string {
  const url = new URL(loginUrl);
  url.search = '';
  const params = new URLSearchParams({ contest: code, judge: card.key });
  if (card.pin) params.set('pin', card.pin);
  url.hash = params.toString();
  return url.toString();
}

/** Draws a QR code as vector squares, so it prints sharp at any size. */
function drawQr(qrcode: typeof QRCode, doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = qrcode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / (n + 2);
  doc.save().fillColor('#000');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) doc.rect(x + (c + 1) * cell, y + (r + 1) * cell, cell, cell);
    }
  }
  doc.fill().restore();
}

/** One card per judge, eight to an A4 page, with dashed cut lines: name, contest, events, PIN, QR login link. */
export async function judgeCardsPdf(input: CardsInput): Promise<Buffer> {
  const zh = input.locale.toLowerCase().startsWith('zh');
  const t = zh
    ? { card: '裁判证', pin: 'PIN 码', code: '竞赛代码', chief: '裁判长', judge: '裁判', scan: '扫码即登录评分系统', scanNoPin: '扫码登录评分系统，输入 PIN 码' }
    : { card: 'Judge card', pin: 'PIN', code: 'Contest code', chief: 'chief judge', judge: 'judge', scan: 'Scan to sign in to the judge app', scanNoPin: 'Scan to open the judge app, then type the PIN' };
  const font = cjkFont();
  const [PDFDocument, QRCode] = await Promise.all([loadPdfKit(), loadQrCode()]);
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `${input.contestTitle} ${t.card}` } });
  doc.registerFont('cjk', font.path, font.family);
  doc.font('cjk');
  const w = (doc.page.width - 2 * MARGIN) / COLS;
  const h = (doc.page.height - 2 * MARGIN) / ROWS;
  input.cards.forEach((card, i) => {
    const slot = i % (COLS * ROWS);
    if (i > 0 && slot === 0) doc.addPage();
    const x = MARGIN + (slot % COLS) * w;
    const y = MARGIN + Math.floor(slot / COLS) * h;
    doc.save().lineWidth(0.5).dash(4, { space: 3 }).strokeColor('#aaa').rect(x, y, w, h).stroke().restore();
    const pad = 12;
    const qrSize = h - 2 * pad - 14;
    const textW = w - qrSize - 3 * pad;
    doc.fillColor('#555').fontSize(7.5).text(input.contestTitle, x + pad, y + pad, { width: w - 2 * pad, height: 20, ellipsis: true });
    doc.fillColor('#000').fontSize(16).text(card.name, x + pad, y + pad + 22, { width: textW, lineBreak: false, ellipsis: true });
    doc.fontSize(8.5).fillColor('#333').text(`${card.key} · ${t.card}`, x + pad, y + pad + 44, { width: textW });
    const roles = card.events.map((e) => `${e.name}（${e.role === 'chief' ? t.chief : t.judge}）`).join('、');
    doc.fontSize(8.5).text(roles, x + pad, y + pad + 58, { width: textW, height: 26, ellipsis: true });
    doc.fontSize(8).fillColor('#555').text(`${t.code}  ${input.code}`, x + pad, y + h - pad - 52, { width: textW });
    doc.fontSize(8).text(t.pin, x + pad, y + h - pad - 38, { width: textW });
    doc.fillColor('#000').fontSize(20).text(card.pin ?? '——', x + pad, y + h - pad - 28, { width: textW, characterSpacing: 1, lineBreak: false });
    drawQr(QRCode, doc, cardLoginLink(input.loginUrl, input.code, card), x + w - pad - qrSize, y + pad + 8, qrSize);
    doc.fontSize(6.5).fillColor('#555').text(card.pin ? t.scan : t.scanNoPin, x + w - pad - qrSize, y + h - pad - 8, { width: qrSize, align: 'center', lineBreak: false });
  });
  return pdfBuffer(doc);
}
