import type { NoticeInput } from './pdf-results';
import { formatTime } from './pdf-results';

function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The results notice as a print-friendly page: the same table as the PDF, for a browser's print dialog. */
export function resultsNoticeHtml(n: NoticeInput, lang: string): string {
  const points = new Set(n.table.pointColumns);
  const head = n.table.headers.map((h, i) => `<th${points.has(i) ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const body = n.table.rows
    .map((r) => `<tr>${r.map((c, i) => `<td${points.has(i) ? ' class="num"' : ''}>${esc(typeof c === 'number' && points.has(i) ? c.toFixed(n.precision) : c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<title>${esc(n.contestTitle)} ${esc(n.eventName)} ${esc(n.labels.notice)}</title>
<style>
  @page { size: A4; margin: 14mm; }
  body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #000; margin: 0 auto; max-width: 1100px; padding: 16px; }
  h1 { font-size: 20px; text-align: center; margin: 0 0 6px; }
  h2 { font-size: 17px; text-align: center; margin: 0 0 4px; }
  .sub { text-align: center; color: #555; font-size: 12px; margin-bottom: 14px; }
  table { width: 100%; border-collapse: collapse; font-size: 12px; }
  th, td { border-bottom: 1px solid #999; padding: 4px 6px; text-align: left; }
  th { background: #e8ecf2; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; }
  .num { text-align: right; font-variant-numeric: tabular-nums; }
  .note { font-size: 12px; margin-top: 12px; }
  .sign { display: flex; gap: 48px; margin-top: 36px; font-size: 14px; }
  .sign span { flex: 1; }
  .time { color: #555; font-size: 11px; margin-top: 24px; }
  @media print { .noprint { display: none; } body { padding: 0; } }
  .noprint { text-align: right; margin-bottom: 8px; }
  .noprint button { font-size: 16px; padding: 8px 18px; }
</style>
</head>
<body>
<div class="noprint"><button onclick="window.print()">🖨</button></div>
<h1>${esc(n.contestTitle)}</h1>
<h2>${esc(n.eventName)} ${esc(n.labels.notice)}</h2>
<div class="sub">${esc(n.final ? n.labels.final : n.labels.provisional)}${n.venue ? ` ${esc(n.labels.venue)}${esc(n.venue)}` : ''}</div>
<table>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
${n.table.tieAcrossCutoff ? `<p class="note">${esc(n.labels.tieNote)}</p>` : ''}
<div class="sign"><span>${esc(n.labels.chiefSignature)} ____________________</span><span>${esc(n.labels.supervisorSignature)} ____________________</span></div>
<div class="sign"><span>${esc(n.labels.date)} ____________________</span><span></span></div>
<p class="time">${esc(n.labels.generatedAt)}${esc(formatTime(n.generatedAt))}</p>
</body>
</html>
`;
}
