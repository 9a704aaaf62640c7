/** RFC 4180 CSV with a UTF-8 byte-order mark, so Excel opens Chinese text correctly. */
export const BOM = '\uFEFF';

function cell(v: string | number | null): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // a leading = + - @ would make a spreadsheet run the cell as a formula
  const safe = /^[=+\-@]/.test(s) && typeof v !== 'number' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(headers: string[], rows: (string | number | null)[][]): string {
  return BOM + [headers, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
