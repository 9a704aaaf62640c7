import { describe, expect, it } from 'vitest';
import { checkSheet, markProblem } from './marks';
import { schemeOf } from './test-fixtures';

const scheme = schemeOf({
  criteria: [
    { key: 'design', name: '造型设计', max: 40, step: 0.5 },
    { key: 'finish', name: '整体效果', max: 30, step: 0.5 },
    { key: 'accuracy', name: '实测', kind: 'measured', max: 100 },
  ],
  panel: [{ judge: 'J1' }, { judge: 'J2', criteria: ['finish'] }, { judge: 'R', criteria: ['accuracy'] }],
});
const design = scheme.criteria[0];
const accuracy = scheme.criteria[2];

describe('markProblem', () => {
  it('accepts 0, max and multiples of the step between them', () => {
    expect(markProblem(design, 0)).toBeNull();
    expect(markProblem(design, 38.5)).toBeNull();
    expect(markProblem(design, 40)).toBeNull();
  });

  it('refuses a mark outside 0..max', () => {
    expect(markProblem(design, -0.5)).toBe('must be between 0 and 40 (got -0.5)');
    expect(markProblem(design, 40.5)).toBe('must be between 0 and 40 (got 40.5)');
  });

  it('refuses a mark that is not a multiple of the step', () => {
    expect(markProblem(design, 38.3)).toBe('must be a multiple of 0.5 (got 38.3)');
    expect(markProblem(design, 38.25)).toBe('must be a multiple of 0.5 (got 38.25)');
  });

  it('refuses more than two decimals', () => {
    expect(markProblem(design, 38.555)).toMatch(/at most two decimals/);
  });

  it('refuses what is not a number', () => {
    for (const v of ['38', null, undefined, Number.NaN, Number.POSITIVE_INFINITY, {}, true]) {
      expect(markProblem(design, v)).toBe('must be a number');
    }
  });

  it('takes 0.01 as the step when none is given', () => {
    expect(markProblem(accuracy, 77.37)).toBeNull();
    expect(markProblem(accuracy, 77.375)).toMatch(/at most two decimals/);
  });
});

describe('checkSheet', () => {
  it('returns the marks in hundredths when every assigned criterion has a good mark', () => {
    expect(checkSheet(scheme, 'J1', { design: 38.5, finish: 27 })).toEqual({ ok: true, scores: { design: 3850, finish: 2700 } });
    expect(checkSheet(scheme, 'J2', { finish: 0 })).toEqual({ ok: true, scores: { finish: 0 } });
    expect(checkSheet(scheme, 'R', { accuracy: 77.37 })).toEqual({ ok: true, scores: { accuracy: 7737 } });
  });

  it('refuses an unknown criterion', () => {
    expect(checkSheet(scheme, 'J1', { design: 38.5, finish: 27, colour: 5 })).toEqual({
      ok: false,
      problems: [{ path: 'scores.colour', message: 'unknown criterion' }],
    });
  });

  it('refuses a criterion the judge is not assigned', () => {
    expect(checkSheet(scheme, 'J2', { finish: 27, design: 30 })).toEqual({
      ok: false,
      problems: [{ path: 'scores.design', message: 'this judge is not assigned to mark this criterion' }],
    });
    expect(checkSheet(scheme, 'J1', { design: 30, finish: 27, accuracy: 50 })).toMatchObject({
      ok: false,
      problems: [{ path: 'scores.accuracy' }],
    });
  });

  it('refuses a sheet with a criterion missing', () => {
    expect(checkSheet(scheme, 'J1', { design: 38.5 })).toEqual({
      ok: false,
      problems: [{ path: 'scores.finish', message: 'missing: every assigned criterion needs a mark' }],
    });
  });

  it('reports every problem of the sheet at once', () => {
    const r = checkSheet(scheme, 'J1', { design: 41, accuracy: 10, colour: 1 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.path)).toEqual(['scores.design', 'scores.accuracy', 'scores.colour', 'scores.finish']);
  });

  it('refuses a mark that is not a number, and does not count it as missing', () => {
    expect(checkSheet(scheme, 'J1', { design: '38.5', finish: null })).toEqual({
      ok: false,
      problems: [
        { path: 'scores.design', message: 'must be a number' },
        { path: 'scores.finish', message: 'must be a number' },
      ],
    });
  });

  it('refuses scores that are not an object', () => {
    for (const scores of [null, [38.5, 27], '38.5', 38.5]) {
      expect(checkSheet(scheme, 'J1', scores)).toEqual({ ok: false, problems: [{ path: 'scores', message: 'must be an object of criterion key → mark' }] });
    }
  });

  it('gives a judge who is not on the panel nothing to mark', () => {
    expect(checkSheet(scheme, 'X', { design: 30 })).toEqual({
      ok: false,
      problems: [{ path: 'scores.design', message: 'this judge is not assigned to mark this criterion' }],
    });
  });
});
