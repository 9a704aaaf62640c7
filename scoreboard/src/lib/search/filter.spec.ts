import { describe, expect, it } from 'vitest';
import { row } from '../../test/rows';
import { filterRows, matchesRow } from './filter';

const rows = [
  row('A001', 1, 90, { name: '王小雨', organization: '广安市总工会', station: '07' }),
  row('A002', 2, 85, { name: '李明', organization: '北碚区总工会', station: '12' }),
  row('B017', 3, 80, { name: 'Zhang Wei', organization: 'Chongqing Hair Academy', station: '03' }),
];

describe('search', () => {
  it('finds by bib, case-insensitively and in full-width letters', () => {
    expect(filterRows(rows, 'a002').map((r) => r.bib)).toEqual(['A002']);
    expect(filterRows(rows, 'Ｂ０１７').map((r) => r.bib)).toEqual(['B017']);
  });

  it('finds by part of a name or organization', () => {
    expect(filterRows(rows, '小雨').map((r) => r.bib)).toEqual(['A001']);
    expect(filterRows(rows, '总工会').map((r) => r.bib)).toEqual(['A001', 'A002']);
    expect(filterRows(rows, 'hair acad').map((r) => r.bib)).toEqual(['B017']);
  });

  it('needs every word to match', () => {
    expect(filterRows(rows, '北碚 李').map((r) => r.bib)).toEqual(['A002']);
    expect(filterRows(rows, '北碚 王')).toEqual([]);
  });

  it('never matches a station number, even on a final board that shows stations', () => {
    expect(matchesRow(rows[0], '07')).toBe(false);
    expect(filterRows(rows, '12')).toEqual([]);
    expect(filterRows(rows, '03')).toEqual([]);
  });

  it('keeps every row, in order, for an empty query', () => {
    expect(filterRows(rows, '  ').map((r) => r.bib)).toEqual(['A001', 'A002', 'B017']);
  });

  it('finds nothing for an unknown text', () => {
    expect(filterRows(rows, '不存在')).toEqual([]);
  });
});
