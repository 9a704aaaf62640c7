import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClient } from '../support/live-client';
import { putSheet } from '../support/sheets';
import { client, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/**
 * A contest code names one contest whatever its case: `bg2024` typed on a phone, in a board's
 * address or by an integrator reaches `BG2024` everywhere, as the judge login always did, and
 * every answer carries the stored code.
 */
describe('contest codes regardless of case', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let org: string;

  beforeAll(async () => {
    t = await startTestApp();
    api = client(t.base);
    org = await organizerToken(t.base);
    expect((await api('POST', '/api/contests', hairContest('BG2024', 3), org)).status).toBe(201);
    const token = await judgeToken(t.base, 'bg2024', '100001');
    expect((await putSheet(api, token, 'bG2024', 'hair', '07', { design: 36, technique: 25, finish: 27 })).status).toBe(200);
    await t.settle();
  });
  afterAll(() => t.close());

  it('answers the public summary, standings and teams for any case, with the stored code', async () => {
    for (const code of ['bg2024', 'Bg2024', 'BG2024']) {
      const summary = await api('GET', `/api/contests/${code}`);
      expect(summary.status, code).toBe(200);
      expect(summary.body.code).toBe('BG2024');
      const standings = await api('GET', `/api/contests/${code}/events/hair/standings`);
      expect(standings.status, code).toBe(200);
      expect(standings.body.contest).toBe('BG2024');
      expect(standings.body).toEqual((await api('GET', '/api/contests/BG2024/events/hair/standings')).body);
      const teams = await api('GET', `/api/contests/${code}/teams`);
      expect(teams.status, code).toBe(200);
      expect(teams.body).toEqual((await api('GET', '/api/contests/BG2024/teams')).body);
    }
  });

  it('serves the organizer’s exports and audit for a lower-case code', async () => {
    for (const path of ['export.xlsx', 'events/hair/results.csv', 'events/hair/results.pdf', 'events/hair/results.html', 'judge-cards.pdf', 'audit']) {
      const res = await fetch(`${t.base}/api/contests/bg2024/${path}`, { headers: { authorization: `Bearer ${org}` } });
      expect(res.status, path).toBe(200);
      await res.arrayBuffer();
    }
  });

  it('still answers 404 for a code that is not there in any case', async () => {
    expect((await api('GET', '/api/contests/bg2025')).status).toBe(404);
    expect((await api('GET', '/api/contests/bg2025/events/hair/standings')).status).toBe(404);
  });

  it('lets a lower-case watch follow the contest: the snapshot and later updates carry the stored code', async () => {
    const live = new LiveClient(t.base);
    try {
      await live.connect();
      live.socket.emit('watch', { contest: 'bg2024', compact: true });
      const snapshot = await live.snapshot();
      expect(snapshot.contest).toBe('BG2024');
      expect(snapshot.events.map((e) => e.event)).toEqual(['hair']);
      // the watcher is in the stored code's room: a new sheet reaches it
      const token = await judgeToken(t.base, 'BG2024', '100002');
      expect((await putSheet(api, token, 'BG2024', 'hair', '08', { design: 30, technique: 20, finish: 20 })).status).toBe(200);
      const update = await live.update((u) => u.event === 'hair');
      expect(update.contest).toBe('BG2024');
      expect(update.seq).toBeGreaterThan(snapshot.seq);
    } finally {
      live.disconnect();
    }
  });
});
