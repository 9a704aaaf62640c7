import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChiefProgress } from '../../src/contracts/chief';
import { putSheet } from '../support/sheets';
import { client, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/** The chief judge's desk (`GET …/progress`): matrix, counts, tolerance alerts, judge deviation. */
let t: TestApp;
let api: ReturnType<typeof client>;
const tok: Record<string, string> = {};
const base = '/api/contests/DESK/events/hair';
const marks = (design: number) => ({ design, technique: 25, finish: 27 });

async function progress(token = tok.J6): Promise<ChiefProgress> {
  const r = await api('GET', `${base}/progress`, undefined, token);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  const org = await organizerToken(t.base);
  // stations 07, 08, 09
  expect((await api('POST', '/api/contests', hairContest('DESK', 3), org)).status).toBe(201);
  for (let i = 1; i <= 7; i++) tok[`J${i}`] = await judgeToken(t.base, 'DESK', String(100000 + i));
});
afterAll(() => t.close());

describe('GET …/progress', () => {
  it('is for the chief judge and the organizer only', async () => {
    expect((await api('GET', `${base}/progress`, undefined, tok.J1)).status).toBe(403);
    expect((await api('GET', `${base}/progress`)).status).toBe(401);
  });

  it('names the criteria with their tolerance, and lists the panel', async () => {
    const p = await progress();
    expect(p.criteria).toEqual([
      { key: 'design', name: '造型设计', kind: 'judged', tolerance: 6 },
      { key: 'technique', name: '技术难度', kind: 'judged', tolerance: null },
      { key: 'finish', name: '整体效果', kind: 'judged', tolerance: null },
    ]);
    expect(p.judges.map((j) => j.key)).toEqual(['J1', 'J2', 'J3', 'J4', 'J5']);
    expect(p).toMatchObject({ submitted: 0, expected: 15, alerts: [] });
  });

  it('shows submitted, reopened and missing sheets, and counts competing entries only', async () => {
    for (const [j, d] of [['J1', 38], ['J2', 30], ['J3', 34]] as const) expect((await putSheet(api, tok[j], 'DESK', 'hair', '07', marks(d))).status).toBe(200);
    expect((await api('POST', `${base}/sheets/07/J3/reopen`, { reason: '复核' }, tok.J6)).status).toBe(200);
    expect((await api('POST', `${base}/entries/09/status`, { status: 'absent', reason: '未到场' }, tok.J6)).status).toBe(200);
    const p = await progress();
    const s07 = p.stations.find((s) => s.station === '07')!;
    expect(s07.sheets).toEqual({
      J1: { status: 'submitted', version: 1 },
      J2: { status: 'submitted', version: 1 },
      J3: { status: 'open', version: 1 },
      J4: { status: 'missing', version: 0 },
      J5: { status: 'missing', version: 0 },
    });
    expect(s07.complete).toBe(false);
    expect(p.stations.find((s) => s.station === '09')!.status).toBe('absent');
    expect(p).toMatchObject({ submitted: 2, expected: 10 });
  });

  it('raises a tolerance alert with the spread and each judge’s value', async () => {
    const p = await progress();
    expect(p.alerts).toEqual([
      {
        station: '07',
        criterion: 'design',
        min: 30,
        max: 38,
        spread: 8,
        tolerance: 6,
        values: [
          { judge: 'J1', value: 38 },
          { judge: 'J2', value: 30 },
        ],
      },
    ]);
    // lenient J1 and harsh J2 around the panel's design mean of 34; technique and finish agree
    const dev = Object.fromEntries(p.deviations.map((d) => [d.judge, d.mean]));
    expect(dev.J1).toBeGreaterThan(0);
    expect(dev.J2).toBeLessThan(0);
  });
});
