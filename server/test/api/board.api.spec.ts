import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { FeedSnapshot, FeedUpdate } from '../../src/contracts/feed';
import { client, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/** Ten entries, each with a different total: station 07 + i gets (20 + i) in every criterion from every judge. */
async function markAll(t: TestApp, api: ReturnType<typeof client>, upTo = 10, from = 0): Promise<void> {
  for (let j = 0; j < 5; j++) {
    const token = await judgeToken(t.base, 'BG2024', String(100001 + j));
    for (let i = from; i < upTo; i++) {
      const station = String(i + 7).padStart(2, '0');
      const r = await api('PUT', `/api/contests/BG2024/events/hair/sheets/${station}`, { requestId: crypto.randomUUID(), scores: { design: 20 + i, technique: 10 + i, finish: 10 + i } }, token);
      expect(r.status).toBe(200);
    }
  }
}

describe('board controls: complete-only, freeze and the ceremony reveal', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let org: string;
  let socket: Socket;
  const updates: FeedUpdate[] = [];
  let snapshot: FeedSnapshot | null = null;

  beforeAll(async () => {
    t = await startTestApp();
    api = client(t.base);
    org = await organizerToken(t.base);
    expect((await api('POST', '/api/contests', hairContest('BG2024', 10), org)).status).toBe(201);
    socket = io(`${t.base}/live`, { transports: ['websocket'] });
    socket.on('snapshot', (s: FeedSnapshot) => (snapshot = s));
    socket.on('update', (u: FeedUpdate) => updates.push(u));
    socket.emit('watch', { contest: 'BG2024' });
    await new Promise<void>((resolve) => socket.once('snapshot', () => resolve()));
  });
  afterAll(async () => {
    socket.close();
    await t.close();
  });

  it('only organizers control the board', async () => {
    const judge = await judgeToken(t.base, 'BG2024', '100006');
    expect((await api('POST', '/api/contests/BG2024/events/hair/freeze', undefined, judge)).status).toBe(403);
    expect((await api('POST', '/api/contests/BG2024/events/hair/freeze')).status).toBe(401);
    expect((await api('POST', '/api/contests/BG2024/events/hair/board', { mode: 'sometimes' }, org)).status).toBe(400);
  });

  it('shows only complete entries in complete mode, ranked among themselves', async () => {
    await markAll(t, api, 3);
    expect((await api('POST', '/api/contests/BG2024/events/hair/board', { mode: 'complete' }, org)).body).toMatchObject({ mode: 'complete' });
    const s = await api('GET', '/api/contests/BG2024/events/hair/standings');
    expect(s.body.rows.map((r: { bib: string }) => r.bib)).toEqual(['A003', 'A002', 'A001']);
    expect(s.body.rows.map((r: { rank: number }) => r.rank)).toEqual([1, 2, 3]);
    await api('POST', '/api/contests/BG2024/events/hair/board', { mode: 'provisional' }, org);
    expect((await api('GET', '/api/contests/BG2024/events/hair/standings')).body.rows).toHaveLength(10);
  });

  it('freezes the public board and reveals from the lowest award up, one update per step', async () => {
    expect((await api('POST', '/api/contests/BG2024/events/hair/freeze', undefined, org)).body).toMatchObject({ frozen: true });
    expect((await api('POST', '/api/contests/BG2024/events/hair/freeze', undefined, org)).status).toBe(409);
    await t.settle();
    const frozenAt = updates.length;
    const before = (await api('GET', '/api/contests/BG2024/events/hair/standings')).body;
    expect(before.frozen).toBe(true);

    await markAll(t, api, 10, 3);
    await t.settle();
    expect(updates.slice(frozenAt).every((u) => u.rows.length === 0)).toBe(true);
    const stillFrozen = (await api('GET', '/api/contests/BG2024/events/hair/standings')).body;
    expect(stillFrozen.rows).toEqual(before.rows);

    // 10 ranked entries: 1 first prize, 2 second, 3 third, 4 without an award
    const steps: { award: string | null; bibs: string[] }[] = [];
    for (;;) {
      const r = await api('POST', '/api/contests/BG2024/events/hair/reveal', {}, org);
      if (r.status === 409) break;
      expect(r.status).toBe(200);
      steps.push(r.body.step);
    }
    expect(steps.map((s) => s.award)).toEqual([null, '三等奖', '三等奖', '三等奖', '二等奖', '二等奖', '一等奖']);
    expect(steps[0].bibs).toHaveLength(4);
    expect(steps.at(-1)!.bibs).toEqual(['A010']);
    await t.settle();
    const revealUpdates = updates.filter((u) => u.reveal);
    expect(revealUpdates).toHaveLength(7);
    expect(revealUpdates.at(-1)!.rows.map((r) => r.bib)).toEqual(['A010']);
    expect(revealUpdates.at(-1)!.rows[0]).toMatchObject({ rank: 1, award: '一等奖' });
    const after = (await api('GET', '/api/contests/BG2024/events/hair/standings')).body;
    expect(after.rows[0]).toMatchObject({ bib: 'A010', rank: 1 });
    // seq stays contiguous through the reveal
    const seqs = updates.map((u) => u.seq);
    expect(seqs).toEqual(seqs.map((_, i) => snapshot!.seq + 1 + i));
  });
});
