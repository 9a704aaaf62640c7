import { describe, expect, it } from 'vitest';
import { nulProblems } from './parse-body';

describe('nulProblems', () => {
  it('names every text holding a NUL, keys included, by its path', () => {
    expect(nulProblems({ title: 'a\u0000b', events: [{ key: 'ok', criteria: [{ name: '\u0000' }] }], scores: { 'de\u0000sign': 1 } })).toEqual([
      { path: 'title', message: expect.stringContaining('NUL') },
      { path: 'events[0].criteria[0].name', message: expect.stringContaining('NUL') },
      { path: 'scores', message: expect.stringContaining('field name') },
    ]);
    expect(nulProblems({ title: 'fine', n: 1, list: ['a', null, true] })).toEqual([]);
  });

  it('walks a deeply nested body without overflowing the stack, and lists at most 20 problems', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(nulProblems(deep)).toHaveLength(1);
    expect(nulProblems(Array.from({ length: 1000 }, () => '\u0000'))).toHaveLength(20);
  });
});
