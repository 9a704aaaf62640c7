import { describe, expect, it } from 'vitest';
import { contestFileSchema, type ContestFileInput } from '../../contracts/contest-file';
import { validateContestFile } from './validate-contest';

function contest(change: Partial<ContestFileInput> = {}): ContestFileInput {
  return {
    code: 'BG2024',
    title: '川渝美发美容美甲邀请赛',
    judges: [
      { key: 'J1', name: '裁判一', pin: '1111' },
      { key: 'J2', name: '裁判二', pin: '2222' },
      { key: 'J3', name: '裁判三', pin: '3333' },
      { key: 'CJ', name: '裁判长', pin: '9999' },
    ],
    contestants: [
      { bib: 'A001', name: '张三', organization: '广安市总工会' },
      { bib: 'A002', name: '李四', organization: '达州市总工会' },
    ],
    events: [
      {
        key: 'hair',
        name: '美发',
        criteria: [{ key: 'design', name: '造型设计', max: 40, step: 0.5 }],
        aggregate: { method: 'trimmed', trim: 1 },
        panel: [{ judge: 'J1' }, { judge: 'J2' }, { judge: 'J3' }],
        chiefJudge: 'CJ',
        entries: [
          { bib: 'A001', station: '07' },
          { bib: 'A002', station: '08' },
        ],
      },
    ],
    teams: { size: 3, events: ['hair'] },
    ...change,
  };
}

function problemsOf(input: ContestFileInput) {
  return validateContestFile(contestFileSchema.parse(input));
}
const paths = (input: ContestFileInput) => problemsOf(input).map((p) => p.path);
const base = contest();
const hair = base.events![0];

describe('validateContestFile', () => {
  it('finds nothing wrong with a sound contest', () => {
    expect(problemsOf(base)).toEqual([]);
  });

  it('reports every problem of the file at once', () => {
    const found = problemsOf(
      contest({
        judges: [...base.judges!, { key: 'J1', name: '重复', pin: '12' }],
        contestants: [...base.contestants!, { bib: 'A001', name: '王五', organization: '遂宁市总工会' }],
        events: [
          {
            ...hair,
            criteria: [{ key: 'design', name: '造型设计', max: 0, step: 0.5 }],
            panel: [{ judge: 'J1' }, { judge: 'J2' }, { judge: 'J7' }],
            entries: [
              { bib: 'A001', station: '07' },
              { bib: 'A001', station: '07' },
              { bib: 'Z999', station: '09' },
            ],
          },
          { ...hair, entries: [] },
        ],
        teams: { size: 0, events: ['nails'] },
      }),
    );
    expect(found.map((p) => p.path)).toEqual([
      'judges[4].key',
      'judges[4].pin',
      'contestants[2].bib',
      'events[1].key',
      'events[0].criteria[0].max',
      'events[0].panel[2].judge',
      'events[0].entries[1].bib',
      'events[0].entries[1].station',
      'events[0].entries[2].bib',
      'teams.size',
      'teams.events[0]',
    ]);
  });

  it('refuses a duplicate judge key', () => {
    const found = problemsOf(contest({ judges: [...base.judges!, { key: 'J2', name: '重复' }] }));
    expect(found).toEqual([{ path: 'judges[4].key', message: 'duplicate judge key "J2"' }]);
  });

  it('refuses a PIN that is not 4 to 8 digits, and a PIN two judges share', () => {
    expect(paths(contest({ judges: [{ key: 'J1', name: '一', pin: '12a4' }] }))).toContain('judges[0].pin');
    expect(paths(contest({ judges: [{ key: 'J1', name: '一', pin: '123456789' }] }))).toContain('judges[0].pin');
    const shared = problemsOf(contest({ judges: [...base.judges!, { key: 'J4', name: '四', pin: 2222 }] }));
    expect(shared).toEqual([{ path: 'judges[4].pin', message: 'same PIN as judges[1]; each judge needs their own' }]);
  });

  it('refuses a duplicate bib among contestants', () => {
    expect(problemsOf(contest({ contestants: [...base.contestants!, { bib: 'A002', name: '王五', organization: 'X' }] }))).toEqual([
      { path: 'contestants[2].bib', message: 'duplicate bib "A002"' },
    ]);
  });

  it('refuses a duplicate event key', () => {
    expect(paths(contest({ events: [hair, { ...hair, entries: [] }] }))).toEqual(['events[1].key']);
  });

  it('refuses a duplicate bib or station inside one event, but not across events', () => {
    const dup = contest({
      events: [
        {
          ...hair,
          entries: [
            { bib: 'A001', station: '07' },
            { bib: 'A002', station: '07' },
            { bib: 'A002', station: '08' },
          ],
        },
        { ...hair, key: 'nails', name: '美甲', entries: [{ bib: 'A001', station: '07' }] },
      ],
    });
    expect(problemsOf(dup)).toEqual([
      { path: 'events[0].entries[2].bib', message: 'duplicate bib "A002" in this event' },
      { path: 'events[0].entries[1].station', message: 'duplicate station "07" in this event' },
    ]);
  });

  it('refuses an entry whose bib is not a contestant', () => {
    expect(problemsOf(contest({ events: [{ ...hair, entries: [{ bib: 'A003', station: '01' }] }] }))).toEqual([
      { path: 'events[0].entries[0].bib', message: 'unknown bib "A003" (not in contestants)' },
    ]);
  });

  it('checks each event’s scheme against the contest’s judges', () => {
    expect(problemsOf(contest({ events: [{ ...hair, panel: [...hair.panel!, { judge: 'J9' }] }] }))).toEqual([
      { path: 'events[0].panel[3].judge', message: 'unknown judge "J9" (not in judges)' },
    ]);
    expect(paths(contest({ events: [{ ...hair, chiefJudge: 'J9' }] }))).toEqual(['events[0].chiefJudge']);
    expect(paths(contest({ events: [{ ...hair, panel: [{ judge: 'J1' }, { judge: 'J2' }] }] }))).toEqual(['events[0].aggregate.trim']);
  });

  it('refuses a team size under 1 and a team event that does not exist', () => {
    expect(paths(contest({ teams: { size: 0 } }))).toEqual(['teams.size']);
    expect(paths(contest({ teams: { events: ['hair', 'nails'] } }))).toEqual(['teams.events[1]']);
    expect(paths(contest({ teams: undefined }))).toEqual([]);
  });
});
