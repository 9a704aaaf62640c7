import { stringify } from 'csv-stringify/sync';

/** RFC 4180 CSV with a UTF-8 byte-order mark, so Excel opens Chinese text correctly. */
export const BOM = '\uFEFF';

export function toCsv(headers: string[], rows: (string | number | null)[][]): string {
  return stringify([headers, ...rows], {
    bom: true,
    record_delimiter: 'windows',
    // a lone CR or LF inside a cell must be quoted too, or a reader would start a new row there
    quote_record_delimiter: true,
    // a text cell that opens with = + - @ (or a tab or CR) would run as a formula in a spreadsheet:
    // it gets a leading apostrophe; negative numbers stay numbers
    escape_formulas: true,
  });
}
