import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { panelContest, stationOf } from '../support/contests';
import { putSheet, sheetsPath } from '../support/sheets';
import { client, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/**
 * Sheet PUTs are budgeted per judge token with the default settings (60 at once, 5 a second
 * sustained): a tablet's whole outbox flushed after a Wi-Fi drop goes through, a token past that
 * is told when to come back, other judges never notice, and a retry of a stored sheet is answered.
 */
const CODE = 'PUTS';
const BURST = 60;
let t: TestApp;
let api: ReturnType<typeof client>;
let j1: string;
let j2: string;

beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  const org = await organizerToken(t.base);
  expect((await api('POST', '/api/contests', panelContest(CODE, { judges: 2, stations: BURST + 10 }), org)).status).toBe(201);
  j1 = await judgeToken(t.base, CODE, '200001');
  j2 = await judgeToken(t.base, CODE, '200002');
});
afterAll(() => t.close());

describe('sheet PUTs per token', () => {
  const sent = new Map<string, string>();

  it('accepts a burst of 60 at once, then answers 429 with Retry-After naming the limit', async () => {
    const replies = await Promise.all(
      Array.from({ length: BURST + 5 }, (_, i) => {
        const requestId = randomUUID();
        sent.set(stationOf(i), requestId);
        return putSheet(api, j1, CODE, 'e1', stationOf(i), { score: 80 }, requestId).then((r) => ({ station: stationOf(i), r }));
      }),
    );
    const ok = replies.filter((x) => x.r.status === 200);
    const refused = replies.filter((x) => x.r.status === 429);
    expect(ok).toHaveLength(BURST);
    expect(refused).toHaveLength(5);
    for (const { r } of refused) {
      const wait = Number(r.headers.get('retry-after'));
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(12);
      expect(r.body.message).toContain('at most 60 in 12 seconds');
    }
    for (const { station } of refused) sent.delete(station);
  });

  it('leaves another judge alone', async () => {
    const r = await putSheet(api, j2, CODE, 'e1', stationOf(0), { score: 70 });
    expect(r.status).toBe(200);
  });

  it('answers a retry of a stored sheet past the budget, without a second version', async () => {
    const [station, requestId] = [...sent][0];
    const r = await putSheet(api, j1, CODE, 'e1', station, { score: 80 }, requestId);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ station, status: 'submitted', version: 1 });
    // a new sheet is still refused
    const fresh = await putSheet(api, j1, CODE, 'e1', stationOf(BURST + 6), { score: 80 });
    expect(fresh.status).toBe(429);
  });

  it('stored each accepted sheet exactly once and none of the refused', async () => {
    const r = await api('GET', sheetsPath(CODE, 'e1'), undefined, j1);
    expect(r.status).toBe(200);
    const list = r.body as { station: string; status: string; version?: number }[];
    const submitted = list.filter((s) => s.status === 'submitted');
    expect(submitted.map((s) => s.station).sort()).toEqual([...sent.keys()].sort());
    for (const s of submitted) expect(s.version).toBe(1);
  });
});
