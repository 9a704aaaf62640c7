import { describe, expect, it } from 'vitest';
import { BOM, toCsv } from './csv';

describe('toCsv', () => {
  it('starts with the UTF-8 byte-order mark and ends every row with CRLF', () => {
    expect(toCsv(['名次', '姓名'], [[1, '王小雨']])).toBe(`${BOM}名次,姓名\r\n1,王小雨\r\n`);
  });

  it('quotes cells holding a comma, a quote or a line break', () => {
    expect(toCsv(['a'], [['x,y'], ['say "hi"'], ['a\nb'], ['a\rb']])).toBe(`${BOM}a\r\n"x,y"\r\n"say ""hi"""\r\n"a\nb"\r\n"a\rb"\r\n`);
  });

  it('defuses text that a spreadsheet would run as a formula, and leaves negative numbers alone', () => {
    const out = toCsv(['v'], [['=HYPERLINK("x")'], ['+1'], ['-1'], ['@SUM(A1)'], ['\tx'], [-1.5], [null]]);
    expect(out.slice(1).split('\r\n')).toEqual(['v', `"'=HYPERLINK(""x"")"`, "'+1", "'-1", "'@SUM(A1)", "'\tx", '-1.5', '', '']);
  });
});
