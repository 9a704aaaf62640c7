import { describe, expect, it } from 'vitest';
import { judgeDeviations, toleranceAlerts } from './consistency';
import { ratio } from './ratio';
import { entryOf, judges, schemeOf, sheetsOf, type EventInput } from './test-fixtures';

const J3 = judges(3);
const J5 = judges(5);

const withTolerance = (extra: Partial<EventInput> = {}) =>
  schemeOf({
    criteria: [
      { key: 'design', name: '造型设计', max: 40, step: 0.5, tolerance: 6 },
      { key: 'finish', name: '整体效果', max: 30, step: 0.5 },
    ],
    panel: J5.map((judge) => ({ judge })),
    ...extra,
  });

describe('tolerance alerts', () => {
  it('alert when the values of one entry spread more than the tolerance', () => {
    const e = entryOf('07', sheetsOf(J5, { design: [30, 36.5, 33, 32, 31], finish: [10, 30, 20, 20, 20] }));
    expect(toleranceAlerts(withTolerance(), e)).toEqual([
      {
        bib: 'B07',
        station: '07',
        criterion: 'design',
        min: 3000,
        max: 3650,
        spread: 650,
        tolerance: 600,
        values: [
          { judge: 'J1', value: 3000 },
          { judge: 'J2', value: 3650 },
          { judge: 'J3', value: 3300 },
          { judge: 'J4', value: 3200 },
          { judge: 'J5', value: 3100 },
        ],
      },
    ]); // finish spreads 20 but has no tolerance
  });

  it('do not alert at a spread equal to the tolerance', () => {
    const e = entryOf('07', sheetsOf(J5, { design: [30, 36, 33, 32, 31], finish: [20, 20, 20, 20, 20] }));
    expect(toleranceAlerts(withTolerance(), e)).toEqual([]);
  });

  it('alert as soon as two submitted values spread too far, while marking goes on', () => {
    const e = entryOf('07', sheetsOf(['J1', 'J4'], { design: [25, 32], finish: [20, 20] }));
    expect(toleranceAlerts(withTolerance(), e).map((a) => [a.criterion, a.spread])).toEqual([['design', 700]]);
  });

  it('need two values', () => {
    const e = entryOf('07', sheetsOf(['J1'], { design: [0], finish: [20] }));
    expect(toleranceAlerts(withTolerance(), e)).toEqual([]);
  });

  it('alert for each criterion that spreads too far', () => {
    const scheme = withTolerance({
      criteria: [
        { key: 'design', name: '造型设计', max: 40, step: 0.5, tolerance: 6 },
        { key: 'finish', name: '整体效果', max: 30, step: 0.5, tolerance: 0 },
      ],
    });
    const e = entryOf('07', sheetsOf(J5, { design: [30, 40, 33, 32, 31], finish: [20, 20, 20.5, 20, 20] }));
    expect(toleranceAlerts(scheme, e).map((a) => [a.criterion, a.spread])).toEqual([
      ['design', 1000],
      ['finish', 50],
    ]);
  });

  it('look only at judges assigned to the criterion', () => {
    const scheme = withTolerance({ panel: [...J3.map((judge) => ({ judge })), { judge: 'J9', criteria: ['finish'] }] });
    const sheets = [...sheetsOf(J3, { design: [30, 31, 32], finish: [20, 20, 20] }), { judge: 'J9', scores: { design: 0, finish: 2000 } }];
    expect(toleranceAlerts(scheme, entryOf('07', sheets))).toEqual([]);
  });

  it('do not apply to measured criteria', () => {
    const scheme = schemeOf({
      criteria: [{ key: 'time', name: '用时', kind: 'measured', max: 60, step: 0.5, tolerance: 1 }],
      panel: J3.map((judge) => ({ judge, criteria: ['time'] })),
    });
    expect(toleranceAlerts(scheme, entryOf('07', sheetsOf(J3, { time: [10, 20, 30] })))).toEqual([]);
  });
});

describe('per-judge deviation (harsh / lenient)', () => {
  const scheme = schemeOf({
    criteria: [{ key: 'a', name: 'A', max: 20, step: 0.5 }],
    panel: J3.map((judge) => ({ judge })),
  });

  it('is the mean of (mark − panel aggregate): harsh negative, lenient positive', () => {
    const entries = [
      entryOf('01', sheetsOf(J3, { a: [8, 10, 12] })), // aggregate 10: −2, 0, +2
      entryOf('02', sheetsOf(J3, { a: [6, 9, 9] })), // aggregate 8: −2, +1, +1
    ];
    expect(judgeDeviations(scheme, entries)).toEqual([
      { judge: 'J1', count: 2, mean: ratio(-2) },
      { judge: 'J2', count: 2, mean: ratio(1, 2) },
      { judge: 'J3', count: 2, mean: ratio(3, 2) },
    ]);
  });

  it('compares with the event’s aggregate (trimmed here), not the plain mean', () => {
    const trimmed = schemeOf({
      aggregate: { method: 'trimmed', trim: 1 },
      criteria: [{ key: 'a', name: 'A', max: 20, step: 0.5 }],
      panel: J3.map((judge) => ({ judge })),
    });
    // trimmed aggregate 10 (the mean would be 12)
    const devs = judgeDeviations(trimmed, [entryOf('01', sheetsOf(J3, { a: [8, 10, 18] }))]);
    expect(devs.map((d) => [d.judge, d.mean])).toEqual([
      ['J1', ratio(-2)],
      ['J2', ratio(0)],
      ['J3', ratio(8)],
    ]);
  });

  it('is taken per judged criterion, on entries with at least two values, competing only', () => {
    const mixed = schemeOf({
      criteria: [
        { key: 'a', name: 'A', max: 20, step: 0.5 },
        { key: 'b', name: 'B', max: 20, step: 0.5 },
        { key: 'time', name: '用时', kind: 'measured', max: 60, step: 0.5 },
      ],
      panel: [...J3.map((judge) => ({ judge, criteria: ['a', 'b'] })), { judge: 'R', criteria: ['time'] }, { judge: 'R2', criteria: ['time'] }],
    });
    const entries = [
      entryOf('01', [...sheetsOf(J3, { a: [8, 10, 12], b: [10, 10, 13] }), ...sheetsOf(['R', 'R2'], { time: [30, 50] })]),
      entryOf('02', sheetsOf(['J1'], { a: [0], b: [0] })), // one value only: no panel to compare with
      entryOf('03', sheetsOf(J3, { a: [0, 20, 20], b: [0, 20, 20] }), { status: 'disqualified' }),
    ];
    // J1: a −2, b −1 → −1.5; J2: a 0, b −1 → −0.5; J3: a +2, b +2 → +2
    expect(judgeDeviations(mixed, entries)).toEqual([
      { judge: 'J1', count: 2, mean: ratio(-3, 2) },
      { judge: 'J2', count: 2, mean: ratio(-1, 2) },
      { judge: 'J3', count: 2, mean: ratio(2) },
    ]);
  });

  it('leaves out marks of a judge not assigned to the criterion', () => {
    const entries = [entryOf('01', [...sheetsOf(J3, { a: [8, 10, 12] }), { judge: 'X', scores: { a: 0 } }])];
    expect(judgeDeviations(scheme, entries).map((d) => d.judge)).toEqual(['J1', 'J2', 'J3']);
  });

  it('is empty without entries', () => {
    expect(judgeDeviations(scheme, [])).toEqual([]);
  });
});
