import { describe, expect, it } from 'vitest';
import { nextRevealStep, revealGroups, revealTotal } from './reveal';

const rows = [
  { bib: 'A', rank: 1, award: '一等奖' },
  { bib: 'B', rank: 2, award: '二等奖' },
  { bib: 'C', rank: 2, award: '二等奖' },
  { bib: 'D', rank: 4, award: '三等奖' },
  { bib: 'E', rank: 5, award: null },
  { bib: 'F', rank: null, award: null },
];
const tiers = ['一等奖', '二等奖', '三等奖'];

describe('the ceremony reveal order', () => {
  it('groups non-awarded entries first, then tiers from the lowest, worst rank first', () => {
    expect(revealGroups(rows, tiers)).toEqual([
      { award: null, bibs: ['E', 'F'] },
      { award: '三等奖', bibs: ['D'] },
      { award: '二等奖', bibs: ['B', 'C'] },
      { award: '一等奖', bibs: ['A'] },
    ]);
    expect(revealTotal(revealGroups(rows, tiers))).toBe(6);
  });

  it('steps one entry at a time inside award tiers, the whole non-award group at once', () => {
    const groups = revealGroups(rows, tiers);
    const steps: string[][] = [];
    for (let revealed = 0, step = nextRevealStep(groups, 0, 'entry'); step; step = nextRevealStep(groups, revealed, 'entry')) {
      steps.push(step.bibs);
      revealed += step.bibs.length;
    }
    expect(steps).toEqual([['E', 'F'], ['D'], ['B'], ['C'], ['A']]);
  });

  it('steps a whole tier at a time when asked, also from the middle of a tier', () => {
    const groups = revealGroups(rows, tiers);
    expect(nextRevealStep(groups, 3, 'tier')).toEqual({ award: '二等奖', bibs: ['B', 'C'] });
    expect(nextRevealStep(groups, 4, 'tier')).toEqual({ award: '二等奖', bibs: ['C'] });
    expect(nextRevealStep(groups, 6, 'tier')).toBeNull();
  });

  it('skips an empty non-award group', () => {
    expect(revealGroups([{ bib: 'A', rank: 1, award: '一等奖' }], tiers)).toEqual([{ award: '一等奖', bibs: ['A'] }]);
  });
});
