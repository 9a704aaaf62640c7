import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRowChanges, comparePublicRows } from '../contracts/compact-feed';
import type { StandingsRow } from '../contracts/standings';
import { compactChanges } from './compact-changes';

function row(bib: string, rank: number | null, total: number, award: string | null = null, extra: Partial<StandingsRow> = {}): StandingsRow {
  return { rank, bib, name: `选手${bib}`, organization: '广安市总工会', station: null, total, parts: { design: total }, deductions: 0, complete: true, status: rank === null ? 'absent' : 'competing', award, ...extra };
}

const ordered = (rows: StandingsRow[]) => [...rows].sort(comparePublicRows);

describe('compactChanges', () => {
  it('describes "everyone below moved down one" as one shift and the new mark as one row', () => {
    const before = ordered(Array.from({ length: 300 }, (_, i) => row(`A${String(i + 1).padStart(3, '0')}`, i + 1, 300 - i)));
    const after = ordered(before.map((r) => (r.bib === 'A250' ? { ...r, total: 295.5, rank: 6 } : r.rank! >= 6 && r.rank! < 250 ? { ...r, rank: r.rank! + 1 } : r)));
    const c = compactChanges(before, after);
    expect(c.rows.map((r) => r.bib)).toEqual(['A250']);
    expect(c.shifts).toEqual([[6, 249, 1]]);
    expect(c.moves).toBeUndefined();
    expect(applyRowChanges(before, c)).toEqual(after);
    expect(JSON.stringify(c).length).toBeLessThan(400);
  });

  it('names an award change as a move with the award, a lone rank change as a move', () => {
    const before = [row('A1', 1, 90, '一等奖'), row('A2', 2, 80, '二等奖'), row('A3', 3, 70)];
    const after = ordered([row('A1', 1, 90, '一等奖'), row('A2', 2, 80, null), row('A3', 3, 70)]);
    const c = compactChanges(before, after);
    expect(c).toEqual({ rows: [], moves: [['A2', 2, null]] });
    expect(applyRowChanges(before, c)).toEqual(after);
  });

  it('sends a row whole when anything but rank and award changed, the station included (finalize)', () => {
    const before = [row('A1', 1, 90)];
    const after = [{ ...row('A1', 1, 90), station: '07' }];
    expect(compactChanges(before, after)).toEqual({ rows: after });
  });

  it('sends new entries whole and names removed ones', () => {
    const before = [row('A1', 1, 90), row('A2', 2, 80)];
    const after = ordered([row('A1', 1, 90), row('A3', 2, 85), { ...row('A2', 3, 80) }]);
    const c = compactChanges([...before, row('A9', null, 0)], after);
    expect(c.removed).toEqual(['A9']);
    expect(c.rows.map((r) => r.bib)).toEqual(['A3']);
    expect(applyRowChanges([...before, row('A9', null, 0)], c)).toEqual(after);
  });

  it('says nothing when nothing changed', () => {
    const rows = [row('A1', 1, 90), row('A2', null, 0)];
    expect(compactChanges(rows, rows.map((r) => ({ ...r })))).toEqual({ rows: [] });
  });

  it('applying the description to the rows before gives exactly the rows after (random boards)', () => {
    const awards = [null, '一等奖', '二等奖', '三等奖'];
    const entry = fc.record({
      rank: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null, freq: 6 }),
      total: fc.integer({ min: 0, max: 100 }),
      award: fc.constantFrom(...awards),
      lifted: fc.boolean(),
    });
    const board = fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 60 }), entry), { selector: ([b]) => b, maxLength: 40 });
    fc.assert(
      fc.property(board, board, (a, b) => {
        const toRows = (list: typeof a) =>
          ordered(list.map(([n, e]) => row(`B${n}`, e.rank, e.total, e.rank === null ? null : e.award, e.lifted ? { liftedByTie: true } : {})));
        // the second board mostly keeps the first one's entries, with their own results, moved
        const before = toRows(a);
        const mixed = b.map(([n, e], i) => (i % 3 === 0 || !a[i] ? [n, e] : [a[i][0], { ...e, total: a[i][1].total, lifted: a[i][1].lifted }]) as (typeof a)[number]);
        const after = toRows([...new Map(mixed.map((x) => [x[0], x])).values()]);
        const c = compactChanges(before, after);
        expect(applyRowChanges(before, c)).toEqual(after);
      }),
      { numRuns: 2000 },
    );
  });
});
