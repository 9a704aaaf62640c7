import { describe, expect, it } from 'vitest';
import { row } from '../../test/rows';
import { isScoreChange, orderRows } from './standings-order';

describe('orderRows', () => {
  it('puts unranked entries last, by bib, whatever their stations', () => {
    const out = orderRows([
      row('A10', null, 0, { station: '01' }),
      row('A4', 3, 70),
      row('A3', null, 0, { station: '20' }),
      row('A1', 1, 90),
    ]);
    expect(out.map((r) => r.bib)).toEqual(['A1', 'A4', 'A3', 'A10']);
  });

  it('does not change the list it was given', () => {
    const input = [row('A2', 2, 80), row('A1', 1, 90)];
    orderRows(input);
    expect(input.map((r) => r.bib)).toEqual(['A2', 'A1']);
  });
});

describe('isScoreChange', () => {
  const before = row('A1', 1, 90, { parts: { design: 40, finish: 50 } });

  it('sees new marks, deductions, completeness and status', () => {
    expect(isScoreChange(before, { ...before, parts: { design: 40, finish: 49 }, total: 89 })).toBe(true);
    expect(isScoreChange(before, { ...before, deductions: 1 })).toBe(true);
    expect(isScoreChange(before, { ...before, complete: false })).toBe(true);
    expect(isScoreChange(before, { ...before, status: 'disqualified', rank: null })).toBe(true);
    expect(isScoreChange(undefined, before)).toBe(true);
  });

  it('does not count a move in rank or award as a new mark', () => {
    expect(isScoreChange(before, { ...before, rank: 2, award: '二等奖' })).toBe(false);
  });
});
