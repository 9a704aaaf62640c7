import { describe, expect, it } from 'vitest';
import { progressFixture } from '../testing/fake-chief-server';
import {
  alertKey,
  alertSignature,
  alertsByStation,
  incompleteStations,
  judgeCounts,
  leanOf,
  readPoints,
  reasonIssue,
  signed,
  stationCount,
  stationFilter,
} from './desk-view';

describe('progress counts', () => {
  const p = progressFixture();

  it('counts a station’s submitted sheets over its judges', () => {
    expect(stationCount(p.stations[0])).toEqual({ done: 5, of: 5 });
    expect(stationCount(p.stations[1])).toEqual({ done: 3, of: 5 });
  });

  it('counts each judge over competing entries only', () => {
    const c = judgeCounts(p);
    expect(c.get('J1')).toEqual({ done: 2, of: 2 });
    expect(c.get('J2')).toEqual({ done: 1, of: 2 });
    expect(c.get('J4')).toEqual({ done: 1, of: 2 });
    const sum = [...c.values()].reduce((s, x) => ({ done: s.done + x.done, of: s.of + x.of }), { done: 0, of: 0 });
    expect(sum).toEqual({ done: p.submitted, of: p.expected });
  });
});

describe('incompleteStations', () => {
  it('lists competing entries that are not complete with the judges they wait for', () => {
    expect(incompleteStations(progressFixture())).toEqual([
      {
        station: '08',
        waiting: [
          { judge: 'J2', state: 'open' },
          { judge: 'J4', state: 'missing' },
        ],
      },
    ]);
  });

  it('is empty when every competing entry is complete, whatever the others are', () => {
    const p = progressFixture();
    p.stations[1] = { ...p.stations[1], status: 'disqualified' };
    expect(incompleteStations(p)).toEqual([]);
  });

  it('orders stations by number', () => {
    const p = progressFixture();
    const row = p.stations[1];
    p.stations = [{ ...row, station: '10' }, { ...row, station: '9' }, { ...row, station: '100' }];
    expect(incompleteStations(p).map((i) => i.station)).toEqual(['9', '10', '100']);
  });
});

describe('alerts', () => {
  const a = progressFixture().alerts[0];

  it('keys an alert by station and criterion', () => {
    expect(alertKey(a)).toBe(alertKey({ station: '08', criterion: 'design' }));
    expect(alertKey(a)).not.toBe(alertKey({ ...a, criterion: 'finish' }));
  });

  it('signs an alert by its values, in any order', () => {
    expect(alertSignature({ ...a, values: [...a.values].reverse() })).toBe(alertSignature(a));
    expect(alertSignature({ ...a, values: [...a.values, { judge: 'J2', value: 29 }] })).not.toBe(alertSignature(a));
  });

  it('groups alerts by station', () => {
    const m = alertsByStation([a, { ...a, criterion: 'finish' }, { ...a, station: '07' }]);
    expect(m.get('08')).toHaveLength(2);
    expect(m.get('07')).toHaveLength(1);
  });
});

describe('judge deviation', () => {
  it('calls half a point or more below the panel harsh, above it lenient', () => {
    expect(leanOf(-0.5)).toBe('harsh');
    expect(leanOf(-0.49)).toBe('even');
    expect(leanOf(0)).toBe('even');
    expect(leanOf(0.49)).toBe('even');
    expect(leanOf(0.5)).toBe('lenient');
    expect(leanOf(2.25)).toBe('lenient');
  });

  it('writes the sign', () => {
    expect(signed(1.25)).toBe('+1.25');
    expect(signed(-0.8)).toBe('−0.8');
    expect(signed(0)).toBe('0');
  });
});

describe('stationFilter', () => {
  const p = progressFixture();
  const pick = (f: Parameters<typeof stationFilter>[0]) => p.stations.filter(stationFilter(f, new Set(['08']))).map((r) => r.station);

  it('filters the matrix rows', () => {
    expect(pick('all')).toEqual(['07', '08', '09']);
    expect(pick('incomplete')).toEqual(['08']);
    expect(pick('alerts')).toEqual(['08']);
    expect(pick('notCompeting')).toEqual(['09']);
  });
});

describe('readPoints', () => {
  it.each([
    ['1.5', 1.5],
    ['２', 2],
    ['0。5', 0.5],
    ['0,25', 0.25],
    [' 3 ', 3],
  ])('reads %j', (text, value) => {
    expect(readPoints(text)).toEqual({ value, issue: null });
  });

  it.each([
    ['', 'empty'],
    ['abc', 'notNumber'],
    ['-1', 'notNumber'],
    ['1.255', 'decimals'],
    ['0', 'notPositive'],
    ['0.00', 'notPositive'],
  ])('refuses %j (%s)', (text, issue) => {
    expect(readPoints(text)).toEqual({ value: null, issue });
  });
});

describe('reasonIssue', () => {
  it('wants a reason of at most 500 characters', () => {
    expect(reasonIssue('   ')).toBe('empty');
    expect(reasonIssue('超时')).toBeNull();
    expect(reasonIssue('字'.repeat(500))).toBeNull();
    expect(reasonIssue('字'.repeat(501))).toBe('tooLong');
  });
});
