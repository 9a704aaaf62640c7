import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { panelContest, soloContest, type SoloEntry } from '../support/contests';
import { putSheet } from '../support/sheets';
import { client, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/** Contract §3: public standings (shape, order, shared ranks, awards) and team results. */
const A = '广安市总工会';
const B = '北碚区总工会';
const C = '绵阳市总工会';

/** bib, organization, total (one judge, so the mark is the total); R11 is absent */
const FIELD: [string, string, number | null][] = [
  ['R01', A, 95],
  ['R02', B, 90],
  ['R03', A, 85],
  ['R04', B, 85],
  ['R05', C, 70],
  ['R06', A, 60],
  ['R07', B, 60],
  ['R08', A, 40],
  ['R09', C, 30],
  ['R10', B, 20],
  ['R11', C, null],
];
const entries: SoloEntry[] = FIELD.map(([bib, organization], i) => ({ bib, organization, station: String(i + 1).padStart(2, '0') }));

let t: TestApp;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  const org = await organizerToken(t.base);
  expect((await api('POST', '/api/contests', soloContest('RANKS', entries), org)).status).toBe(201);
  const judge = await judgeToken(t.base, 'RANKS', '300001');
  const chief = await judgeToken(t.base, 'RANKS', '300002');
  for (const [i, [, , total]] of FIELD.entries()) {
    if (total === null) continue;
    expect((await putSheet(api, judge, 'RANKS', 'solo', entries[i].station, { score: total })).status).toBe(200);
  }
  expect((await api('POST', '/api/contests/RANKS/events/solo/entries/11/status', { status: 'absent' }, chief)).status).toBeLessThan(300);

  const tie = soloContest('TIEBREAK', [
    { bib: 'X', organization: A, station: '1' },
    { bib: 'Y', organization: A, station: '2' },
    { bib: 'Z', organization: B, station: '3' },
    { bib: 'W', organization: B, station: '4' },
  ], 310001);
  tie.events![0].criteria = [
    { key: 'a', name: '甲项', kind: 'judged', max: 10, step: 0.5 },
    { key: 'b', name: '乙项', kind: 'judged', max: 10, step: 0.5 },
  ];
  tie.events![0].tieBreak = [{ criterion: 'a' }];
  expect((await api('POST', '/api/contests', tie, org)).status).toBe(201);
  const tj = await judgeToken(t.base, 'TIEBREAK', '310001');
  const marks: Record<string, { a: number; b: number }> = { '1': { a: 6, b: 4 }, '2': { a: 4, b: 6 }, '3': { a: 5, b: 5 }, '4': { a: 4, b: 6 } };
  for (const [station, scores] of Object.entries(marks)) expect((await putSheet(api, tj, 'TIEBREAK', 'solo', station, scores)).status).toBe(200);
});
afterAll(() => t.close());

describe('GET /api/contests/:code/events/:event/standings', () => {
  it('answers without a login with { contest, event, seq, final, frozen, rows }', async () => {
    const r = await api('GET', '/api/contests/RANKS/events/solo/standings');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ contest: 'RANKS', event: 'solo', final: false, frozen: false });
    expect(Number.isInteger(r.body.seq)).toBe(true);
    expect(r.body.rows).toHaveLength(11);
    expect(r.body.rows[0]).toEqual(
      expect.objectContaining({
        rank: 1,
        bib: 'R01',
        name: '选手1',
        organization: A,
        // no public row ties a station to a name until the event is final
        station: null,
        total: 95,
        parts: { score: 95 },
        deductions: 0,
        complete: true,
        status: 'competing',
        award: '一等奖',
      }),
    );
  });

  it('lists rows in rank order with shared ranks that skip (1, 2, 3, 3, 5, 6, 6, 8 …), unranked entries last', async () => {
    const { rows } = (await api('GET', '/api/contests/RANKS/events/solo/standings')).body;
    expect(rows.map((r: { rank: number | null }) => r.rank)).toEqual([1, 2, 3, 3, 5, 6, 6, 8, 9, 10, null]);
    expect(rows.map((r: { total: number }) => r.total)).toEqual([95, 90, 85, 85, 70, 60, 60, 40, 30, 20, 0]);
    expect(rows[10]).toMatchObject({ bib: 'R11', status: 'absent', rank: null, award: null });
    expect(new Set([rows[2].bib, rows[3].bib])).toEqual(new Set(['R03', 'R04']));
  });

  it('gives awards by cumulative share of the ranked entries; a tie at a cut-off lifts every tied entry', async () => {
    const { rows } = (await api('GET', '/api/contests/RANKS/events/solo/standings')).body;
    const award = Object.fromEntries(rows.map((r: { bib: string; award: string | null }) => [r.bib, r.award]));
    // 10 ranked: cut-offs round(10 × 0.1) = 1, round(10 × 0.3) = 3, round(10 × 0.6) = 6
    expect(award).toEqual({
      R01: '一等奖',
      R02: '二等奖',
      R03: '二等奖',
      R04: '二等奖',
      R05: '三等奖',
      R06: '三等奖',
      R07: '三等奖',
      R08: null,
      R09: null,
      R10: null,
      R11: null,
    });
  });

  it('breaks equal totals with the event’s tie-break list; entries still equal share a rank', async () => {
    const r = await api('GET', '/api/contests/TIEBREAK/events/solo/standings');
    expect(r.status).toBe(200);
    expect(r.body.rows.map((x: { bib: string; rank: number; total: number }) => [x.rank, x.total])).toEqual([
      [1, 10],
      [2, 10],
      [3, 10],
      [3, 10],
    ]);
    expect(r.body.rows.slice(0, 2).map((x: { bib: string }) => x.bib)).toEqual(['X', 'Z']);
    expect(new Set(r.body.rows.slice(2).map((x: { bib: string }) => x.bib))).toEqual(new Set(['Y', 'W']));
  });

  it('marks incomplete entries and still lists them', async () => {
    const file = soloContest('INCOMPLETE', [{ bib: 'N1', organization: A, station: '1' }, { bib: 'N2', organization: B, station: '2' }], 320001);
    const org = await organizerToken(t.base);
    expect((await api('POST', '/api/contests', file, org)).status).toBe(201);
    const j = await judgeToken(t.base, 'INCOMPLETE', '320001');
    await putSheet(api, j, 'INCOMPLETE', 'solo', '2', { score: 50 });
    const { rows } = (await api('GET', '/api/contests/INCOMPLETE/events/solo/standings')).body;
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ bib: 'N2', complete: true, total: 50, rank: 1 });
    expect(rows[1]).toMatchObject({ bib: 'N1', complete: false, status: 'competing' });
  });

  it('gives numbers already rounded to the event’s precision', async () => {
    const org = await organizerToken(t.base);
    const file = panelContest('PRECISION', { judges: 3, stations: 1 });
    file.events![0].precision = 1;
    expect((await api('POST', '/api/contests', file, org)).status).toBe(201);
    for (const [i, score] of [10, 10, 10.5].entries()) {
      const j = await judgeToken(t.base, 'PRECISION', String(200001 + i));
      expect((await putSheet(api, j, 'PRECISION', 'e1', '01', { score })).status).toBe(200);
    }
    const { rows } = (await api('GET', '/api/contests/PRECISION/events/e1/standings')).body;
    // mean 10.1666… → 10.2 at one decimal
    expect(rows[0]).toMatchObject({ total: 10.2, parts: { score: 10.2 }, complete: true });
  });

  it('404 JSON for an unknown contest or event', async () => {
    const c = await api('GET', '/api/contests/NOPE/events/solo/standings');
    expect(c.status).toBe(404);
    expect(c.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    const e = await api('GET', '/api/contests/RANKS/events/nails/standings');
    expect(e.status).toBe(404);
    expect(e.body.message).toContain('nails');
  });
});

describe('GET /api/contests/:code/teams', () => {
  it('answers { rows: [{ rank, organization, total, members }] }: best three ranked totals, full teams first', async () => {
    const r = await api('GET', '/api/contests/RANKS/teams');
    expect(r.status).toBe(200);
    expect(r.body.rows).toHaveLength(3);
    const [first, second, third] = r.body.rows;
    expect(first).toMatchObject({ rank: 1, organization: A, total: 240 });
    expect(second).toMatchObject({ rank: 2, organization: B, total: 235 });
    // C has two ranked members (R11 is absent): not a full team
    expect(third).toMatchObject({ rank: 3, organization: C, total: 100 });
    expect([...first.members].sort()).toEqual(['R01', 'R03', 'R06']);
    expect([...second.members].sort()).toEqual(['R02', 'R04', 'R07']);
    expect([...third.members].sort()).toEqual(['R05', 'R09']);
  });

  it('ranks a short team after full ones even with a higher total', async () => {
    const file = soloContest('SHORT', [
      { bib: 'S1', organization: A, station: '1' },
      { bib: 'S2', organization: A, station: '2' },
      { bib: 'S3', organization: B, station: '3' },
      { bib: 'S4', organization: B, station: '4' },
      { bib: 'S5', organization: B, station: '5' },
    ], 330001);
    const org = await organizerToken(t.base);
    expect((await api('POST', '/api/contests', file, org)).status).toBe(201);
    const j = await judgeToken(t.base, 'SHORT', '330001');
    const marks = { '1': 100, '2': 100, '3': 10, '4': 10, '5': 10 };
    for (const [station, score] of Object.entries(marks)) await putSheet(api, j, 'SHORT', 'solo', station, { score });
    const { rows } = (await api('GET', '/api/contests/SHORT/teams')).body;
    expect(rows.map((x: { rank: number; organization: string; total: number }) => [x.rank, x.organization, x.total])).toEqual([
      [1, B, 30],
      [2, A, 200],
    ]);
  });

  it('404 for an unknown contest', async () => {
    expect((await api('GET', '/api/contests/NOPE/teams')).status).toBe(404);
  });
});

describe('GET /api/contests/:code', () => {
  it('gives each event `last`, the feed seq of its latest message, so a phone can open on the event being marked', async () => {
    await t.settle();
    const marked = (await api('GET', '/api/contests/RANKS')).body as { events: { key: string; last: number }[] };
    expect(marked.events).toEqual([expect.objectContaining({ key: 'solo', last: expect.any(Number) })]);
    expect(marked.events[0].last).toBeGreaterThan(0);
    const org = await organizerToken(t.base);
    expect((await api('POST', '/api/contests', soloContest('QUIET', [{ bib: 'Q', organization: A, station: '1' }], 320001), org)).status).toBe(201);
    const quiet = (await api('GET', '/api/contests/QUIET')).body as { events: { last: number }[] };
    expect(quiet.events.map((e) => e.last)).toEqual([0]);
    // its first sheet moves `last` on
    const j = await judgeToken(t.base, 'QUIET', '320001');
    expect((await putSheet(api, j, 'QUIET', 'solo', '1', { score: 50 })).status).toBe(200);
    await t.settle();
    const after = (await api('GET', '/api/contests/QUIET')).body as { events: { last: number }[] };
    expect(after.events[0].last).toBeGreaterThan(0);
  });
});
