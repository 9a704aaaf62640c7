import { describe, expect, it } from 'vitest';
import { computeEntry, isComplete, judgeTotals, PANEL_PART } from './entry';
import { ratio } from './ratio';
import { entryOf, judges, partsInPoints, pts, schemeOf, sheetsOf, type EventInput } from './test-fixtures';

const J3 = judges(3);

function oneCriterion(precision: number | undefined, extra: Partial<EventInput> = {}) {
  return schemeOf({
    precision,
    criteria: [{ key: 'a', name: 'A', max: 10, step: 0.01 }],
    panel: J3.map((judge) => ({ judge })),
    ...extra,
  });
}

describe('judged criteria', () => {
  it('are aggregated across the judges and added', () => {
    const scheme = schemeOf({
      criteria: [
        { key: 'a', name: 'A', max: 10, step: 0.5 },
        { key: 'b', name: 'B', max: 10, step: 0.5 },
      ],
      panel: J3.map((judge) => ({ judge })),
    });
    const r = computeEntry(scheme, entryOf('01', sheetsOf(J3, { a: [8, 9, 9.5], b: [7, 7, 7.5] })));
    // a: 26.5 / 3 = 8.8333… → 8.83; b: 21.5 / 3 = 7.1666… → 7.17
    expect(partsInPoints(r.parts)).toEqual({ a: 8.83, b: 7.17 });
    expect(pts(r.total)).toBe(16);
    expect(r.complete).toBe(true);
    expect(r.trimFallback).toBe(false);
  });
});

describe('trimming per criterion', () => {
  const scheme = schemeOf({
    aggregate: { method: 'trimmed', trim: 1 },
    criteria: [
      { key: 'a', name: 'A', max: 10, step: 0.5 },
      { key: 'b', name: 'B', max: 10, step: 0.5 },
    ],
    panel: J3.map((judge) => ({ judge })),
  });

  it('drops the highest and lowest mark of each criterion', () => {
    const r = computeEntry(scheme, entryOf('01', sheetsOf(J3, { a: [2, 6, 9], b: [10, 5, 7] })));
    expect(partsInPoints(r.parts)).toEqual({ a: 6, b: 7 });
    expect(r.trimFallback).toBe(false);
  });

  it('flags the entry when a criterion had too few marks and fell back to the mean', () => {
    const r = computeEntry(scheme, entryOf('01', sheetsOf(['J1', 'J2'], { a: [2, 7], b: [10, 5] })));
    expect(partsInPoints(r.parts)).toEqual({ a: 4.5, b: 7.5 });
    expect(r.trimFallback).toBe(true);
  });
});

describe('measured criteria (客观/实测)', () => {
  const recorders = {
    criteria: [
      { key: 'work', name: '作品', max: 10, step: 0.5 },
      { key: 'accuracy', name: '实测', kind: 'measured' as const, max: 100, step: 0.25 },
    ],
    panel: [...J3.map((judge) => ({ judge })), { judge: 'R1', criteria: ['accuracy'] }, { judge: 'R2', criteria: ['accuracy'] }],
  };

  it('several values give their mean', () => {
    const scheme = schemeOf(recorders);
    const sheets = [...sheetsOf(J3, { work: [8, 9, 10] }), ...sheetsOf(['R1', 'R2'], { accuracy: [80.5, 81] })];
    const r = computeEntry(scheme, entryOf('01', sheets));
    expect(partsInPoints(r.parts)).toEqual({ work: 9, accuracy: 80.75 });
    expect(pts(r.total)).toBe(89.75);
  });

  it('one value is taken as it is', () => {
    const scheme = schemeOf(recorders);
    const sheets = [...sheetsOf(J3, { work: [8, 9, 10] }), ...sheetsOf(['R1'], { accuracy: [77.25] })];
    const r = computeEntry(scheme, entryOf('01', sheets));
    expect(pts(r.parts.accuracy)).toBe(77.25);
    expect(r.complete).toBe(false); // R2 has not entered the value yet
  });

  it.each(['trimmed', 'median'] as const)('use the plain mean even when the event aggregates with %s', (method) => {
    const scheme = schemeOf({
      aggregate: { method, trim: method === 'trimmed' ? 1 : undefined },
      criteria: [
        { key: 'work', name: '作品', max: 10, step: 0.5 },
        { key: 'time', name: '用时', kind: 'measured', max: 100, step: 0.5 },
      ],
      panel: [...J3.map((judge) => ({ judge, criteria: ['work'] })), ...['R1', 'R2', 'R3'].map((judge) => ({ judge, criteria: ['time'] }))],
    });
    const sheets = [...sheetsOf(J3, { work: [8, 9, 10] }), ...sheetsOf(['R1', 'R2'], { time: [10, 20] }), ...sheetsOf(['R3'], { time: [90] })];
    const r = computeEntry(scheme, entryOf('01', sheets));
    expect(pts(r.parts.time)).toBe(40); // (10 + 20 + 90) / 3, not 20
    expect(r.trimFallback).toBe(false);
  });
});

describe('weights', () => {
  it('theory 30 % + practical 70 % are two criteria with weights 0.3 and 0.7', () => {
    const scheme = schemeOf({
      criteria: [
        { key: 'theory', name: '理论', kind: 'measured', max: 100, step: 0.5, weight: 0.3 },
        { key: 'practical', name: '实操', max: 100, step: 0.5, weight: 0.7 },
      ],
      panel: [{ judge: 'R', criteria: ['theory'] }, ...J3.map((judge) => ({ judge, criteria: ['practical'] }))],
    });
    const sheets = [...sheetsOf(['R'], { theory: [85] }), ...sheetsOf(J3, { practical: [90, 91, 90.5] })];
    const r = computeEntry(scheme, entryOf('01', sheets));
    // 85 × 0.3 = 25.5; 90.5 × 0.7 = 63.35
    expect(partsInPoints(r.parts)).toEqual({ theory: 25.5, practical: 63.35 });
    expect(pts(r.total)).toBe(88.85);
  });

  it('multiply the exact aggregate, before it is rounded', () => {
    const scheme = schemeOf({
      criteria: [{ key: 'a', name: 'A', max: 20, step: 0.01, weight: 2 }],
      panel: judges(2).map((judge) => ({ judge })),
    });
    const r = computeEntry(scheme, entryOf('01', sheetsOf(judges(2), { a: [10, 10.01] })));
    // 10.005 × 2 = 20.01 (rounding 10.005 first would give 10.01 × 2 = 20.02)
    expect(pts(r.parts.a)).toBe(20.01);
  });
});

describe('deductions (扣分)', () => {
  const scheme = oneCriterion(2);

  it('are added up and subtracted from the total', () => {
    const r = computeEntry(scheme, entryOf('01', sheetsOf(J3, { a: [9, 9, 9] }), { deductions: [1.5, 0.5] }));
    expect(pts(r.parts.a)).toBe(9);
    expect(pts(r.deductions)).toBe(2);
    expect(pts(r.total)).toBe(7);
  });

  it('never take the total below 0', () => {
    const r = computeEntry(scheme, entryOf('01', sheetsOf(J3, { a: [1, 1, 1] }), { deductions: [5] }));
    expect(r.total).toBe(0);
    expect(pts(r.deductions)).toBe(5);
    expect(pts(r.parts.a)).toBe(1);
  });
});

describe('exact numbers and one half-up rounding per part', () => {
  it('adds 0.1 and 0.2 to exactly 0.3', () => {
    const scheme = schemeOf({
      criteria: [
        { key: 'a', name: 'A', max: 1, step: 0.1 },
        { key: 'b', name: 'B', max: 1, step: 0.1 },
      ],
      panel: [{ judge: 'J1' }],
    });
    const r = computeEntry(scheme, entryOf('01', sheetsOf(['J1'], { a: [0.1], b: [0.2] })));
    expect(r.total).toBe(3000);
    expect(pts(r.total)).toBe(0.3);
  });

  it.each([
    [0, 0],
    [1, 0.3],
    [2, 0.33],
    [3, 0.333],
    [4, 0.3333],
  ])('rounds a mean of thirds once at precision %i', (precision, expected) => {
    const r = computeEntry(oneCriterion(precision), entryOf('01', sheetsOf(J3, { a: [0, 0, 1] })));
    expect(pts(r.parts.a)).toBe(expected);
    expect(pts(r.total)).toBe(expected);
  });

  it.each([
    [0, 1],
    [1, 0.7],
    [2, 0.67],
    [4, 0.6667],
  ])('rounds two thirds up at precision %i', (precision, expected) => {
    const r = computeEntry(oneCriterion(precision), entryOf('01', sheetsOf(J3, { a: [0, 1, 1] })));
    expect(pts(r.parts.a)).toBe(expected);
  });

  it('uses precision 2 by default', () => {
    const r = computeEntry(oneCriterion(undefined), entryOf('01', sheetsOf(J3, { a: [0, 0, 1] })));
    expect(pts(r.parts.a)).toBe(0.33);
  });

  it('rounds an exact half up (0.145 → 0.15, although 0.145 × 100 is 14.4999… as a float)', () => {
    const two = judges(2);
    const scheme = schemeOf({ criteria: [{ key: 'a', name: 'A', max: 10, step: 0.01 }], panel: two.map((judge) => ({ judge })) });
    expect(pts(computeEntry(scheme, entryOf('01', sheetsOf(two, { a: [0.14, 0.15] }))).parts.a)).toBe(0.15);
    expect(pts(computeEntry(scheme, entryOf('01', sheetsOf(two, { a: [0.12, 0.13] }))).parts.a)).toBe(0.13);
    const whole = schemeOf({ precision: 0, criteria: [{ key: 'a', name: 'A', max: 10, step: 1 }], panel: two.map((judge) => ({ judge })) });
    expect(pts(computeEntry(whole, entryOf('01', sheetsOf(two, { a: [0, 1] }))).parts.a)).toBe(1);
    expect(pts(computeEntry(whole, entryOf('01', sheetsOf(two, { a: [2, 3] }))).parts.a)).toBe(3);
  });

  it('makes the total the sum of the rounded parts (0.33 × 3 = 0.99, not 1.00)', () => {
    const scheme = schemeOf({
      criteria: ['a', 'b', 'c'].map((key) => ({ key, name: key, max: 10, step: 1 })),
      panel: J3.map((judge) => ({ judge })),
    });
    const r = computeEntry(scheme, entryOf('01', sheetsOf(J3, { a: [0, 0, 1], b: [0, 0, 1], c: [0, 0, 1] })));
    expect(partsInPoints(r.parts)).toEqual({ a: 0.33, b: 0.33, c: 0.33 });
    expect(pts(r.total)).toBe(0.99);
  });
});

describe('aggregating over judges’ totals (over: "total")', () => {
  const overTotal = (method: 'mean' | 'trimmed' | 'median', extra: Partial<EventInput> = {}) =>
    schemeOf({
      aggregate: { over: 'total', method, trim: method === 'trimmed' ? 1 : undefined },
      criteria: [
        { key: 'a', name: 'A', max: 10, step: 0.5 },
        { key: 'b', name: 'B', max: 10, step: 0.5 },
      ],
      panel: J3.map((judge) => ({ judge })),
      ...extra,
    });

  it('gives one part "panel" instead of the judged criteria', () => {
    const r = computeEntry(overTotal('mean'), entryOf('01', sheetsOf(J3, { a: [8, 9, 10], b: [5, 6, 7] })));
    expect(Object.keys(r.parts)).toEqual([PANEL_PART]);
    expect(pts(r.parts.panel)).toBe(15);
  });

  it('trims whole sheet totals, which differs from trimming each criterion', () => {
    // totals 20, 5, 5 → drop one 5 and the 20 → 5; per criterion it would be 5 + 5 = 10
    const sheets = sheetsOf(J3, { a: [10, 0, 5], b: [10, 5, 0] });
    const r = computeEntry(overTotal('trimmed'), entryOf('01', sheets));
    expect(pts(r.parts.panel)).toBe(5);
    const perCriterion = schemeOf({
      aggregate: { over: 'criterion', method: 'trimmed', trim: 1 },
      criteria: [
        { key: 'a', name: 'A', max: 10, step: 0.5 },
        { key: 'b', name: 'B', max: 10, step: 0.5 },
      ],
      panel: J3.map((judge) => ({ judge })),
    });
    expect(pts(computeEntry(perCriterion, entryOf('01', sheets)).total)).toBe(10);
  });

  it('rounds the panel part once (8/3 → 2.67, where per-criterion parts would give 1.33 + 1.33)', () => {
    const r = computeEntry(overTotal('mean'), entryOf('01', sheetsOf(J3, { a: [1, 1, 2], b: [1, 1, 2] })));
    expect(pts(r.parts.panel)).toBe(2.67);
    expect(pts(r.total)).toBe(2.67);
  });

  it('weights each judge’s values inside their total', () => {
    const scheme = schemeOf({
      aggregate: { over: 'total', method: 'median' },
      criteria: [
        { key: 'a', name: 'A', max: 10, step: 0.5, weight: 0.5 },
        { key: 'b', name: 'B', max: 10, step: 0.5, weight: 1.5 },
      ],
      panel: J3.map((judge) => ({ judge })),
    });
    // totals: 10×0.5 + 5×1.5 = 12.5; 9×0.5 + 4×1.5 = 10.5; 8×0.5 + 4.5×1.5 = 10.75 → median 10.75
    const r = computeEntry(scheme, entryOf('01', sheetsOf(J3, { a: [10, 9, 8], b: [5, 4, 4.5] })));
    expect(pts(r.parts.panel)).toBe(10.75);
  });

  it('adds measured criteria as their own parts, outside the judges’ totals, and subtracts deductions', () => {
    const scheme = overTotal('trimmed', {
      criteria: [
        { key: 'a', name: 'A', max: 10, step: 0.5 },
        { key: 'theory', name: '理论', kind: 'measured', max: 100, step: 0.5, weight: 0.2 },
      ],
      panel: [...J3.map((judge) => ({ judge, criteria: ['a'] })), { judge: 'R', criteria: ['theory'] }],
    });
    const sheets = [...sheetsOf(J3, { a: [6, 7, 9] }), ...sheetsOf(['R'], { theory: [80.5] })];
    const r = computeEntry(scheme, entryOf('01', sheets, { deductions: [0.5] }));
    // the recorder's sheet has no judged value, so it adds no 0 total to be trimmed: panel = 7
    expect(partsInPoints(r.parts)).toEqual({ panel: 7, theory: 16.1 });
    expect(pts(r.total)).toBe(22.6);
    expect(judgeTotals(scheme, entryOf('01', sheets))).toHaveLength(3);
  });

  it('gives a measured criterion marked by the general judges its own mean part', () => {
    const scheme = overTotal('mean', {
      criteria: [
        { key: 'a', name: 'A', max: 10, step: 0.5 },
        { key: 'theory', name: '理论', kind: 'measured', max: 100, step: 0.5 },
      ],
    });
    const r = computeEntry(scheme, entryOf('01', sheetsOf(J3, { a: [6, 7, 8], theory: [80, 80, 81] })));
    expect(partsInPoints(r.parts)).toEqual({ panel: 7, theory: 80.33 });
  });

  it('adds no total for a sheet from a judge who is not on the panel', () => {
    const sheets = [...sheetsOf(J3, { a: [8, 10, 9], b: [4, 6, 5] }), { judge: 'X', scores: { a: 0, b: 0 } }];
    expect(judgeTotals(overTotal('mean'), entryOf('01', sheets)).map(pts)).toEqual([12, 16, 14]);
    expect(pts(computeEntry(overTotal('mean'), entryOf('01', sheets)).parts.panel)).toBe(14);
  });

  it('flags the fallback when fewer than 2k + 1 sheets are in', () => {
    const r = computeEntry(overTotal('trimmed'), entryOf('01', sheetsOf(judges(2), { a: [4, 9], b: [5, 5] })));
    expect(r.trimFallback).toBe(true);
    expect(pts(r.parts.panel)).toBe(11.5);
    expect(r.complete).toBe(false);
  });
});

describe('completeness', () => {
  const scheme = schemeOf({
    criteria: [
      { key: 'a', name: 'A', max: 10, step: 0.5 },
      { key: 'b', name: 'B', max: 10, step: 0.5 },
    ],
    panel: [{ judge: 'J1' }, { judge: 'J2' }, { judge: 'J3', criteria: ['b'] }],
  });

  it('needs every judge assigned to each criterion, and only those', () => {
    const sheets = [...sheetsOf(['J1', 'J2'], { a: [5, 6], b: [5, 6] }), ...sheetsOf(['J3'], { b: [7] })];
    expect(isComplete(scheme, entryOf('01', sheets))).toBe(true);
    expect(computeEntry(scheme, entryOf('01', sheets)).complete).toBe(true);
  });

  it('is not reached while one assigned judge is missing', () => {
    const sheets = sheetsOf(['J1', 'J2'], { a: [5, 6], b: [5, 6] });
    expect(computeEntry(scheme, entryOf('01', sheets)).complete).toBe(false);
  });

  it('is not reached while a sheet lacks one of its judge’s criteria', () => {
    const sheets = [...sheetsOf(['J1', 'J2'], { a: [5, null], b: [5, 6] }), ...sheetsOf(['J3'], { b: [7] })];
    expect(computeEntry(scheme, entryOf('01', sheets)).complete).toBe(false);
  });

  it('is lost when a sheet is reopened: the open sheet is left out until it is resubmitted', () => {
    const all = [...sheetsOf(['J1', 'J2'], { a: [5, 9], b: [5, 6] }), ...sheetsOf(['J3'], { b: [7] })];
    const reopened = all.filter((s) => s.judge !== 'J2');
    const r = computeEntry(scheme, entryOf('01', reopened));
    expect(r.complete).toBe(false);
    expect(partsInPoints(r.parts)).toEqual({ a: 5, b: 6 }); // provisional, without J2's marks
  });

  it('ignores marks from a judge who is not assigned to the criterion', () => {
    const sheets = [...sheetsOf(['J1', 'J2'], { a: [5, 6], b: [5, 6] }), ...sheetsOf(['J3'], { a: [0], b: [7] }), ...sheetsOf(['X'], { a: [0], b: [0] })];
    expect(partsInPoints(computeEntry(scheme, entryOf('01', sheets)).parts)).toEqual({ a: 5.5, b: 6 });
  });

  it('an entry without sheets has 0 parts and is incomplete', () => {
    const r = computeEntry(scheme, entryOf('01', []));
    expect(partsInPoints(r.parts)).toEqual({ a: 0, b: 0 });
    expect(r.total).toBe(0);
    expect(r.complete).toBe(false);
    expect(r.trimFallback).toBe(false);
  });
});

describe('tie-break values', () => {
  it('are the exact weighted aggregate of the criterion, before rounding', () => {
    const scheme = schemeOf({
      tieBreak: [{ criterion: 'a' }, { fewerDeductions: true }],
      criteria: [{ key: 'a', name: 'A', max: 40, step: 0.01, weight: 0.5 }],
      panel: J3.map((judge) => ({ judge })),
    });
    const r = computeEntry(scheme, entryOf('01', sheetsOf(J3, { a: [37.16, 37.17, 37.17] }), { deductions: [0.5, 1] }));
    expect(r.tieValues).toEqual([ratio(11150, 600), ratio(3, 2)]); // 37.1666… × 0.5; 1.5 deducted
  });

  it('aggregate the criterion on its own with the event’s method when the event aggregates over totals', () => {
    const scheme = schemeOf({
      aggregate: { over: 'total', method: 'trimmed', trim: 1 },
      tieBreak: [{ criterion: 'b' }],
      criteria: [
        { key: 'a', name: 'A', max: 40, step: 0.5 },
        { key: 'b', name: 'B', max: 40, step: 0.5, weight: 0.5 },
      ],
      panel: J3.map((judge) => ({ judge })),
    });
    const r = computeEntry(scheme, entryOf('01', sheetsOf(J3, { a: [30, 30, 30], b: [5, 6, 10] })));
    expect(r.tieValues).toEqual([ratio(3)]); // trimmed b = 6, × 0.5
  });

  it('are null where no value is in yet', () => {
    const scheme = schemeOf({
      tieBreak: [{ criterion: 'a' }],
      criteria: [{ key: 'a', name: 'A', max: 40, step: 0.5 }],
      panel: J3.map((judge) => ({ judge })),
    });
    expect(computeEntry(scheme, entryOf('01', [])).tieValues).toEqual([null]);
  });
});
