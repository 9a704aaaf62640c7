/**
 * Every number of the worked examples in docs/scoring.md, computed by the engine. When a rule
 * changes, this file and the document change together.
 */
import { describe, expect, it } from 'vitest';
import { aggregateValues } from './aggregate';
import { awardCutoffs } from './awards';
import { judgeTotals } from './entry';
import { markProblem } from './marks';
import { ratio } from './ratio';
import { computeStandings } from './standings';
import { computeTeams } from './teams';
import { entryOf, judges, partsInPoints, pts, schemeOf, sheetsOf, type EventInput } from './test-fixtures';

const J5 = judges(5);

describe('docs: the station 07 example (美发, over: criterion, trimmed 1)', () => {
  const hair: EventInput = {
    key: 'hair',
    name: '美发',
    precision: 2,
    criteria: [
      { key: 'design', name: '造型设计', max: 40, step: 0.5 },
      { key: 'technique', name: '技术难度', max: 30, step: 0.5 },
      { key: 'finish', name: '整体效果', max: 30, step: 0.5 },
    ],
    aggregate: { over: 'criterion', method: 'trimmed', trim: 1 },
    panel: J5.map((judge) => ({ judge })),
  };

  it('design 37.17 + technique 25.67 + finish 27.00 − 1.5 = 88.34', () => {
    const sheets = sheetsOf(J5, {
      design: [36, 38.5, 35, 39, 37],
      technique: [25, 26, 26, 24.5, 28],
      finish: [27, 27, 27, 27, 27],
    });
    const [row] = computeStandings(schemeOf(hair), [entryOf('07', sheets, { deductions: [1.5] })]).rows;
    expect(partsInPoints(row.parts)).toEqual({ design: 37.17, technique: 25.67, finish: 27 });
    expect(pts(row.deductions)).toBe(1.5);
    expect(pts(row.total)).toBe(88.34);
    expect(row.complete).toBe(true);
    expect(row.trimFallback).toBe(false);
  });
});

describe('docs: rounding', () => {
  it('three parts of 1/3 print 0.33 each and the total 0.99', () => {
    const scheme = schemeOf({
      criteria: ['a', 'b', 'c'].map((key) => ({ key, name: key, max: 10, step: 1 })),
      panel: judges(3).map((judge) => ({ judge })),
    });
    const [row] = computeStandings(scheme, [entryOf('01', sheetsOf(judges(3), { a: [0, 0, 1], b: [0, 0, 1], c: [0, 0, 1] }))]).rows;
    expect(partsInPoints(row.parts)).toEqual({ a: 0.33, b: 0.33, c: 0.33 });
    expect(pts(row.total)).toBe(0.99);
  });

  it('0.1 + 0.2 is 0.3', () => {
    const scheme = schemeOf({
      criteria: [
        { key: 'a', name: 'A', max: 1, step: 0.1 },
        { key: 'b', name: 'B', max: 1, step: 0.1 },
      ],
      panel: [{ judge: 'J1' }],
    });
    const [row] = computeStandings(scheme, [entryOf('01', sheetsOf(['J1'], { a: [0.1], b: [0.2] }))]).rows;
    expect(pts(row.total)).toBe(0.3);
  });
});

describe('docs: the small examples in the text', () => {
  it('max 40, step 0.5: 38.5 is accepted, 38.3 and 40.5 are not', () => {
    const [design] = schemeOf({ criteria: [{ key: 'design', name: '造型设计', max: 40, step: 0.5 }] }).criteria;
    expect([38.5, 38.3, 40.5].map((v) => markProblem(design, v) === null)).toEqual([true, false, false]);
  });

  it('trimming 27, 27, 27, 30, 30 gives 28', () => {
    expect(aggregateValues([2700, 2700, 2700, 3000, 3000], 'trimmed', 1, 100)?.value).toEqual(ratio(28));
  });

  it('a mean of 0.14 and 0.15 is 0.145 and rounds to 0.15', () => {
    const two = judges(2);
    const scheme = schemeOf({ criteria: [{ key: 'a', name: 'A', max: 1 }], panel: two.map((judge) => ({ judge })) });
    const [row] = computeStandings(scheme, [entryOf('01', sheetsOf(two, { a: [0.14, 0.15] }))]).rows;
    expect(pts(row.parts.a)).toBe(0.15);
  });

  it('0.3 + 0.6 of 15 entries is 13.5, which rounds to 14', () => {
    const scheme = schemeOf({ criteria: [{ key: 'a', name: 'A', max: 1 }], awards: [{ name: '一等奖', share: 0.3 }, { name: '二等奖', share: 0.6 }] });
    expect(awardCutoffs(scheme.awards, 15)).toEqual([5, 14]);
  });

  it('design parts both print 37.17, and the tie-break still tells 37.1666… from 37.17', () => {
    const J3 = judges(3);
    const scheme = schemeOf({ tieBreak: [{ criterion: 'design' }], criteria: [{ key: 'design', name: '造型设计', max: 40 }], panel: J3.map((judge) => ({ judge })) });
    const { rows } = computeStandings(scheme, [
      entryOf('01', sheetsOf(J3, { design: [37.16, 37.17, 37.17] })),
      entryOf('02', sheetsOf(J3, { design: [37.17, 37.17, 37.17] })),
    ]);
    expect(rows.map((r) => [r.station, pts(r.parts.design), r.rank])).toEqual([
      ['02', 37.17, 1],
      ['01', 37.17, 2],
    ]);
  });
});

describe('docs: 去掉一个最高分和一个最低分 on totals (调制制作, over: total)', () => {
  const mix: EventInput = {
    key: 'mix',
    name: '调制制作',
    precision: 2,
    criteria: [
      { key: 'process', name: '操作规范', max: 30, step: 0.5, weight: 0.8 },
      { key: 'taste', name: '口味', max: 40, step: 0.5, weight: 0.8 },
      { key: 'look', name: '创意造型', max: 30, step: 0.5, weight: 0.8 },
      { key: 'theory', name: '理论', kind: 'measured', max: 100, step: 0.5, weight: 0.2 },
    ],
    aggregate: { over: 'total', method: 'trimmed', trim: 1 },
    panel: [...J5.map((judge) => ({ judge, criteria: ['process', 'taste', 'look'] })), { judge: 'R', criteria: ['theory'] }],
  };
  const marks = {
    process: [26, 28, 24, 29, 26.5],
    taste: [35, 38, 31.5, 37, 34],
    look: [25, 27.5, 22, 27.5, 26],
  };

  it('sheet totals 86, 93.5, 77.5, 93.5, 86.5 weigh 68.8, 74.8, 62, 74.8, 69.2', () => {
    const plain = schemeOf({ ...mix, criteria: mix.criteria.map((c) => ({ ...c, weight: undefined })) });
    const entry = entryOf('12', sheetsOf(J5, marks));
    expect(judgeTotals(plain, entry).map(pts)).toEqual([86, 93.5, 77.5, 93.5, 86.5]);
    expect(judgeTotals(schemeOf(mix), entry).map(pts)).toEqual([68.8, 74.8, 62, 74.8, 69.2]);
  });

  it('panel 70.93 + theory 17.3 − 0.5 = 87.73, dropping 62 and only one 74.8', () => {
    const sheets = [...sheetsOf(J5, marks), ...sheetsOf(['R'], { theory: [86.5] })];
    const [row] = computeStandings(schemeOf(mix), [entryOf('12', sheets, { deductions: [0.5] })]).rows;
    expect(partsInPoints(row.parts)).toEqual({ panel: 70.93, theory: 17.3 });
    expect(pts(row.total)).toBe(87.73);
  });
});

describe('docs: an award cut-off with a tie (12 ranked entries, 10 % / 20 % / 30 %)', () => {
  const tiers: EventInput['awards'] = [
    { name: '一等奖', share: 0.1 },
    { name: '二等奖', share: 0.2 },
    { name: '三等奖', share: 0.3 },
  ];
  const totals = [95.5, 93.2, 92.1, 90, 88.8, 87.3, 85.6, 85.6, 84, 80.1, 79.9, 75];

  it('gives cut-offs 1, 4, 7 and lifts both entries tied at rank 7 into 三等奖', () => {
    const scheme = schemeOf({ criteria: [{ key: 'score', name: '成绩', max: 100 }], panel: [{ judge: 'J1' }], awards: tiers });
    // stations in reverse order of total, so station order cannot be what sorts them
    const entries = totals.map((t, i) => entryOf(String(12 - i).padStart(2, '0'), sheetsOf(['J1'], { score: [t] })));
    const { rows, cutoffs } = computeStandings(scheme, entries);
    expect(cutoffs).toEqual([1, 4, 7]);
    expect(rows.map((r) => [r.station, pts(r.total), r.rank, r.award, r.liftedByTie])).toEqual([
      ['12', 95.5, 1, '一等奖', false],
      ['11', 93.2, 2, '二等奖', false],
      ['10', 92.1, 3, '二等奖', false],
      ['09', 90, 4, '二等奖', false],
      ['08', 88.8, 5, '三等奖', false],
      ['07', 87.3, 6, '三等奖', false],
      ['05', 85.6, 7, '三等奖', false],
      ['06', 85.6, 7, '三等奖', true],
      ['04', 84, 9, null, false],
      ['03', 80.1, 10, null, false],
      ['02', 79.9, 11, null, false],
      ['01', 75, 12, null, false],
    ]);
  });

  it('with 25 ranked entries the cut-offs are 3, 8, 15', () => {
    const scheme = schemeOf({ criteria: [{ key: 'score', name: '成绩', max: 100 }], awards: tiers });
    expect(awardCutoffs(scheme.awards, 25)).toEqual([3, 8, 15]);
  });
});

describe('docs: team standings (teams.size 3)', () => {
  it('广安 and 达州 both have 256.44; 广安’s best single total 90 wins; short 遂宁 comes third', () => {
    const m = (bib: string, organization: string, total: number, rank: number | null = 1) => ({ bib, organization, total: Math.round(total * 10_000), rank });
    const rows = computeTeams(
      [
        {
          event: 'hair',
          rows: [
            m('C01', '遂宁市总工会', 95),
            m('C02', '遂宁市总工会', 93),
            m('A01', '广安市总工会', 90),
            m('B01', '达州市总工会', 88.34),
            m('A02', '广安市总工会', 86.5),
            m('B02', '达州市总工会', 85.1),
            m('B03', '达州市总工会', 83),
            m('B04', '达州市总工会', 80),
            m('A03', '广安市总工会', 79.94),
            m('C03', '遂宁市总工会', 0, null),
          ],
        },
      ],
      3,
    );
    expect(rows.map((r) => [r.rank, r.organization, pts(r.total), pts(r.best), r.full, r.members])).toEqual([
      [1, '广安市总工会', 256.44, 90, true, ['A01', 'A02', 'A03']],
      [2, '达州市总工会', 256.44, 88.34, true, ['B01', 'B02', 'B03']],
      [3, '遂宁市总工会', 188, 95, false, ['C01', 'C02']],
    ]);
  });
});
