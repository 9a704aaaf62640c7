import { describe, expect, it } from 'vitest';
import { assignAwards, awardCutoffs } from './awards';
import { decimalRatio } from './decimal';
import { rankEntries } from './ranking';
import { schemeOf } from './test-fixtures';
import type { AwardTier, EntryResult } from './types';

const share = (name: string, s: number, minTotal?: number): AwardTier => ({
  name,
  share: decimalRatio(s),
  count: null,
  minTotal: minTotal === undefined ? null : Math.round(minTotal * 10_000),
});
const count = (name: string, c: number, minTotal?: number): AwardTier => ({
  name,
  share: null,
  count: c,
  minTotal: minTotal === undefined ? null : Math.round(minTotal * 10_000),
});
const TYPICAL = [share('一等奖', 0.1), share('二等奖', 0.2), share('三等奖', 0.3)];

function results(totals: number[]): EntryResult[] {
  return totals.map((t, i) => {
    const units = Math.round(t * 10_000);
    return {
      bib: `B${i + 1}`,
      station: String(i + 1).padStart(2, '0'),
      status: 'competing',
      parts: { a: units },
      total: units,
      deductions: 0,
      complete: true,
      trimFallback: false,
      tieValues: [],
    };
  });
}

/** Ranks for totals already in order (standard competition ranking). */
function ranksOf(totals: number[]): number[] {
  return totals.map((t) => 1 + totals.filter((u) => u > t).length);
}

function award(tiers: AwardTier[], totals: number[]) {
  const { awards, cutoffs } = assignAwards(tiers, results(totals), ranksOf(totals));
  return { cutoffs, awards: awards.map((a) => (a.award === null ? null : a.liftedByTie ? `${a.award}*` : a.award)) };
}

describe('award cut-offs', () => {
  it('are cumulative: C_i = round_half_up(N × (share_1 + … + share_i))', () => {
    expect(awardCutoffs(TYPICAL, 10)).toEqual([1, 3, 6]);
    expect(awardCutoffs(TYPICAL, 12)).toEqual([1, 4, 7]); // 1.2, 3.6, 7.2
  });

  it('round an exact half up', () => {
    expect(awardCutoffs(TYPICAL, 25)).toEqual([3, 8, 15]); // 2.5, 7.5, 15
    expect(awardCutoffs(TYPICAL, 15)).toEqual([2, 5, 9]); // 1.5, 4.5, 9
    expect(awardCutoffs(TYPICAL, 14)).toEqual([1, 4, 8]); // 1.4, 4.2, 8.4
  });

  it('add the shares exactly (0.3 + 0.6 of 15 is 13.5 → 14; as floats 13.4999… → 13)', () => {
    expect(Math.round((0.3 + 0.6) * 15)).toBe(13);
    expect(awardCutoffs([share('一等奖', 0.3), share('二等奖', 0.6)], 15)).toEqual([5, 14]); // 4.5 → 5, 13.5 → 14
  });

  it('add counts as they are, and mix with shares', () => {
    expect(awardCutoffs([count('金奖', 1), count('银奖', 2), count('铜奖', 3)], 20)).toEqual([1, 3, 6]);
    expect(awardCutoffs([count('金奖', 2), share('银奖', 0.25)], 10)).toEqual([2, 5]); // 2 + 2.5 → 5 (half up)
  });

  it('are 0 without ranked entries', () => {
    expect(awardCutoffs(TYPICAL, 0)).toEqual([0, 0, 0]);
  });
});

describe('assigning awards', () => {
  it('gives each rank the first tier whose cut-off it is within', () => {
    const totals = [99, 98, 97, 96, 95, 94, 93, 92, 91, 90];
    expect(award(TYPICAL, totals).awards).toEqual(['一等奖', '二等奖', '二等奖', '三等奖', '三等奖', '三等奖', null, null, null, null]);
  });

  it('skips a tier whose minTotal the entry does not reach', () => {
    const tiers = [count('一等奖', 1, 95), count('二等奖', 2, 90), count('三等奖', 3, 80)];
    // 94 misses 一等奖's 95 → 二等奖; 79 is within the cut-offs but under every minTotal
    expect(award(tiers, [94, 93, 89, 85, 79, 78]).awards).toEqual(['二等奖', '二等奖', '三等奖', '三等奖', null, null]);
  });

  it('accepts a total equal to minTotal', () => {
    expect(award([count('一等奖', 1, 90)], [90]).awards).toEqual(['一等奖']);
  });

  it('lifts every entry tied across a cut-off into the higher tier, and flags the lifted ones', () => {
    // N = 10: C = 1, 3, 6. Ranks 1, 1 (tie across C_1), 3, 4, 5, 6, 6 (tie across C_3), 8, 9, 10
    const totals = [95, 95, 90, 89, 88, 87, 87, 80, 79, 78];
    expect(award(TYPICAL, totals)).toEqual({
      cutoffs: [1, 3, 6],
      awards: ['一等奖', '一等奖*', '二等奖', '三等奖', '三等奖', '三等奖', '三等奖*', null, null, null],
    });
  });

  it('does not flag ties inside one tier', () => {
    expect(award(TYPICAL, [99, 98, 98, 97, 96, 95, 90, 89, 88, 87]).awards).toEqual([
      '一等奖',
      '二等奖',
      '二等奖',
      '三等奖',
      '三等奖',
      '三等奖',
      null,
      null,
      null,
      null,
    ]);
  });

  it('gives no award without tiers', () => {
    expect(award([], [99, 98])).toEqual({ cutoffs: [], awards: [null, null] });
  });
});

describe('awards in the standings', () => {
  it('come with the cut-offs and the liftedByTie flag', () => {
    const scheme = schemeOf({
      criteria: [{ key: 'a', name: 'A', max: 100, step: 0.5 }],
      panel: [{ judge: 'J1' }],
      awards: [
        { name: '一等奖', share: 0.1 },
        { name: '二等奖', share: 0.2 },
        { name: '三等奖', share: 0.3 },
      ],
    });
    const standings = rankEntries(scheme, results([95, 95, 90, 89, 88, 87, 87, 80, 79, 78]));
    expect(standings.cutoffs).toEqual([1, 3, 6]);
    expect(standings.rows.map((r) => [r.rank, r.award, r.liftedByTie])).toEqual([
      [1, '一等奖', false],
      [1, '一等奖', true],
      [3, '二等奖', false],
      [4, '三等奖', false],
      [5, '三等奖', false],
      [6, '三等奖', false],
      [6, '三等奖', true],
      [8, null, false],
      [9, null, false],
      [10, null, false],
    ]);
  });
});
