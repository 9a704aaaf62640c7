import { describe, expect, it } from 'vitest';
import { computeStandings, schemeFromEventFile, toHundredths, unitsToNumber, type EntryInput } from './index';
import { eventFileSchema } from '../../contracts/contest-file';

const hair = eventFileSchema.parse({
  key: 'hair',
  name: '美发',
  criteria: [
    { key: 'design', name: '造型设计', max: 40, step: 0.5 },
    { key: 'technique', name: '技术难度', max: 30, step: 0.5 },
    { key: 'finish', name: '整体效果', max: 30, step: 0.5 },
  ],
  aggregate: { over: 'criterion', method: 'trimmed', trim: 1 },
  panel: ['J1', 'J2', 'J3', 'J4', 'J5'].map((judge) => ({ judge })),
});

describe('the spec’s worked example (station 07)', () => {
  it('gives 37.17 + 25.67 + 27.00 − 1.5 = 88.34', () => {
    const scheme = schemeFromEventFile(hair);
    const design = [36, 38.5, 35, 39, 37];
    const technique = [25, 26, 26, 24.5, 28];
    const entry: EntryInput = {
      bib: 'A001',
      station: '07',
      status: 'competing',
      sheets: design.map((d, i) => ({
        judge: `J${i + 1}`,
        scores: { design: toHundredths(d)!, technique: toHundredths(technique[i])!, finish: 2700 },
      })),
      deductions: [150],
    };
    const { rows } = computeStandings(scheme, [entry]);
    expect(unitsToNumber(rows[0].parts.design)).toBe(37.17);
    expect(unitsToNumber(rows[0].parts.technique)).toBe(25.67);
    expect(unitsToNumber(rows[0].parts.finish)).toBe(27);
    expect(unitsToNumber(rows[0].total)).toBe(88.34);
    expect(rows[0].complete).toBe(true);
    expect(rows[0].rank).toBe(1);
  });
});
