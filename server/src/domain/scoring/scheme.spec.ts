import { describe, expect, it } from 'vitest';
import { ratio } from './ratio';
import { assignmentsOf, criteriaOfJudge, DEFAULT_PRECISION, schemeFromEventFile } from './scheme';
import { eventOf } from './test-fixtures';

describe('schemeFromEventFile', () => {
  it('reads points into hundredths and fills the defaults', () => {
    const scheme = schemeFromEventFile(
      eventOf({
        criteria: [
          { key: 'design', name: '造型设计', max: 40, step: 0.5, tolerance: 6 },
          { key: 'theory', name: '理论', kind: 'measured', max: 100, weight: 0.3 },
        ],
        panel: [{ judge: 'J1' }],
      }),
    );
    expect(scheme.criteria).toEqual([
      { key: 'design', kind: 'judged', max: 4000, step: 50, weight: 100, tolerance: 600 },
      { key: 'theory', kind: 'measured', max: 10000, step: 1, weight: 30, tolerance: null },
    ]);
    expect(scheme.precision).toBe(DEFAULT_PRECISION);
    expect(DEFAULT_PRECISION).toBe(2);
    expect([scheme.over, scheme.method, scheme.trim]).toEqual(['criterion', 'mean', 0]);
    expect(scheme.tieBreak).toEqual([]);
    expect(scheme.awards).toEqual([]);
  });

  it('trims one of each side when trimming is asked for without a trim', () => {
    const ev = eventOf({ aggregate: { method: 'trimmed' }, criteria: [{ key: 'a', name: 'A', max: 10 }] });
    expect(schemeFromEventFile(ev).trim).toBe(1);
  });

  it('ignores a trim for methods that do not trim', () => {
    const ev = eventOf({ aggregate: { method: 'median', trim: 2 }, criteria: [{ key: 'a', name: 'A', max: 10 }] });
    expect(schemeFromEventFile(ev).trim).toBe(0);
  });

  it('reads tie-breaks with "desc" as the default order', () => {
    const ev = eventOf({
      criteria: [
        { key: 'design', name: '造型设计', max: 40 },
        { key: 'time', name: '用时', kind: 'measured', max: 60 },
      ],
      tieBreak: [{ criterion: 'design' }, { criterion: 'time', order: 'asc' }, { fewerDeductions: true }],
    });
    expect(schemeFromEventFile(ev).tieBreak).toEqual([
      { kind: 'criterion', key: 'design', order: 'desc' },
      { kind: 'criterion', key: 'time', order: 'asc' },
      { kind: 'fewerDeductions' },
    ]);
  });

  it('keeps award shares exact and minTotal in units', () => {
    const ev = eventOf({
      criteria: [{ key: 'a', name: 'A', max: 100 }],
      awards: [
        { name: '一等奖', share: 0.1, minTotal: 85.5 },
        { name: '二等奖', count: 3 },
      ],
    });
    expect(schemeFromEventFile(ev).awards).toEqual([
      { name: '一等奖', share: ratio(1, 10), count: null, minTotal: 855_000 },
      { name: '二等奖', share: null, count: 3, minTotal: null },
    ]);
  });
});

describe('who marks what (assignments)', () => {
  const criteria = [
    { key: 'design', name: '造型设计', max: 40 },
    { key: 'finish', name: '整体效果', max: 30 },
    { key: 'theory', name: '理论', kind: 'measured' as const, max: 100 },
    { key: 'time', name: '用时', kind: 'measured' as const, max: 60 },
  ];

  it('a member without a criteria list marks every judged criterion', () => {
    const a = assignmentsOf(eventOf({ criteria, panel: [{ judge: 'J1' }, { judge: 'J2' }, { judge: 'R', criteria: ['time'] }] }));
    expect(a.design).toEqual(['J1', 'J2']);
    expect(a.finish).toEqual(['J1', 'J2']);
  });

  it('a measured criterion is marked by the members who list it', () => {
    const a = assignmentsOf(eventOf({ criteria, panel: [{ judge: 'J1' }, { judge: 'R', criteria: ['time'] }] }));
    expect(a.time).toEqual(['R']);
  });

  it('a measured criterion no member lists is marked by the members without a list', () => {
    const a = assignmentsOf(eventOf({ criteria, panel: [{ judge: 'J1' }, { judge: 'J2' }, { judge: 'R', criteria: ['time'] }] }));
    expect(a.theory).toEqual(['J1', 'J2']);
  });

  it('a member with a list marks exactly the criteria listed, judged ones too', () => {
    const ev = eventOf({ criteria, panel: [{ judge: 'J1' }, { judge: 'J2', criteria: ['finish'] }, { judge: 'J2b', criteria: ['design', 'finish'] }] });
    const a = assignmentsOf(ev);
    expect(a.design).toEqual(['J1', 'J2b']);
    expect(a.finish).toEqual(['J1', 'J2', 'J2b']);
    const scheme = schemeFromEventFile(ev);
    expect(criteriaOfJudge(scheme, 'J2').map((c) => c.key)).toEqual(['finish']);
    expect(criteriaOfJudge(scheme, 'J1').map((c) => c.key)).toEqual(['design', 'finish', 'theory', 'time']);
    expect(criteriaOfJudge(scheme, 'nobody')).toEqual([]);
  });

  it('lists a judge once per criterion', () => {
    const a = assignmentsOf(eventOf({ criteria, panel: [{ judge: 'J1' }, { judge: 'J1', criteria: ['design'] }] }));
    expect(a.design).toEqual(['J1']);
  });
});
