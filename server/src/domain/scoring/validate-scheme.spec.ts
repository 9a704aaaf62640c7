import { describe, expect, it } from 'vitest';
import { eventFileSchema } from '../../contracts/contest-file';
import { eventOf, judges, type EventInput } from './test-fixtures';
import { validateEventScheme } from './validate-scheme';

const J5 = judges(5);
const KNOWN = new Set([...J5, 'R', 'CJ']);

/** The spec's hairdressing event, valid as it stands. */
const hair: EventInput = {
  key: 'hair',
  name: '美发',
  precision: 2,
  criteria: [
    { key: 'design', name: '造型设计', max: 40, step: 0.5, tolerance: 6 },
    { key: 'technique', name: '技术难度', max: 30, step: 0.5 },
    { key: 'finish', name: '整体效果', max: 30, step: 0.5 },
    { key: 'theory', name: '理论', kind: 'measured', max: 100, step: 0.5, weight: 0.3 },
  ],
  aggregate: { over: 'criterion', method: 'trimmed', trim: 1 },
  tieBreak: [{ criterion: 'design' }, { fewerDeductions: true }],
  awards: [
    { name: '一等奖', share: 0.1 },
    { name: '二等奖', share: 0.2 },
    { name: '三等奖', share: 0.3 },
  ],
  panel: [...J5.map((judge) => ({ judge })), { judge: 'R', criteria: ['theory'] }],
  chiefJudge: 'CJ',
};

/** `judgeKeys` null: the scheme checked on its own, without the contest's judges. */
function problems(change: Partial<EventInput>, judgeKeys: ReadonlySet<string> | null = KNOWN) {
  return validateEventScheme(eventOf({ ...hair, ...change }), 'events[0]', judgeKeys ?? undefined);
}

const paths = (change: Partial<EventInput>, judgeKeys: ReadonlySet<string> | null = KNOWN) => problems(change, judgeKeys).map((p) => p.path);

/** Problems of an event with the one criterion `a` (max 10, step 0.5) changed by `over`. */
function criterionProblems(over: Record<string, unknown>) {
  return validateEventScheme(eventOf({ criteria: [{ key: 'a', name: 'A', max: 10, step: 0.5, ...over }], panel: [{ judge: 'J1' }] }), 'events[0]', KNOWN);
}
const cpaths = (over: Record<string, unknown>) => criterionProblems(over).map((p) => p.path);

describe('a valid scheme', () => {
  it('has no problems', () => {
    expect(problems({})).toEqual([]);
  });

  it('may leave out step, weight, precision, aggregate and the panel', () => {
    expect(validateEventScheme(eventOf({ criteria: [{ key: 'a', name: 'A', max: 37.25 }] }), 'e')).toEqual([]);
  });
});

describe('every problem at once', () => {
  it('reports all problems of one scheme together, each with its path', () => {
    const found = problems({
      precision: 5,
      criteria: [
        { key: 'design', name: '造型设计', max: 0, step: 0.5 },
        { key: 'design', name: '重复', max: 40, step: 0.3 },
        { key: 'theory', name: '理论', kind: 'measured', max: 100, weight: 0 },
      ],
      aggregate: { method: 'trimmed', trim: 3 },
      tieBreak: [{ criterion: 'colour' }],
      awards: [
        { name: '一等奖', share: 0.5 },
        { name: '二等奖', share: 0.6 },
      ],
      panel: [...J5.map((judge) => ({ judge })), { judge: 'ghost' }],
      chiefJudge: 'nobody',
    });
    expect(found.map((p) => p.path)).toEqual([
      'events[0].precision',
      'events[0].criteria[0].max',
      'events[0].criteria[1].key',
      'events[0].criteria[1].step',
      'events[0].criteria[2].weight',
      'events[0].tieBreak[0].criterion',
      'events[0].awards',
      'events[0].panel[5].judge',
      'events[0].chiefJudge',
      'events[0].aggregate.trim',
      'events[0].aggregate.trim',
    ]);
    expect(found.every((p) => p.message.length > 0)).toBe(true);
  });
});

describe('criteria', () => {
  it('max must be above 0', () => {
    expect(cpaths({ max: 0 })).toEqual(['events[0].criteria[0].max']);
    expect(cpaths({ max: -5 })).toEqual(['events[0].criteria[0].max']);
    expect(criterionProblems({ max: 0 })[0].message).toMatch(/greater than 0/);
  });

  it('max has at most two decimals and a sane size', () => {
    expect(cpaths({ max: 10.005, step: 0.01 })).toEqual(['events[0].criteria[0].max']);
    expect(cpaths({ max: 100_001, step: 1 })).toEqual(['events[0].criteria[0].max']);
  });

  it('step must divide max exactly', () => {
    const found = criterionProblems({ max: 40, step: 0.3 });
    expect(found.map((p) => p.path)).toEqual(['events[0].criteria[0].step']);
    expect(found[0].message).toMatch(/divide max 40/);
    expect(cpaths({ max: 40, step: 0.25 })).toEqual([]);
    expect(cpaths({ max: 0.3, step: 0.1 })).toEqual([]); // 0.3 / 0.1 as floats is 2.9999…
  });

  it('step must be above 0 with at most two decimals', () => {
    expect(cpaths({ step: 0 })).toEqual(['events[0].criteria[0].step']);
    expect(cpaths({ step: -0.5 })).toEqual(['events[0].criteria[0].step']);
    expect(cpaths({ step: 0.005 })).toEqual(['events[0].criteria[0].step']);
  });

  it('a step left out is 0.01, which divides any max with two decimals', () => {
    expect(cpaths({ max: 37.25, step: undefined })).toEqual([]);
  });

  it('weight is above 0, at most 100, with at most two decimals', () => {
    expect(cpaths({ weight: 0 })).toEqual(['events[0].criteria[0].weight']);
    expect(cpaths({ weight: -0.3 })).toEqual(['events[0].criteria[0].weight']);
    expect(cpaths({ weight: 101 })).toEqual(['events[0].criteria[0].weight']);
    expect(cpaths({ weight: 0.333 })).toEqual(['events[0].criteria[0].weight']);
    expect(cpaths({ weight: 0.35 })).toEqual([]);
  });

  it('tolerance is 0 or more with at most two decimals', () => {
    expect(cpaths({ tolerance: -1 })).toEqual(['events[0].criteria[0].tolerance']);
    expect(cpaths({ tolerance: 1.255 })).toEqual(['events[0].criteria[0].tolerance']);
    expect(cpaths({ tolerance: 0 })).toEqual([]);
  });

  it('keys are unique', () => {
    const found = problems({
      criteria: [...hair.criteria, { key: 'design', name: '重复', max: 40, step: 0.5 }],
    });
    expect(found.map((p) => p.path)).toEqual(['events[0].criteria[4].key']);
    expect(found[0].message).toMatch(/duplicate criterion key "design"/);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('refuses the built-in name "%s" as a key', (key) => {
    const found = validateEventScheme(eventOf({ criteria: [{ key, name: 'X', max: 10 }] }), 'events[0]');
    expect(found).toEqual([{ path: 'events[0].criteria[0].key', message: `"${key}" is a reserved name; choose another key` }]);
  });

  it('"panel" is reserved when aggregating over totals, free otherwise', () => {
    const panelKey = (over: 'total' | 'criterion') =>
      validateEventScheme(eventOf({ criteria: [{ key: 'panel', name: 'P', max: 10 }], aggregate: { over } }), 'events[0]').map((p) => p.path);
    expect(panelKey('total')).toEqual(['events[0].criteria[0].key']);
    expect(panelKey('criterion')).toEqual([]);
  });
});

describe('precision', () => {
  it.each([0, 1, 2, 3, 4])('accepts %i decimals', (precision) => {
    expect(paths({ precision })).toEqual([]);
  });

  it.each([-1, 5])('refuses %i decimals', (precision) => {
    expect(paths({ precision })).toEqual(['events[0].precision']);
  });
});

describe('aggregation', () => {
  it('refuses a negative trim', () => {
    expect(paths({ aggregate: { method: 'trimmed', trim: -1 } })).toContain('events[0].aggregate.trim');
  });

  it('refuses a trim too large for the judges on a judged criterion', () => {
    const found = problems({ aggregate: { method: 'trimmed', trim: 2 }, panel: judges(4).map((judge) => ({ judge })) });
    expect(found.map((p) => p.path)).toEqual(['events[0].aggregate.trim', 'events[0].aggregate.trim', 'events[0].aggregate.trim']);
    expect(found[0].message).toMatch(/needs at least 5 judges on "design", the panel has 4/);
  });

  it('accepts exactly 2k + 1 judges', () => {
    expect(paths({ aggregate: { method: 'trimmed', trim: 2 }, panel: [...J5.map((judge) => ({ judge })), { judge: 'R', criteria: ['theory'] }] })).toEqual([]);
  });

  it('takes trim 1 when trimming without a trim', () => {
    expect(paths({ aggregate: { method: 'trimmed' }, panel: judges(2).map((judge) => ({ judge })) })).toEqual([
      'events[0].aggregate.trim',
      'events[0].aggregate.trim',
      'events[0].aggregate.trim',
    ]);
  });

  it('does not ask measured criteria for trimming judges', () => {
    // theory has one recorder; it is averaged, never trimmed
    expect(paths({ aggregate: { method: 'trimmed', trim: 1 } })).toEqual([]);
  });

  it('does not count judges for mean or median', () => {
    expect(paths({ aggregate: { method: 'median', trim: 3 }, panel: [{ judge: 'J1' }] })).toEqual([]);
  });
});

describe('tie-breaks', () => {
  it('refuse an unknown criterion key', () => {
    const found = problems({ tieBreak: [{ criterion: 'design' }, { criterion: 'colour', order: 'asc' }] });
    expect(found).toEqual([{ path: 'events[0].tieBreak[1].criterion', message: 'unknown criterion "colour"' }]);
  });

  it('of an unknown kind are refused by the file’s shape', () => {
    const parsed = eventFileSchema.safeParse({ ...hair, tieBreak: [{ fewestDeductions: true }] });
    expect(parsed.success).toBe(false);
    const wrongOrder = eventFileSchema.safeParse({ ...hair, tieBreak: [{ criterion: 'design', order: 'up' }] });
    expect(wrongOrder.success).toBe(false);
  });
});

describe('awards', () => {
  const tiers = (awards: EventInput['awards']) => paths({ awards });

  it('shares may add up to exactly 1 (0.34 + 0.56 + 0.1, which is 1.0000000000000002 as floats)', () => {
    expect(0.34 + 0.56 + 0.1).toBeGreaterThan(1);
    expect(
      tiers([
        { name: '一等奖', share: 0.34 },
        { name: '二等奖', share: 0.56 },
        { name: '三等奖', share: 0.1 },
      ]),
    ).toEqual([]);
  });

  it('shares over 1 in total are refused', () => {
    const found = problems({
      awards: [
        { name: '一等奖', share: 0.5 },
        { name: '二等奖', share: 0.3 },
        { name: '三等奖', share: 0.3 },
      ],
    });
    expect(found).toEqual([{ path: 'events[0].awards', message: 'award shares add up to more than 1 (1.1)' }]);
  });

  it('each share is above 0, at most 1, with at most 6 decimals', () => {
    expect(tiers([{ name: '一等奖', share: 0 }])).toEqual(['events[0].awards[0].share']);
    expect(tiers([{ name: '一等奖', share: 1.5 }])).toEqual(['events[0].awards[0].share']);
    expect(tiers([{ name: '一等奖', share: 0.1234567 }])).toEqual(['events[0].awards[0].share']);
    expect(tiers([{ name: '一等奖', share: 0.333333 }])).toEqual([]);
    expect(tiers([{ name: '一等奖', share: 1 }])).toEqual([]);
  });

  it('each tier has a share or a count, not both', () => {
    expect(tiers([{ name: '一等奖' }])).toEqual(['events[0].awards[0]']);
    expect(tiers([{ name: '一等奖', share: 0.1, count: 2 }])).toEqual(['events[0].awards[0]']);
  });

  it('a count is at least 1', () => {
    expect(tiers([{ name: '一等奖', count: 0 }])).toEqual(['events[0].awards[0].count']);
    expect(tiers([{ name: '一等奖', count: 3 }])).toEqual([]);
  });

  it('minTotal is 0 or more with at most two decimals', () => {
    expect(tiers([{ name: '一等奖', count: 1, minTotal: -1 }])).toEqual(['events[0].awards[0].minTotal']);
    expect(tiers([{ name: '一等奖', count: 1, minTotal: 85.005 }])).toEqual(['events[0].awards[0].minTotal']);
    expect(tiers([{ name: '一等奖', count: 1, minTotal: 85.5 }])).toEqual([]);
  });

  it('names are unique', () => {
    expect(
      tiers([
        { name: '一等奖', count: 1 },
        { name: '一等奖', count: 2 },
      ]),
    ).toEqual(['events[0].awards[1].name']);
  });
});

describe('panel', () => {
  it('refuses a judge who is not in the contest’s judges', () => {
    const found = problems({ panel: [...J5.map((judge) => ({ judge })), { judge: 'R', criteria: ['theory'] }, { judge: 'J9' }] });
    expect(found).toEqual([{ path: 'events[0].panel[6].judge', message: 'unknown judge "J9" (not in judges)' }]);
  });

  it('does not know the judges when checked on its own', () => {
    expect(paths({ panel: [...J5.map((judge) => ({ judge })), { judge: 'R', criteria: ['theory'] }, { judge: 'J9' }], chiefJudge: 'X' }, null)).toEqual([]);
  });

  it('refuses an unknown chief judge', () => {
    expect(paths({ chiefJudge: 'J99' })).toEqual(['events[0].chiefJudge']);
  });

  it('refuses a judge twice on the panel', () => {
    expect(paths({ panel: [...J5.map((judge) => ({ judge })), { judge: 'R', criteria: ['theory'] }, { judge: 'J1', criteria: ['design'] }] })).toEqual([
      'events[0].panel[6].judge',
    ]);
  });

  it('refuses an empty criteria list and unknown criteria in a list', () => {
    expect(paths({ panel: [...J5.map((judge) => ({ judge })), { judge: 'R', criteria: [] }] })).toEqual(['events[0].panel[5].criteria']);
    expect(paths({ panel: [...J5.map((judge) => ({ judge })), { judge: 'R', criteria: ['theory', 'colour'] }] })).toEqual([
      'events[0].panel[5].criteria[1]',
    ]);
  });

  it('refuses a criterion that no judge marks', () => {
    const found = problems({
      aggregate: { method: 'mean' },
      panel: [
        { judge: 'J1', criteria: ['design', 'technique'] },
        { judge: 'R', criteria: ['theory'] },
      ],
    });
    expect(found).toEqual([{ path: 'events[0].criteria[2]', message: 'no panel judge marks criterion "finish"' }]);
  });

  it('may still be empty', () => {
    expect(paths({ panel: [] })).toEqual([]);
  });
});
