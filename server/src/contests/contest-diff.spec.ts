import { describe, expect, it } from 'vitest';
import type { ContestFile } from '../contracts/contest-file';
import { canonical, diffContest, finalizedEventsOf, guardProblems, type EditState } from './contest-diff';

function file(): ContestFile {
  return {
    code: 'C1',
    title: 'T',
    locale: 'zh-CN',
    venue: '',
    judges: [
      { key: 'J1', name: 'a', pin: '111111' },
      { key: 'J2', name: 'b', pin: '222222' },
    ],
    contestants: [{ bib: 'A1', name: 'x', organization: 'o' }],
    events: [
      {
        key: 'e',
        name: 'E',
        criteria: [{ key: 'c', name: 'C', kind: 'judged', max: 10, step: 0.5 }],
        panel: [{ judge: 'J1' }, { judge: 'J2' }],
        entries: [{ bib: 'A1', station: '01' }],
      },
    ],
  };
}

const marked: EditState = { marked: new Set(['e']), final: new Set(), judgesWithMarks: new Set(['J1']), bibsMarked: new Set(['A1']), bibsFinal: new Map() };
const final: EditState = { ...marked, final: new Set(['e']), bibsFinal: new Map([['A1', ['e']]]) };

describe('diffContest', () => {
  it('an identical file has no changes', () => {
    expect(diffContest(file(), file(), marked)).toEqual([]);
  });

  it('a renamed criterion, a reordered panel and written-out defaults change no result', () => {
    const next = file();
    next.events[0].criteria[0].name = 'Renamed';
    next.events[0].panel.reverse();
    next.events[0].aggregate = { over: 'criterion', method: 'mean' };
    next.events[0].precision = 2;
    const changes = diffContest(file(), next, marked);
    expect(changes.map((c) => [c.what, c.guard])).toEqual([
      ['precision', null],
      ['criteria', null],
      ['aggregate', null],
      ['panel', null],
    ]);
  });

  it('a changed weight is guarded while the event is marked, refused while it is final', () => {
    const next = file();
    next.events[0].criteria[0].weight = 2;
    expect(diffContest(file(), next, marked)[0]).toMatchObject({ what: 'criteria', path: 'events[0].criteria', guard: 'marked' });
    expect(diffContest(file(), next, { ...marked, final: new Set(['e']) })[0].guard).toBe('final');
    expect(diffContest(file(), next, { ...marked, marked: new Set() })[0].guard).toBeNull();
  });

  it('a PIN change is recorded without the PIN; removing a judge with marks is guarded', () => {
    const next = file();
    next.judges[1].pin = '999999';
    const pin = diffContest(file(), next, marked)[0];
    expect(JSON.stringify(pin)).not.toContain('999999');
    next.judges.splice(0, 1);
    next.events[0].panel = [{ judge: 'J2' }];
    expect(diffContest(file(), next, marked).find((c) => c.what === 'judge J1')?.guard).toBe('marked');
  });

  it('inside a finalized event every change is refused, even one that alters no result', () => {
    const next = file();
    next.events[0].name = 'Renamed';
    next.events[0].panel.reverse();
    next.events[0].chiefJudge = 'J2';
    const changes = diffContest(file(), next, final);
    expect(changes.map((c) => [c.what, c.guard])).toEqual([
      ['name', 'final'],
      ['chiefJudge', 'final'],
      ['panel', 'final'],
    ]);
    expect(finalizedEventsOf(changes)).toEqual(['e']);
  });

  it('a contestant entered in a finalized event keeps their name and organization until it is reopened', () => {
    const next = file();
    next.contestants[0].name = 'y';
    next.contestants[0].organization = 'p';
    next.contestants.push({ bib: 'A2', name: 'new', organization: 'o' });
    const changes = diffContest(file(), next, final);
    expect(changes.map((c) => [c.what, c.guard])).toEqual([
      ['contestant A1 name', 'final'],
      ['contestant A1 organization', 'final'],
      ['contestant A2', null],
    ]);
    expect(finalizedEventsOf(changes)).toEqual(['e']);
    expect(guardProblems(changes)[0]).toEqual({ path: 'contestants[0].name', message: 'finalized event "e" shows this contestant: reopen it before changing contestant A1 name' });
  });

  it('says for each guarded change which field it belongs to and why', () => {
    const next = file();
    next.events[0].entries[0].station = '09';
    const problems = guardProblems(diffContest(file(), next, marked));
    expect(problems).toEqual([{ path: 'events[0].entries[0].station', message: expect.stringMatching(/^marking has started in event "e": changing entry A1 station/) }]);
  });
});

describe('canonical', () => {
  it('ignores key order and undefined fields', () => {
    expect(canonical({ b: 1, a: { d: undefined, c: [1, { y: 2, x: 1 }] } })).toBe(canonical({ a: { c: [1, { x: 1, y: 2 }] }, b: 1 }));
    expect(canonical({ a: 1 })).not.toBe(canonical({ a: 2 }));
  });
});
