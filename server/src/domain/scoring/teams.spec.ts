import { describe, expect, it } from 'vitest';
import { computeTeams, type TeamEventInput } from './teams';

type Member = [bib: string, organization: string, total: number, rank?: number | null];

function event(key: string, members: Member[]): TeamEventInput {
  return {
    event: key,
    rows: members.map(([bib, organization, total, rank]) => ({
      bib,
      organization,
      total: Math.round(total * 10_000),
      rank: rank === undefined ? 1 : rank,
    })),
  };
}

const pts = (u: number) => u / 10_000;

function table(events: TeamEventInput[], size: number) {
  return computeTeams(events, size).map((t) => [t.rank, t.organization, pts(t.total), t.full]);
}

describe('team score in one event', () => {
  it('is the sum of the best `size` totals of the ranked members', () => {
    const rows = computeTeams(
      [
        event('hair', [
          ['A1', '广安市总工会', 80],
          ['A2', '广安市总工会', 88.34],
          ['A3', '广安市总工会', 85.1],
          ['A4', '广安市总工会', 83],
        ]),
      ],
      3,
    );
    expect(rows).toHaveLength(1);
    expect(pts(rows[0].total)).toBe(256.44); // 88.34 + 85.1 + 83
    expect(rows[0].members).toEqual(['A2', 'A3', 'A4']);
    expect(rows[0].events).toEqual({ hair: 2_564_400 });
    expect(rows[0].full).toBe(true);
    expect(pts(rows[0].best)).toBe(88.34);
  });

  it('leaves out members who are not ranked (absent, withdrawn, disqualified)', () => {
    const rows = computeTeams(
      [
        event('hair', [
          ['A1', '广安市总工会', 99, null],
          ['A2', '广安市总工会', 80],
          ['A3', '广安市总工会', 70],
        ]),
      ],
      2,
    );
    expect(pts(rows[0].total)).toBe(150);
    expect(rows[0].members).toEqual(['A2', 'A3']);
  });

  it('adds the published totals exactly (0.1 + 0.2 = 0.3)', () => {
    const rows = computeTeams([event('fin', [['F1', '财务', 0.1], ['F2', '财务', 0.2]])], 2);
    expect(pts(rows[0].total)).toBe(0.3);
  });

  it('does not list an organization without ranked members', () => {
    const rows = computeTeams([event('hair', [['A1', '广安市总工会', 90], ['B1', '达州市总工会', 99, null]])], 1);
    expect(rows.map((r) => r.organization)).toEqual(['广安市总工会']);
  });
});

describe('team score across events', () => {
  const hair = event('hair', [
    ['A1', '广安', 90],
    ['A2', '广安', 80],
    ['B1', '达州', 85],
    ['B2', '达州', 84],
  ]);
  const nails = event('nails', [
    ['A3', '广安', 70],
    ['A4', '广安', 60],
    ['B3', '达州', 75],
    ['B4', '达州', 74],
  ]);

  it('is the sum of the event team scores', () => {
    const rows = computeTeams([hair, nails], 2);
    expect(rows.map((r) => [r.organization, pts(r.total), r.events])).toEqual([
      ['达州', 318, { hair: 1_690_000, nails: 1_490_000 }],
      ['广安', 300, { hair: 1_700_000, nails: 1_300_000 }],
    ]);
    expect(rows[0].members).toEqual(['B1', 'B2', 'B3', 'B4']);
  });

  it('lists each member once, even when counted in two events', () => {
    const rows = computeTeams([event('hair', [['A1', '广安', 90]]), event('nails', [['A1', '广安', 80]])], 1);
    expect(rows[0].members).toEqual(['A1']);
    expect(pts(rows[0].total)).toBe(170);
  });

  it('lists an organization with ranked members in only one event, as a short team', () => {
    const rows = computeTeams([hair, event('nails', [['A3', '广安', 70], ['A4', '广安', 60]])], 2);
    expect(rows.map((r) => [r.rank, r.organization, pts(r.total), r.full, r.events.nails])).toEqual([
      [1, '广安', 300, true, 1_300_000],
      [2, '达州', 169, false, 0],
    ]);
  });
});

describe('team ranking', () => {
  it('ranks short teams after full ones, whatever their score, and numbering goes on', () => {
    const ev = event('hair', [
      ['A1', '广安', 99],
      ['A2', '广安', 98],
      ['B1', '达州', 70],
      ['B2', '达州', 70],
      ['B3', '达州', 70],
      ['C1', '遂宁', 60],
      ['C2', '遂宁', 60],
      ['C3', '遂宁', 60],
      ['D1', '南充', 90],
    ]);
    expect(table([ev], 3)).toEqual([
      [1, '达州', 210, true],
      [2, '遂宁', 180, true],
      [3, '广安', 197, false],
      [4, '南充', 90, false],
    ]);
  });

  it('is short when it lacks members in any one counted event', () => {
    const rows = computeTeams(
      [
        event('hair', [['A1', '广安', 90], ['A2', '广安', 90]]),
        event('nails', [['A3', '广安', 90]]),
      ],
      2,
    );
    expect(rows[0].full).toBe(false);
  });

  it('breaks a tie on score with the higher best single total', () => {
    // 达州 comes before 广安 by name; the best single total puts 广安 first
    const ev = event('hair', [
      ['B1', '达州', 88.34],
      ['B2', '达州', 85.1],
      ['B3', '达州', 83],
      ['A1', '广安', 90],
      ['A2', '广安', 86.5],
      ['A3', '广安', 79.94],
    ]);
    expect(table([ev], 3)).toEqual([
      [1, '广安', 256.44, true],
      [2, '达州', 256.44, true],
    ]);
  });

  it('shares the rank when score and best single total are equal, and skips the next', () => {
    const ev = event('hair', [
      ['A1', '广安', 90],
      ['A2', '广安', 80],
      ['B1', '达州', 90],
      ['B2', '达州', 80],
      ['C1', '遂宁', 50],
      ['C2', '遂宁', 50],
    ]);
    expect(computeTeams([ev], 2).map((t) => t.rank)).toEqual([1, 1, 3]);
  });

  it('does not share a rank between a full and a short team, even with equal score and best single total', () => {
    const ev = event('hair', [
      ['A1', '广安', 90],
      ['A2', '广安', 45],
      ['A3', '广安', 45],
      ['B1', '达州', 90],
      ['B2', '达州', 90],
    ]);
    expect(table([ev], 3)).toEqual([
      [1, '广安', 180, true],
      [2, '达州', 180, false],
    ]);
  });
});
