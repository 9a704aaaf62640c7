import { describe, expect, it } from 'vitest';
import { draftFromFile } from './draft';
import { checkDraft } from './draft-to-file';
import { ancestors, countWithin, fieldId, fieldPaths, placeProblems } from './problem-paths';
import { sampleContest } from '../testing/sample-contest';

describe('where a problem shows in the form', () => {
  it('a path and everything that holds it, innermost first', () => {
    expect(ancestors('events[0].criteria[1].max')).toEqual(['events[0].criteria[1].max', 'events[0].criteria[1]', 'events[0].criteria', 'events[0]', 'events', '']);
    expect(ancestors('teams.events[2]')).toEqual(['teams.events[2]', 'teams.events', 'teams', '']);
    expect(ancestors('code')).toEqual(['code', '']);
  });

  it('each problem goes to its field, else to the row or list that holds it, else to the form', () => {
    const d = draftFromFile(sampleContest());
    const places = fieldPaths(d);
    const placed = placeProblems(
      [
        { path: 'events[0].criteria[1].max', message: 'a' },
        { path: 'events[0].awards', message: 'shares add up to more than 1' },
        { path: 'events[0].awards[1]', message: 'give either share or count' },
        { path: 'events[0].criteria[0]', message: 'no panel judge marks criterion "design"' },
        { path: 'events[0].panel[3].criteria[0]', message: 'unknown criterion "x"' },
        { path: 'teams.events[0]', message: 'unknown event "x"' },
        { path: 'events[0].aggregate.trim', message: 'needs 3 judges' },
        { path: 'body', message: 'must be a JSON object' },
        { path: 'events[7].key', message: 'an event the form does not have' },
      ],
      places,
    );
    expect([...placed.keys()].sort()).toEqual(
      ['events[0].criteria[1].max', 'events[0].awards', 'events[0].awards[1]', 'events[0].criteria[0]', 'events[0].panel[3].criteria', 'teams.events', 'events[0].aggregate.trim', '', 'events'].sort(),
    );
    expect(placed.get('')!.map((p) => p.message)).toEqual(['must be a JSON object']);
  });

  it('the trim field exists only while trimming, so its problem falls back to the aggregation', () => {
    const d = draftFromFile(sampleContest());
    d.events[0].method = 'mean';
    const placed = placeProblems([{ path: 'events[0].aggregate.trim', message: 'x' }], fieldPaths(d));
    expect([...placed.keys()]).toEqual(['events[0].aggregate']);
  });

  it('every problem the rules find in a real file lands on a field or row the form shows, never on the form as a whole', () => {
    const d = draftFromFile(sampleContest());
    d.events[0].criteria[0].step = '3';
    d.events[0].criteria[1].weight = '0.333';
    d.events[0].awards[0].sharePercent = '95';
    d.events[0].tieBreak[0].criterion = 'nope';
    d.events[0].panel = [{ judge: 'J1', all: false, criteria: [] }];
    d.events[0].entries.push({ bib: 'A001', station: '09' });
    d.contestants.push({ bib: 'A001', name: 'x', organization: 'y' });
    d.judges.push({ key: 'J1', name: 'dup', pin: '12' });
    d.teams = { size: '0', events: ['nowhere'] };
    const { problems } = checkDraft(d);
    expect(problems.length).toBeGreaterThan(8);
    const placed = placeProblems(problems, fieldPaths(d));
    expect(placed.get('')).toBeUndefined();
  });

  it('counts problems inside a section for its badge', () => {
    const placed = placeProblems(
      [
        { path: 'events[0].key', message: 'a' },
        { path: 'events[0].criteria[0].max', message: 'b' },
        { path: 'events[1].key', message: 'c' },
        { path: 'events[10].key', message: 'd' },
      ],
      new Set(['events[0].key', 'events[0].criteria[0].max', 'events[1].key', 'events[10].key']),
    );
    expect(countWithin(placed, 'events[0]')).toBe(2);
    expect(countWithin(placed, 'events[1]')).toBe(1);
  });

  it('gives each path its own element id', () => {
    const ids = [...fieldPaths(draftFromFile(sampleContest()))].map(fieldId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(fieldId('events[0].criteria[1].max')).toBe('f-events_0--criteria_1--max');
  });
});
