import { PassThrough } from 'node:stream';
import { DomainError } from '../common/domain-error';
import { loadCsvParse, loadExcelJs } from '../common/heavy-libraries';
import { checkZipLimits, ZipRefused } from './zip-limits';

/** Header names accepted for each column, English and Chinese. */
export const COLUMNS = {
  bib: ['bib', '参赛号', '编号', '选手编号', '参赛编号'],
  name: ['name', '姓名', '选手姓名'],
  organization: ['organization', 'organisation', 'team', '单位', '代表队', '参赛单位', '所在单位'],
  event: ['event', '赛项', '项目', '比赛项目'],
  station: ['station', '工位号', '工位', '抽签号', '赛位号'],
} as const;

export type Column = keyof typeof COLUMNS;

/** What one import file may hold; each refusal names its limit. */
export const SHEET_LIMITS = {
  /** bytes an .xlsx may unpack to, all its parts together */
  unpackedBytes: 50_000_000,
  /** files inside an .xlsx */
  zipEntries: 1000,
  /** rows of the sheet, counted as Excel numbers them */
  rows: 20_000,
  columns: 100,
  /** characters of one cell; a longer one refuses the file */
  cellChars: 10_000,
  /** characters of a cell kept for the import and its preview; the import's own checks flag a longer value */
  keptChars: 200,
} as const;

const unreadable = (what: string) => DomainError.invalid([{ path: 'file', message: what }]);

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    const o = v as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (o.richText) return o.richText.map((r) => r.text).join('').trim();
    if (o.text !== undefined) return String(o.text).trim();
    if (o.result !== undefined) return String(o.result).trim();
    // an error value, or a reference to a shared string the workbook does not have
    if (!(v instanceof Date)) return '';
  }
  return String(v).trim();
}

/**
 * The sheet's rows as the importer reads them: index = row number − 1, every row present. Rows
 * and cells are checked as they arrive, so a file over a limit is refused before it is all in memory.
 */
class SheetRows {
  readonly rows: string[][] = [];

  add(numbered: number, cells: Iterable<[column: number, text: string]>): void {
    // a row without its number (some writers leave it out) is the one after the last
    const rowNumber = Number.isInteger(numbered) && numbered > 0 ? numbered : this.rows.length + 1;
    if (rowNumber > SHEET_LIMITS.rows) {
      throw unreadable(`the sheet has more than ${SHEET_LIMITS.rows.toLocaleString('en')} rows, the limit for an import; split it into several files`);
    }
    const row: string[] = [];
    for (const [column, text] of cells) {
      if (text === '') continue;
      const at = `row ${rowNumber}, column ${column}`;
      if (column > SHEET_LIMITS.columns) throw unreadable(`${at}: a filled cell beyond column ${SHEET_LIMITS.columns}, the limit for an import`);
      if (text.length > SHEET_LIMITS.cellChars) throw unreadable(`${at}: a cell longer than ${SHEET_LIMITS.cellChars.toLocaleString('en')} characters, the limit for an import`);
      if (text.includes('\u0000')) throw unreadable(`${at}: the cell holds a NUL character`);
      row[column - 1] = text.length > SHEET_LIMITS.keptChars ? `${text.slice(0, SHEET_LIMITS.keptChars)}…` : text;
    }
    while (this.rows.length < rowNumber - 1) this.rows.push([]);
    this.rows[rowNumber - 1] = Array.from(row, (c) => c ?? '');
  }
}

/**
 * The sheet's rows as text cells, whatever the format: the first worksheet of an xlsx, or a CSV
 * (with or without BOM). Within SHEET_LIMITS, or a 400 that names the limit.
 */
export async function readSheet(body: Buffer, contentType: string): Promise<string[][]> {
  const isXlsx = contentType.includes('spreadsheetml') || (body[0] === 0x50 && body[1] === 0x4b);
  return isXlsx ? readXlsx(body) : readCsv(body);
}

async function readXlsx(body: Buffer): Promise<string[][]> {
  try {
    await checkZipLimits(body, { maxUnpacked: SHEET_LIMITS.unpackedBytes, maxEntries: SHEET_LIMITS.zipEntries });
  } catch (e) {
    if (e instanceof ZipRefused) throw unreadable(e.kind === 'limit' ? e.message : `not a readable .xlsx workbook (${e.message})`);
    throw e;
  }
  const ExcelJS = await loadExcelJs();
  // streamed: rows arrive one by one and are checked as they come, instead of a whole workbook model in memory
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(new PassThrough().end(body), { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  const sheet = new SheetRows();
  let found = false;
  try {
    for await (const worksheet of reader) {
      found = true;
      for await (const row of worksheet) {
        const cells: [number, string][] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          cells.push([column, cellText(cell.value)]);
        });
        sheet.add(row.number, cells);
      }
      break;
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw unreadable('not a readable .xlsx workbook');
  }
  if (!found) throw unreadable('the workbook has no worksheet');
  return sheet.rows;
}

async function readCsv(body: Buffer): Promise<string[][]> {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  const parse = await loadCsvParse();
  let records: string[][];
  try {
    // one record past the cap is enough to know the file is over it
    records = parse(text, { relax_column_count: true, skip_empty_lines: false, trim: true, to: SHEET_LIMITS.rows + 1 }) as string[][];
  } catch (e) {
    throw unreadable(`not a readable CSV file (${(e as Error).message})`);
  }
  const sheet = new SheetRows();
  records.forEach((record, i) => sheet.add(i + 1, record.map((text, c): [number, string] => [c + 1, text])));
  return sheet.rows;
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
