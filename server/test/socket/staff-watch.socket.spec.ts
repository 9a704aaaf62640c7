import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffEventChanged } from '../../src/contracts/staff';
import { putSheet } from '../support/sheets';
import { client, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/** The organizer's console follows every event on one staff socket: a change to any of them is announced. */

function connect(base: string, token: string): Socket {
  return io(`${base}/staff`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
}

function watch(socket: Socket, contest: string, event: string): Promise<StaffEventChanged> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "watching" for ${contest}/${event}`)), 5000);
    socket.once('watching', (e: StaffEventChanged) => {
      clearTimeout(timer);
      resolve(e);
    });
    socket.emit('watch-event', { contest, event });
  });
}

describe('staff channel: the organizer watches several events on one socket', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await startTestApp();
    api = client(t.base);
    const org = await organizerToken(t.base);
    for (const code of ['SWA', 'SWB']) expect((await api('POST', '/api/contests', hairContest(code), org)).status).toBe(201);
  });
  afterAll(() => t.close());

  it('announces a change to each watched event, not only to the last one watched', async () => {
    const socket = connect(t.base, await organizerToken(t.base));
    try {
      await watch(socket, 'SWA', 'hair');
      await watch(socket, 'SWB', 'hair');
      const heard: string[] = [];
      socket.on('event-changed', (e: StaffEventChanged) => heard.push(e.contest));
      for (const code of ['SWA', 'SWB']) {
        const j1 = await judgeToken(t.base, code, '100001');
        expect((await putSheet(api, j1, code, 'hair', '07', { design: 30, technique: 20, finish: 20 })).status).toBe(200);
      }
      const deadline = Date.now() + 5000;
      while (heard.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(heard.sort()).toEqual(['SWA', 'SWB']);
    } finally {
      socket.disconnect();
    }
  });
});
