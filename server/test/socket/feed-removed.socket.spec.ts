import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedSnapshot, FeedUpdate } from '../../src/contracts/feed';
import { client, hairContest, organizerToken, startTestApp, type TestApp } from '../support/test-app';

describe('an entry removed by an edit leaves open boards', () => {
  let t: TestApp;
  let socket: Socket;
  const updates: FeedUpdate[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const api = client(t.base);
    const org = await organizerToken(t.base);
    expect((await api('POST', '/api/contests', hairContest('EDITED', 3), org)).status).toBe(201);
    socket = io(`${t.base}/live`, { transports: ['websocket'] });
    socket.on('update', (u: FeedUpdate) => updates.push(u));
    const snapshot = new Promise<FeedSnapshot>((resolve) => socket.once('snapshot', resolve));
    socket.emit('watch', { contest: 'EDITED' });
    expect((await snapshot).events[0].rows).toHaveLength(3);
    await t.settle();

    const file = hairContest('EDITED', 3);
    file.events![0].entries = file.events![0].entries!.slice(0, 2);
    const edit = await api('PUT', '/api/contests/EDITED', file, org);
    expect(edit.status).toBe(200);
    await t.settle();
  });
  afterAll(async () => {
    socket.close();
    await t.close();
  });

  it('sends the removed bib in an update', async () => {
    await expect.poll(() => updates.flatMap((u) => u.removed ?? [])).toEqual(['A003']);
    const standings = await client(t.base)('GET', '/api/contests/EDITED/events/hair/standings');
    expect(standings.body.rows.map((r: { bib: string }) => r.bib)).toEqual(expect.not.arrayContaining(['A003']));
  });
});
