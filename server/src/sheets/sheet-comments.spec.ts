import { describe, expect, it } from 'vitest';
import { COMMENT_MAX, COMMENTS_TOTAL_MAX, commentLength, tidyComment } from '../contracts/sheet-comments';
import { checkComments } from './sheet-comments';

const KNOWN = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

describe('checkComments', () => {
  it('takes remarks on the judge’s own criteria, trimmed, and drops empty ones', () => {
    expect(checkComments({ a: ' 好 ', b: '' }, KNOWN, ['a', 'b'])).toEqual({ ok: true, comments: { a: '好' } });
    expect(checkComments(undefined, KNOWN, ['a'])).toEqual({ ok: true, comments: {} });
    expect(checkComments(null, KNOWN, ['a'])).toEqual({ ok: true, comments: {} });
  });

  it('names every problem', () => {
    const r = checkComments({ a: 1, b: 'x', z: 'y', c: 'x'.repeat(COMMENT_MAX + 1), d: 'a\u0000b' }, KNOWN, ['a', 'c', 'd']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path)).toEqual(['comments.a', 'comments.b', 'comments.z', 'comments.c', 'comments.d']);
    expect(r.problems[3].message).toContain(String(COMMENT_MAX));
  });

  it('bounds the remarks of one sheet together', () => {
    const all = Object.fromEntries(KNOWN.map((k) => [k, '评'.repeat(COMMENT_MAX)]));
    const r = checkComments(all, KNOWN, KNOWN);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([{ path: 'comments', message: `at most ${COMMENTS_TOTAL_MAX} characters in all (has ${KNOWN.length * COMMENT_MAX})` }]);
    const six = Object.fromEntries(KNOWN.slice(0, 6).map((k) => [k, '评'.repeat(COMMENT_MAX)]));
    expect(checkComments(six, KNOWN, KNOWN).ok).toBe(true);
  });

  it('refuses more remarks than the event has criteria in one problem', () => {
    const many = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, 'x']));
    expect(checkComments(many, KNOWN, KNOWN)).toEqual({ ok: false, problems: [{ path: 'comments', message: 'at most 7 remarks, one per criterion (has 1000)' }] });
  });

  it('refuses a prototype key as an unknown criterion', () => {
    const r = checkComments(JSON.parse('{"__proto__": "x", "constructor": "y"}'), KNOWN, KNOWN);
    expect(r.ok).toBe(false);
  });
});

describe('comment text', () => {
  it('counts characters as a person does', () => {
    expect(commentLength('好𠀀a')).toBe(3);
    expect(commentLength('\ud800')).toBe(1);
  });
  it('tidies typed line breaks into spaces', () => {
    expect(tidyComment(' 第一行\r\n第二行\n ')).toBe('第一行 第二行');
  });
});
