import { DomainError } from '../common/domain-error';
import { loadCsvParse, loadExcelJs } from '../common/heavy-libraries';

/** Header names accepted for each column, English and Chinese. */
export const COLUMNS = {
  bib: ['bib', '参赛号', '编号', '选手编号', '参赛编号'],
  name: ['name', '姓名', '选手姓名'],
  organization: ['organization', 'organisation', 'team', '单位', '代表队', '参赛单位', '所在单位'],
  event: ['event', '赛项', '项目', '比赛项目'],
  station: ['station', '工位号', '工位', '抽签号', '赛位号'],
} as const;

export type Column = keyof typeof COLUMNS;

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    const o = v as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (o.richText) return o.richText.map((r) => r.text).join('').trim();
    if (o.text !== undefined) return String(o.text).trim();
    if (o.result !== undefined) return String(o.result).trim();
  }
  return String(v).trim();
}

/** The sheet's rows as text cells, whatever the format: first worksheet of an xlsx, or a CSV (with or without BOM). */
export async function readSheet(body: Buffer, contentType: string): Promise<string[][]> {
  const isXlsx = contentType.includes('spreadsheetml') || (body[0] === 0x50 && body[1] === 0x4b);
  if (isXlsx) {
    const { Workbook } = await loadExcelJs();
    const wb = new Workbook();
    try {
      await wb.xlsx.load(body as unknown as ArrayBuffer);
    } catch {
      throw DomainError.invalid([{ path: 'file', message: 'not a readable .xlsx workbook' }]);
    }
    const ws = wb.worksheets[0];
    if (!ws) throw DomainError.invalid([{ path: 'file', message: 'the workbook has no worksheet' }]);
    const rows: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      rows[n - 1] = values.map(cellText);
    });
    return Array.from(rows, (r) => r ?? []);
  }
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  const parse = await loadCsvParse();
  try {
    return parse(text, { relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
  } catch (e) {
    throw DomainError.invalid([{ path: 'file', message: `not a readable CSV file (${(e as Error).message})` }]);
  }
}

/** Which column holds what, from the header row; every missing column is a problem. */
export function mapHeader(header: string[]): { map: Partial<Record<Column, number>>; missing: Column[] } {
  const norm = header.map((h) => h.replace(/\s+/g, '').toLowerCase());
  const map: Partial<Record<Column, number>> = {};
  for (const col of Object.keys(COLUMNS) as Column[]) {
    const i = norm.findIndex((h) => (COLUMNS[col] as readonly string[]).some((alias) => h === alias.toLowerCase()));
    if (i >= 0) map[col] = i;
  }
  const missing = (['bib', 'name', 'organization', 'event'] as Column[]).filter((c) => map[c] === undefined);
  return { map, missing };
}
