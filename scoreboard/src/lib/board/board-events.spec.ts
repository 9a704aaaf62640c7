import { describe, expect, it } from 'vitest';
import { row, standings } from '../../test/rows';
import { boardEvents, criteriaOf, namesByBib, selectEvents } from './board-events';

describe('criteriaOf', () => {
  it('uses the criterion names the standings carry', () => {
    const e = standings('hair', [row('A1', 1, 90, { parts: { design: 40, finish: 50 } })], {
      criteria: [
        { key: 'design', name: '造型设计' },
        { key: 'finish', name: '整体效果' },
      ],
    });
    expect(criteriaOf(e)).toEqual([
      { key: 'design', name: '造型设计' },
      { key: 'finish', name: '整体效果' },
    ]);
  });

  it('falls back to the part keys when names are missing', () => {
    const e = standings('hair', [row('A1', 1, 90, { parts: { panel: 80, theory: 10 } })]);
    expect(criteriaOf(e)).toEqual([
      { key: 'panel', name: 'panel' },
      { key: 'theory', name: 'theory' },
    ]);
  });
});

describe('boardEvents', () => {
  const feed = [
    standings('nail', [row('B1', 1, 70)], { name: '美甲' }),
    standings('hair', [row('A1', 1, 90), row('A2', 2, 80.5, { complete: false }), row('A3', null, 0)], { frozen: true }),
  ];

  it('follows the contest order and names events from the summary', () => {
    const summary = {
      code: 'BG2024',
      title: 't',
      venue: 'v',
      locale: 'zh-CN',
      events: [
        { key: 'hair', name: '美发', final: true },
        { key: 'nail', name: '美甲', final: false },
      ],
    };
    const out = boardEvents(feed, summary);
    expect(out.map((e) => [e.key, e.name])).toEqual([
      ['hair', '美发'],
      ['nail', '美甲'],
    ]);
    // The live feed, not the summary read at start, says whether an event is final.
    expect(out[0]).toMatchObject({ final: false, frozen: true, competing: 2, complete: 1, decimals: 1 });
  });

  it('works before the summary has loaded', () => {
    expect(boardEvents(feed, null).map((e) => [e.key, e.name])).toEqual([
      ['nail', '美甲'],
      ['hair', 'hair'],
    ]);
  });

  it('restricts and orders by the events parameter', () => {
    const all = boardEvents(feed, null);
    expect(selectEvents(all, ['hair', 'beauty', 'nail']).map((e) => e.key)).toEqual(['hair', 'nail']);
    expect(selectEvents(all, null)).toHaveLength(2);
  });

  it('maps bibs to names across events', () => {
    expect(namesByBib(feed).get('A2')).toBe('选手A2');
  });
});
