import { describe, expect, it } from 'vitest';
import { validateContestFile } from '@skillscore/server/scoring';
import { draftFromFile, emptyDraft } from './draft';
import { checkDraft, draftToFile } from './draft-to-file';
import { sampleContest } from '../testing/sample-contest';

describe('contest file ↔ setup form', () => {
  it('a stored contest file goes through the form and comes back the same', () => {
    const file = sampleContest();
    const { file: back, problems } = draftToFile(draftFromFile(file));
    expect(problems).toEqual([]);
    expect(back).toEqual(file);
    expect(validateContestFile(back)).toEqual([]);
  });

  it('holds every number as the text typed, and shares as percent', () => {
    const d = draftFromFile(sampleContest());
    const hair = d.events[0];
    expect(hair.criteria[0]).toMatchObject({ max: '40', step: '0.5', weight: '', tolerance: '6', kind: 'judged' });
    expect(hair.criteria[1]).toMatchObject({ weight: '0.3', kind: 'measured' });
    expect(hair.awards.map((a) => [a.by, a.sharePercent, a.count, a.minTotal])).toEqual([
      ['share', '10', '', ''],
      ['share', '33.3', '', '60'],
      ['count', '', '5', ''],
    ]);
    expect(hair.method).toBe('trimmed');
    expect(hair.panel[3]).toEqual({ judge: 'J4', all: false, criteria: ['theory'] });
    expect(d.judges[3].pin).toBe('');
    expect(d.teams).toEqual({ size: '2', events: ['hair'] });
  });

  it('leaves out what the file left out, and writes what the organizer set', () => {
    const d = draftFromFile(sampleContest());
    const nails = d.events[1];
    expect(nails.given).toEqual([]);
    let out = draftToFile(d).file.events[1];
    expect(out).not.toHaveProperty('aggregate');
    expect(out).not.toHaveProperty('awards');
    expect(out).not.toHaveProperty('precision');
    nails.method = 'median';
    nails.precision = '1';
    nails.awards.push({ name: '金奖', by: 'count', sharePercent: '', count: '1', minTotal: '' });
    out = draftToFile(d).file.events[1];
    expect(out).toMatchObject({ precision: 1, aggregate: { over: 'criterion', method: 'median' }, awards: [{ name: '金奖', count: 1 }] });
  });

  it('clearing every award of a file that had some writes an empty list, not nothing', () => {
    const d = draftFromFile(sampleContest());
    d.events[0].awards = [];
    expect(draftToFile(d).file.events[0].awards).toEqual([]);
  });

  it('numbers, bibs and stations written as numbers in a JSON file are read as text', () => {
    const d = draftFromFile({ code: 'X1', title: 't', contestants: [{ bib: 7, name: 'a', organization: 'o' }], events: [{ key: 'e', name: 'E', criteria: [{ key: 'c', name: 'C', max: 10 }], entries: [{ bib: 7, station: 1 }] }] });
    expect(d.contestants[0].bib).toBe('7');
    expect(d.events[0].entries[0]).toEqual({ bib: '7', station: '1' });
    expect(d.locale).toBe('zh-CN');
  });

  it('teams: left out, every event, or chosen events', () => {
    const d = draftFromFile(sampleContest());
    d.teams = null;
    expect(draftToFile(d).file).not.toHaveProperty('teams');
    d.teams = { size: '', events: null };
    expect(draftToFile(d).file.teams).toEqual({});
    d.teams = { size: '4', events: ['hair', 'nails'] };
    expect(draftToFile(d).file.teams).toEqual({ size: 4, events: ['hair', 'nails'] });
  });
});

describe('checking the form', () => {
  it('an empty new contest names each field to fill', () => {
    const paths = checkDraft(emptyDraft()).problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['code', 'title', 'events[0].key', 'events[0].name', 'events[0].criteria[0].key', 'events[0].criteria[0].name', 'events[0].criteria[0].max']));
  });

  it('a field the form already faults gets no second, rule problem', () => {
    const d = draftFromFile(sampleContest());
    d.events[0].criteria[0].max = 'forty';
    const { problems } = checkDraft(d);
    expect(problems.filter((p) => p.path === 'events[0].criteria[0].max')).toEqual([{ path: 'events[0].criteria[0].max', message: 'must be a number' }]);
  });

  it('runs the contest file rules of the server: step, shares, panel, entries, PINs', () => {
    const d = draftFromFile(sampleContest());
    d.events[0].criteria[0].step = '3';
    d.events[0].awards[2] = { name: '三等奖', by: 'share', sharePercent: '60', count: '', minTotal: '' };
    d.events[0].panel.push({ judge: 'J9', all: true, criteria: [] });
    d.events[0].entries.push({ bib: 'Z999', station: '07' });
    d.judges[1].pin = '482913';
    d.code = 'bad code';
    d.events[0].precision = '1.5';
    const byPath = new Map(checkDraft(d).problems.map((p) => [p.path, p.message]));
    expect(byPath.get('events[0].criteria[0].step')).toMatch(/divide max 40/);
    expect(byPath.get('events[0].awards')).toMatch(/more than 1/);
    expect(byPath.get('events[0].panel[4].judge')).toMatch(/unknown judge "J9"/);
    expect(byPath.get('events[0].entries[2].bib')).toMatch(/unknown bib "Z999"/);
    expect(byPath.get('events[0].entries[2].station')).toMatch(/duplicate station "07"/);
    expect(byPath.get('judges[1].pin')).toMatch(/same PIN as judges\[0\]/);
    expect(byPath.get('code')).toMatch(/letters, digits/);
    expect(byPath.get('events[0].precision')).toBe('must be a whole number');
  });

  it('a share typed with too many decimals or as text is caught at the share field', () => {
    const d = draftFromFile(sampleContest());
    d.events[0].awards[0].sharePercent = 'ten';
    d.events[0].awards[1].sharePercent = '';
    const byPath = new Map(checkDraft(d).problems.map((p) => [p.path, p.message]));
    expect(byPath.get('events[0].awards[0].share')).toBe('must be a number');
    expect(byPath.get('events[0].awards[1].share')).toBe('must not be empty');
  });
});
