import fc from 'fast-check';
import { markProblem } from '@skillscore/server/scoring';
import { describe, expect, it } from 'vitest';
import { decimalsForStep, formatHundredths, formatMark, markIssue, maxHundredths, parseMark, ruleOf, stepMark, totalHundredths } from './marks';

const design = ruleOf({ key: 'design', name: '造型设计', kind: 'judged', max: 40, step: 0.5 });
const theory = ruleOf({ key: 'theory', name: '理论', kind: 'measured', max: 100, step: 0.25 });
const whole = ruleOf({ key: 'time', name: '用时', kind: 'measured', max: 10, step: 1 });
const fine = ruleOf({ key: 'acc', name: '精度', kind: 'measured', max: 1, step: 0.01 });

describe('ruleOf', () => {
  it('turns the wire criterion into integer hundredths', () => {
    expect(design).toEqual({ key: 'design', kind: 'judged', max: 4000, step: 50, weight: 100, tolerance: null });
    expect(fine.step).toBe(1);
  });
});

describe('parseMark', () => {
  it.each([
    ['37.5', 37.5],
    [' 37.5 ', 37.5],
    ['37,5', 37.5],
    ['３７．５', 37.5],
    ['３７。５', 37.5],
    ['40', 40],
    ['.5', 0.5],
    ['5.', 5],
  ])('reads %j as %d', (text, value) => {
    expect(parseMark(text)).toBe(value);
  });

  it('reads an empty field as no mark', () => {
    expect(parseMark('')).toBeNull();
    expect(parseMark('   ')).toBeNull();
  });

  it.each(['abc', '1.2.3', '-3', '.', '1e2', '3 5'])('does not take %j as a mark', (text) => {
    expect(parseMark(text)).toBeNaN();
  });
});

describe('markIssue', () => {
  it('names what is wrong, in the order a judge fixes it', () => {
    expect(markIssue(design, null)).toBe('empty');
    expect(markIssue(design, Number.NaN)).toBe('notNumber');
    expect(markIssue(design, 37.555)).toBe('decimals');
    expect(markIssue(design, 40.5)).toBe('range');
    expect(markIssue(design, 37.3)).toBe('step');
    expect(markIssue(design, 37.5)).toBeNull();
    expect(markIssue(design, 0)).toBeNull();
    expect(markIssue(design, 40)).toBeNull();
    expect(markIssue(theory, 99.75)).toBeNull();
    expect(markIssue(theory, 99.7)).toBe('step');
  });

  it('agrees with the server’s check for every mark', () => {
    fc.assert(
      fc.property(fc.integer({ min: -500, max: 5000 }), fc.constantFrom(design, theory, whole, fine), (h, rule) => {
        const v = h / 100;
        expect(markIssue(rule, v) === null).toBe(markProblem(rule, v) === null);
      }),
    );
  });
});

describe('stepMark', () => {
  it('moves by the step', () => {
    expect(stepMark(design, 37.5, 1)).toBe(38);
    expect(stepMark(design, 37.5, -1)).toBe(37);
    expect(stepMark(theory, 10, 1)).toBe(10.25);
    expect(stepMark(fine, 0.1, 1)).toBe(0.11);
  });

  it('starts an empty field at the first step up, or at 0 down', () => {
    expect(stepMark(design, null, 1)).toBe(0.5);
    expect(stepMark(design, null, -1)).toBe(0);
  });

  it('snaps an off-step mark to the neighbouring step in the pressed direction', () => {
    expect(stepMark(design, 37.3, 1)).toBe(37.5);
    expect(stepMark(design, 37.3, -1)).toBe(37);
    expect(stepMark(theory, 99.7, 1)).toBe(99.75);
  });

  it('stays within 0..max', () => {
    expect(stepMark(design, 40, 1)).toBe(40);
    expect(stepMark(design, 0, -1)).toBe(0);
    expect(stepMark(design, 55, -1)).toBe(40);
    expect(stepMark(design, 55, 1)).toBe(40);
  });

  it('always lands on a mark the server accepts, and + then − comes back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4000 }), fc.constantFrom<1 | -1>(1, -1), (h, dir) => {
        const v = h / 100;
        const next = stepMark(design, v, dir);
        expect(markProblem(design, next)).toBeNull();
        if (markProblem(design, v) === null && v > 0 && v < 40) expect(stepMark(design, next, dir === 1 ? -1 : 1)).toBe(v);
      }),
    );
  });
});

describe('totals and formatting', () => {
  it('adds exactly: 0.1 + 0.2 is 0.3', () => {
    const a = ruleOf({ key: 'a', name: 'a', kind: 'judged', max: 1, step: 0.01 });
    const b = ruleOf({ key: 'b', name: 'b', kind: 'judged', max: 1, step: 0.01 });
    expect(totalHundredths([a, b], { a: 0.1, b: 0.2 })).toBe(30);
  });

  it('leaves out marks that are missing or invalid', () => {
    expect(totalHundredths([design, theory], { design: 37.5, theory: null })).toBe(3750);
    expect(totalHundredths([design, theory], { design: 37.3, theory: 80 })).toBe(8000);
    expect(maxHundredths([design, theory])).toBe(14000);
  });

  it('shows as many decimals as the step needs, and never hides one', () => {
    expect(decimalsForStep(design)).toBe(1);
    expect(decimalsForStep(theory)).toBe(2);
    expect(decimalsForStep(whole)).toBe(0);
    expect(formatMark(38, 1)).toBe('38.0');
    expect(formatMark(7, 0)).toBe('7');
    expect(formatHundredths(8825, 1)).toBe('88.25');
    expect(formatHundredths(8830, 0)).toBe('88.3');
    expect(formatHundredths(5, 2)).toBe('0.05');
    expect(formatMark(0.3, 2)).toBe('0.30');
  });
});
