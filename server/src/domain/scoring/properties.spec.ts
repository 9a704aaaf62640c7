import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateValues } from './aggregate';
import { toHundredths } from './decimal';
import { computeEntry } from './entry';
import { compareForRank, rankEntries } from './ranking';
import { ratio, type Ratio } from './ratio';
import { computeStandings } from './standings';
import type { AggregateMethod, AwardTier, Criterion, EntryInput, EntryResult, Scheme, TieBreak } from './types';

const METHODS: AggregateMethod[] = ['mean', 'trimmed', 'median'];

/** Any scheme the engine may meet, panels of 1 to 7 judges who all mark every criterion. */
const schemeArb = fc
  .record({
    precision: fc.integer({ min: 0, max: 4 }),
    over: fc.constantFrom('criterion' as const, 'total' as const),
    method: fc.constantFrom(...METHODS),
    trim: fc.integer({ min: 0, max: 2 }),
    judgeCount: fc.integer({ min: 1, max: 7 }),
    criteria: fc.array(
      fc.record({
        kind: fc.constantFrom('judged' as const, 'judged' as const, 'measured' as const),
        steps: fc.integer({ min: 1, max: 80 }),
        step: fc.constantFrom(1, 5, 10, 25, 50, 100),
        weight: fc.constantFrom(30, 33, 50, 70, 100, 150, 200),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ criteria, judgeCount, method, trim, ...rest }) => {
    const judges = Array.from({ length: judgeCount }, (_, i) => `J${i + 1}`);
    const cs: Criterion[] = criteria.map((c, i) => ({
      key: `c${i}`,
      kind: c.kind,
      max: c.steps * c.step,
      step: c.step,
      weight: c.weight,
      tolerance: null,
    }));
    const tieBreak: TieBreak[] = [{ kind: 'criterion', key: 'c0', order: 'desc' }, { kind: 'fewerDeductions' }];
    const scheme: Scheme = {
      ...rest,
      method,
      trim: method === 'trimmed' ? trim : 0,
      criteria: cs,
      tieBreak,
      awards: [],
      assignments: Object.fromEntries(cs.map((c) => [c.key, judges])),
    };
    return scheme;
  });

/** An entry of the scheme: each judge may have submitted or not; marks are multiples of the step. */
function entryArb(scheme: Scheme, station: string): fc.Arbitrary<EntryInput> {
  const judges = scheme.assignments.c0;
  const sheetArb = (judge: string) =>
    fc.record(
      Object.fromEntries(scheme.criteria.map((c) => [c.key, fc.integer({ min: 0, max: c.max / c.step }).map((k) => k * c.step)])),
    ).map((scores) => ({ judge, scores }));
  return fc.record({
    submitted: fc.subarray([...judges]),
    sheets: fc.tuple(...judges.map(sheetArb)),
    deductions: fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 3 }),
    status: fc.constantFrom('competing' as const, 'competing' as const, 'competing' as const, 'absent' as const, 'disqualified' as const),
  }).map(({ submitted, sheets, deductions, status }) => ({
    bib: `B${station}`,
    station,
    status,
    sheets: sheets.filter((s) => submitted.includes(s.judge)),
    deductions,
  }));
}

const schemeWithEntries = schemeArb.chain((scheme) =>
  fc
    .integer({ min: 1, max: 12 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => entryArb(scheme, String(i + 1).padStart(2, '0')))))
    .map((entries) => ({ scheme, entries })),
);

/** A permutation of 0..n−1. */
const permutationArb = (n: number) =>
  fc.array(fc.double({ noNaN: true }), { minLength: n, maxLength: n }).map((keys) => keys.map((k, i) => [k, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i));

function permute<T>(items: readonly T[], order: readonly number[]): T[] {
  return order.map((i) => items[i]);
}

describe('properties of the scoring engine', () => {
  it('the order of the judges never matters', () => {
    fc.assert(
      fc.property(
        schemeArb.chain((scheme) =>
          fc.record({
            scheme: fc.constant(scheme),
            entry: entryArb(scheme, '01'),
            order: permutationArb(scheme.assignments.c0.length),
          }),
        ),
        ({ scheme, entry, order }) => {
          const judges = scheme.assignments.c0;
          const reordered: Scheme = {
            ...scheme,
            assignments: Object.fromEntries(scheme.criteria.map((c) => [c.key, permute(judges, order)])),
          };
          const sheetOrder = order.filter((i) => i < entry.sheets.length);
          const shuffled: EntryInput = { ...entry, sheets: permute(entry.sheets, sheetOrder) };
          expect(computeEntry(reordered, shuffled)).toEqual(computeEntry(scheme, entry));
        },
      ),
    );
  });

  it('the parts add up to the total (before the floor at 0), each rounded at the event’s precision', () => {
    fc.assert(
      fc.property(schemeArb.chain((scheme) => fc.tuple(fc.constant(scheme), entryArb(scheme, '01'))), ([scheme, entry]) => {
        const r = computeEntry(scheme, entry);
        const sum = Object.values(r.parts).reduce((a, b) => a + b, 0);
        expect(r.total).toBe(Math.max(0, sum - r.deductions));
        expect(r.deductions).toBe(entry.deductions.reduce((a, b) => a + b, 0) * 100);
        const grain = 10 ** (4 - scheme.precision);
        for (const part of Object.values(r.parts)) expect(part % grain).toBe(0);
        const expectedKeys = scheme.over === 'total' ? ['panel', ...scheme.criteria.filter((c) => c.kind === 'measured').map((c) => c.key)] : scheme.criteria.map((c) => c.key);
        expect(Object.keys(r.parts)).toEqual(expectedKeys);
      }),
    );
  });

  it('a higher total never ranks lower, and ranks are standard competition ranks', () => {
    fc.assert(
      fc.property(schemeWithEntries, ({ scheme, entries }) => {
        const { rows } = computeStandings(scheme, entries);
        const competing = rows.filter((r) => r.status === 'competing');
        const others = rows.filter((r) => r.status !== 'competing');
        expect(rows.slice(0, competing.length)).toEqual(competing); // competing first
        for (const r of others) expect([r.rank, r.award]).toEqual([null, null]);
        for (const a of competing) {
          for (const b of competing) {
            if (a.total > b.total) expect(a.rank!).toBeLessThan(b.rank!);
          }
          const ahead = competing.filter((b) => compareForRank(scheme, b, a) < 0).length;
          expect(a.rank).toBe(ahead + 1);
        }
        competing.forEach((r, i) => {
          if (i > 0) expect(compareForRank(scheme, competing[i - 1], r)).toBeLessThanOrEqual(0);
        });
      }),
    );
  });

  it('ranks by totals alone are 1 + the number of higher totals', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 30 }), (totals) => {
        const scheme = plainScheme([]);
        const { rows } = rankEntries(scheme, totals.map((t, i) => result(i, t * 10_000, [])));
        for (const r of rows) expect(r.rank).toBe(1 + totals.filter((t) => t * 10_000 > r.total).length);
      }),
    );
  });

  it('awards respect the cut-offs, except that ties across a cut-off lift every tied entry', () => {
    const tierArb = fc.oneof(
      fc.integer({ min: 1, max: 40 }).map((pct) => ({ share: ratio(pct, 100), count: null })),
      fc.integer({ min: 1, max: 5 }).map((count) => ({ share: null, count })),
    );
    fc.assert(
      fc.property(
        fc.array(tierArb, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.option(fc.integer({ min: 0, max: 2 }))), { minLength: 1, maxLength: 30 }),
        (tiers, entries) => {
          const awards: AwardTier[] = tiers.map((t, i) => ({ name: `T${i + 1}`, minTotal: null, ...t }));
          const scheme = plainScheme(awards);
          const { rows, cutoffs } = rankEntries(
            scheme,
            entries.map(([t, tie], i) => result(i, t * 10_000, [tie === null ? null : ratio(tie)])),
          );
          const tierOf = (award: string | null) => (award === null ? Infinity : Number(award.slice(1)) - 1);
          expect(rows.map((r) => tierOf(r.award))).toEqual([...rows.map((r) => tierOf(r.award))].sort((a, b) => a - b));
          cutoffs.forEach((c, i) => {
            const inTiers = rows.filter((r) => tierOf(r.award) <= i);
            expect(inTiers.length).toBe(rows.filter((r) => r.rank! <= c).length);
            inTiers.forEach((r, position) => {
              expect(r.liftedByTie).toBe(position + 1 > cutoffs[tierOf(r.award)]);
              if (position + 1 > c) expect(r.rank).toBeLessThanOrEqual(c);
            });
          });
          const distinct = new Set(rows.map((r) => `${r.total}/${JSON.stringify(r.tieValues)}`)).size === rows.length;
          if (distinct) {
            cutoffs.forEach((c, i) => expect(rows.filter((r) => tierOf(r.award) <= i).length).toBe(Math.min(c, rows.length)));
            expect(rows.some((r) => r.liftedByTie)).toBe(false);
          }
        },
      ),
    );
  });

  it('a mark with two decimals reads exactly, one with three or four never does, up to the largest max', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 99 }), (h, extra) => {
        expect(toHundredths(h / 100)).toBe(h);
        if (h < 10_000_000) {
          expect(toHundredths((h * 100 + extra) / 10_000)).toBeNull();
          if (extra < 10) expect(toHundredths((h * 10 + extra) / 1_000)).toBeNull();
        }
      }),
    );
  });

  it('trimming k = 0 is the plain mean', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 9 }), (values) => {
        expect(aggregateValues(values, 'trimmed', 0, 100)).toEqual(aggregateValues(values, 'mean', 0, 100));
      }),
    );
  });

  it('the mean times n is exactly the sum', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 9 }), (values) => {
        const { value } = aggregateValues(values, 'mean', 0, 100)!;
        const sum = values.reduce((a, b) => a + b, 0);
        expect(value.num * values.length * 100).toBe(sum * value.den);
      }),
    );
  });

  it('the median, or any aggregate, of a single value is that value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(...METHODS), fc.integer({ min: 0, max: 3 }), (v, method, trim) => {
        expect(aggregateValues([v], method, trim, 100)!.value).toEqual(ratio(v, 100));
      }),
    );
  });

  it('every aggregate lies between the lowest and the highest value, whatever the order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 9 }),
        fc.constantFrom(...METHODS),
        fc.integer({ min: 0, max: 3 }),
        (values, method, trim) => {
          const { value } = aggregateValues(values, method, trim, 1)!;
          expect(value.num).toBeGreaterThanOrEqual(Math.min(...values) * value.den);
          expect(value.num).toBeLessThanOrEqual(Math.max(...values) * value.den);
          expect(aggregateValues([...values].reverse(), method, trim, 1)).toEqual(aggregateValues(values, method, trim, 1));
        },
      ),
    );
  });
});

function plainScheme(awards: AwardTier[]): Scheme {
  return {
    precision: 2,
    criteria: [{ key: 'a', kind: 'judged', max: 10_000, step: 1, weight: 100, tolerance: null }],
    over: 'criterion',
    method: 'mean',
    trim: 0,
    tieBreak: [{ kind: 'criterion', key: 'a', order: 'desc' }],
    awards,
    assignments: { a: ['J1'] },
  };
}

function result(i: number, total: number, tieValues: (Ratio | null)[]): EntryResult {
  return {
    bib: `B${i}`,
    station: String(i + 1),
    status: 'competing',
    parts: { a: total },
    total,
    deductions: 0,
    complete: true,
    trimFallback: false,
    tieValues,
  };
}
