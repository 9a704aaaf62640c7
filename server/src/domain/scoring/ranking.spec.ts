import { describe, expect, it } from 'vitest';
import { computeStandings } from './standings';
import { compareForRank, rankEntries } from './ranking';
import { ratio, type Ratio } from './ratio';
import { entryOf, judges, pts, schemeOf, sheetsOf } from './test-fixtures';
import type { EntryResult, EntryStatus, Scheme } from './types';

const J3 = judges(3);

/** A computed entry with a total in points and the given tie values. */
function result(station: string, total: number, opts: { status?: EntryStatus; tie?: (Ratio | null)[] } = {}): EntryResult {
  const units = Math.round(total * 10_000);
  return {
    bib: `B${station}`,
    station,
    status: opts.status ?? 'competing',
    parts: { a: units },
    total: units,
    deductions: 0,
    complete: true,
    trimFallback: false,
    tieValues: opts.tie ?? [],
  };
}

const plain = schemeOf({ criteria: [{ key: 'a', name: 'A', max: 100, step: 0.5 }], panel: [{ judge: 'J1' }] });

function ranksOf(scheme: Scheme, results: EntryResult[]) {
  return rankEntries(scheme, results).rows.map((r) => [r.station, r.rank]);
}

describe('ranking by total', () => {
  it('puts the highest total first', () => {
    expect(ranksOf(plain, [result('01', 80), result('02', 95.5), result('03', 88.34)])).toEqual([
      ['02', 1],
      ['03', 2],
      ['01', 3],
    ]);
  });

  it('shares ranks and skips the next (1, 2, 2, 4)', () => {
    expect(ranksOf(plain, [result('04', 70), result('03', 80), result('02', 80), result('01', 90)])).toEqual([
      ['01', 1],
      ['02', 2],
      ['03', 2],
      ['04', 4],
    ]);
  });

  it('shares rank 1 among three and goes on with 4', () => {
    const rows = rankEntries(plain, [result('1', 90), result('2', 90), result('3', 90), result('4', 89)]).rows;
    expect(rows.map((r) => r.rank)).toEqual([1, 1, 1, 4]);
  });

  it('lists entries still tied after every tie-break by station, in number order', () => {
    expect(ranksOf(plain, [result('10', 80), result('9', 80), result('2', 80)]).map(([s]) => s)).toEqual(['2', '9', '10']);
  });
});

describe('entry status', () => {
  it('ranks only competing entries; the others follow by station, unranked and without award', () => {
    const scheme = schemeOf({
      criteria: [{ key: 'a', name: 'A', max: 100, step: 0.5 }],
      panel: [{ judge: 'J1' }],
      awards: [{ name: '一等奖', count: 1 }],
    });
    const standings = rankEntries(scheme, [
      result('05', 99, { status: 'disqualified' }),
      result('01', 60),
      result('04', 0, { status: 'absent' }),
      result('02', 70),
      result('03', 98, { status: 'withdrawn' }),
    ]);
    expect(standings.rows.map((r) => [r.station, r.status, r.rank, r.award])).toEqual([
      ['02', 'competing', 1, '一等奖'],
      ['01', 'competing', 2, null],
      ['03', 'withdrawn', null, null],
      ['04', 'absent', null, null],
      ['05', 'disqualified', null, null],
    ]);
  });

  it('counts only ranked entries in N for award shares', () => {
    const scheme = schemeOf({
      criteria: [{ key: 'a', name: 'A', max: 100, step: 0.5 }],
      panel: [{ judge: 'J1' }],
      awards: [{ name: '一等奖', share: 0.5 }],
    });
    const standings = rankEntries(scheme, [result('01', 90), result('02', 80), result('03', 0, { status: 'absent' }), result('04', 0, { status: 'absent' })]);
    expect(standings.cutoffs).toEqual([1]); // 2 × 0.5, not 4 × 0.5
  });
});

describe('tie-breaks', () => {
  const withTieBreak = (tieBreak: Parameters<typeof schemeOf>[0]['tieBreak']) =>
    schemeOf({
      tieBreak,
      criteria: [
        { key: 'design', name: '造型', max: 40, step: 0.01 },
        { key: 'time', name: '用时', kind: 'measured', max: 60, step: 0.01 },
      ],
      panel: J3.map((judge) => ({ judge })),
    });

  it('{ criterion }: the higher aggregate of the criterion wins', () => {
    const scheme = withTieBreak([{ criterion: 'design' }]);
    const rows = rankEntries(scheme, [result('01', 90, { tie: [ratio(30)] }), result('02', 90, { tie: [ratio(31)] })]).rows;
    expect(rows.map((r) => [r.station, r.rank])).toEqual([
      ['02', 1],
      ['01', 2],
    ]);
  });

  it('{ criterion, order: "asc" }: the lower value wins (time)', () => {
    const scheme = withTieBreak([{ criterion: 'time', order: 'asc' }]);
    const rows = rankEntries(scheme, [result('01', 90, { tie: [ratio(45)] }), result('02', 90, { tie: [ratio(44)] })]).rows;
    expect(rows.map((r) => [r.station, r.rank])).toEqual([
      ['02', 1],
      ['01', 2],
    ]);
  });

  it('{ fewerDeductions }: the smaller deduction sum wins', () => {
    const scheme = schemeOf({
      tieBreak: [{ fewerDeductions: true }],
      criteria: [{ key: 'a', name: 'A', max: 100, step: 0.5 }],
      panel: [{ judge: 'J1' }],
    });
    // 01: 92 − 2 = 90; 02: 91 − 1 = 90
    const standings = computeStandings(scheme, [
      entryOf('01', sheetsOf(['J1'], { a: [92] }), { deductions: [1.5, 0.5] }),
      entryOf('02', sheetsOf(['J1'], { a: [91] }), { deductions: [1] }),
    ]);
    expect(standings.rows.map((r) => [r.station, pts(r.total), r.rank])).toEqual([
      ['02', 90, 1],
      ['01', 90, 2],
    ]);
  });

  it('are applied in order: the second only decides when the first is equal', () => {
    const scheme = withTieBreak([{ criterion: 'design' }, { criterion: 'time', order: 'asc' }]);
    const rows = rankEntries(scheme, [
      result('01', 90, { tie: [ratio(30), ratio(40)] }),
      result('02', 90, { tie: [ratio(30), ratio(39)] }),
      result('03', 90, { tie: [ratio(29), ratio(1)] }),
      result('04', 91, { tie: [ratio(0), ratio(60)] }),
    ]).rows;
    expect(rows.map((r) => [r.station, r.rank])).toEqual([
      ['04', 1],
      ['02', 2],
      ['01', 3],
      ['03', 4],
    ]);
  });

  it('never reorder different totals', () => {
    const scheme = withTieBreak([{ criterion: 'design' }]);
    const rows = rankEntries(scheme, [result('01', 89.99, { tie: [ratio(40)] }), result('02', 90, { tie: [ratio(0)] })]).rows;
    expect(rows.map((r) => r.station)).toEqual(['02', '01']);
  });

  it('leave entries equal on every tie-break sharing the rank', () => {
    const scheme = withTieBreak([{ criterion: 'design' }]);
    const rows = rankEntries(scheme, [result('02', 90, { tie: [ratio(30)] }), result('01', 90, { tie: [ratio(30)] }), result('03', 80, { tie: [ratio(40)] })]).rows;
    expect(rows.map((r) => [r.station, r.rank])).toEqual([
      ['01', 1],
      ['02', 1],
      ['03', 3],
    ]);
  });

  it('prefer a value that is in over one still missing', () => {
    const scheme = withTieBreak([{ criterion: 'design' }]);
    const inValue = result('09', 90, { tie: [ratio(0)] });
    const missing = result('01', 90, { tie: [null] });
    expect(compareForRank(scheme, inValue, missing)).toBeLessThan(0);
    expect(compareForRank(scheme, missing, inValue)).toBeGreaterThan(0);
    expect(compareForRank(scheme, missing, { ...missing, station: '02' })).toBe(0);
    expect(rankEntries(scheme, [missing, inValue]).rows.map((r) => [r.station, r.rank])).toEqual([
      ['09', 1],
      ['01', 2],
    ]);
  });

  it('use the exact criterion aggregate, not the rounded part', () => {
    const scheme = schemeOf({
      tieBreak: [{ criterion: 'design' }],
      criteria: [{ key: 'design', name: '造型', max: 40, step: 0.01 }],
      panel: J3.map((judge) => ({ judge })),
    });
    // both parts print 37.17; 01 is 37.1666… exactly, 02 is 37.17
    const standings = computeStandings(scheme, [
      entryOf('01', sheetsOf(J3, { design: [37.16, 37.17, 37.17] })),
      entryOf('02', sheetsOf(J3, { design: [37.17, 37.17, 37.17] })),
    ]);
    expect(standings.rows.map((r) => [r.station, pts(r.total), r.rank])).toEqual([
      ['02', 37.17, 1],
      ['01', 37.17, 2],
    ]);
  });

  it('aggregate the criterion with the event’s method when the event aggregates over totals', () => {
    const scheme = schemeOf({
      aggregate: { over: 'total', method: 'trimmed', trim: 1 },
      tieBreak: [{ criterion: 'technique' }],
      criteria: [
        { key: 'design', name: '造型', max: 40, step: 0.5 },
        { key: 'technique', name: '技术', max: 30, step: 0.5 },
      ],
      panel: J3.map((judge) => ({ judge })),
    });
    // 01: totals 35, 36, 40 → 36; technique trimmed 6 (its mean would be 7)
    // 02: totals 36, 36, 36 → 36; technique trimmed 6.5
    const standings = computeStandings(scheme, [
      entryOf('01', sheetsOf(J3, { design: [30, 30, 30], technique: [5, 6, 10] })),
      entryOf('02', sheetsOf(J3, { design: [29.5, 29.5, 29.5], technique: [6.5, 6.5, 6.5] })),
    ]);
    expect(standings.rows.map((r) => [r.station, pts(r.total), r.rank])).toEqual([
      ['02', 36, 1],
      ['01', 36, 2],
    ]);
  });
});
