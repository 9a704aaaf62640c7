import { describe, expect, it } from 'vitest';
import { row } from '../../test/rows';
import { lowerThird } from './lower-third';

const rows = [row('A002', 1, 90), row('A001', 2, 85), row('A003', null, 0, { status: 'disqualified' })];

describe('lower third', () => {
  it('shows the entry just marked while the hold lasts, then the leader', () => {
    const latest = { event: 'hair', bib: 'A001', at: 1000, fromRank: 3, toRank: 2, kind: 'score' as const };
    expect(lowerThird(rows, latest, 5000, 12_000)).toEqual({ row: rows[1], reason: 'latest' });
    expect(lowerThird(rows, latest, 13_000, 12_000)).toEqual({ row: rows[0], reason: 'leader' });
  });

  it('never captions an unranked entry, and shows nothing before any result', () => {
    const latest = { event: 'hair', bib: 'A003', at: 1000, fromRank: null, toRank: null, kind: 'score' as const };
    expect(lowerThird(rows, latest, 2000, 12_000)?.reason).toBe('leader');
    expect(lowerThird([], undefined, 0, 12_000)).toBeNull();
  });
});
