import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChiefApi } from '../api/chief-api';
import { Http } from '../api/http';
import type { KeyValue } from '../storage';
import { FakeChiefServer, progressFixture } from '../testing/fake-chief-server';
import { FakeClock } from '../testing/fake-clock';
import { FakeStaffSocket } from '../testing/fake-staff-socket';
import { ChiefDesk } from './chief-desk.svelte';

function memory(): KeyValue {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

const desks: ChiefDesk[] = [];

function setup(opts: { server?: FakeChiefServer; store?: KeyValue } = {}) {
  const server = opts.server ?? new FakeChiefServer();
  const socket = new FakeStaffSocket();
  const clock = new FakeClock();
  const onUnauthorized = vi.fn();
  const desk = new ChiefDesk({
    ctx: { contest: 'BG2024', event: 'hair' },
    api: new ChiefApi(new Http({ fetch: server.fetch }), () => 'chief-token'),
    socket,
    onUnauthorized,
    store: opts.store ?? memory(),
    scheduler: clock,
    pollMs: 20_000,
  });
  desks.push(desk);
  return { server, socket, clock, desk, onUnauthorized };
}

/** Lets every pending fetch and its follow-ups finish. */
async function settle(desk: ChiefDesk) {
  for (let i = 0; i < 5; i++) {
    await desk.refreshing;
    await new Promise((r) => setTimeout(r, 0));
  }
}

const changed = (revision: number) => ({ contest: 'BG2024', event: 'hair', revision });

afterEach(() => {
  for (const d of desks.splice(0)) d.stop();
});

describe('ChiefDesk: the staff channel', () => {
  it('loads at once, then watches the event after the socket connects', async () => {
    const { server, socket, desk } = setup();
    desk.start();
    expect(socket.connectCalls).toBe(1);
    await settle(desk);
    expect(desk.progress?.submitted).toBe(8);
    expect(server.count('GET', '/deductions')).toBe(1);
    expect(desk.live).toBe('connecting');

    socket.open();
    expect(socket.emitted).toEqual([{ event: 'watch-event', payload: { contest: 'BG2024', event: 'hair' } }]);
    socket.fire('watching', changed(5));
    expect(desk.live).toBe('live');
  });

  it('lists the stations by number, whatever order the server ranks them in', async () => {
    const server = new FakeChiefServer();
    const p = progressFixture();
    server.progress = { ...p, stations: [{ ...p.stations[1], station: '10' }, p.stations[2], { ...p.stations[0], station: '9' }, p.stations[0]] };
    const { desk } = setup({ server });
    desk.start();
    await settle(desk);
    expect(desk.progress?.stations.map((s) => s.station)).toEqual(['07', '09', '9', '10']);
  });

  it('refetches when the server announces a new revision, not for one it already has', async () => {
    const { server, socket, desk } = setup();
    desk.start();
    socket.open();
    socket.fire('watching', changed(5));
    await settle(desk);
    const before = server.count('GET', '/progress');

    server.progress = progressFixture({ submitted: 9 });
    socket.fire('event-changed', changed(6));
    await settle(desk);
    expect(server.count('GET', '/progress')).toBe(before + 1);
    expect(desk.progress?.submitted).toBe(9);

    socket.fire('event-changed', changed(6));
    socket.fire('event-changed', { contest: 'BG2024', event: 'nails', revision: 7 });
    await settle(desk);
    expect(server.count('GET', '/progress')).toBe(before + 1);
  });

  it('folds a burst of changes during a fetch into one more fetch that sees the last of them', async () => {
    const { server, socket, desk } = setup();
    desk.start();
    socket.open();
    socket.fire('watching', changed(1));
    await settle(desk);
    const before = server.count('GET', '/progress');

    server.hold();
    socket.fire('event-changed', changed(2));
    await Promise.resolve();
    for (let r = 3; r <= 7; r++) {
      server.progress = progressFixture({ submitted: r });
      socket.fire('event-changed', changed(r));
    }
    server.open();
    await settle(desk);
    expect(server.count('GET', '/progress')).toBe(before + 2);
    expect(desk.progress?.submitted).toBe(7);
  });

  it('polls while the channel is down and watches again after reconnecting', async () => {
    const { server, socket, clock, desk } = setup();
    desk.start();
    socket.open();
    socket.fire('watching', changed(3));
    await settle(desk);
    const base = server.count('GET', '/progress');

    clock.advance(20_000);
    await settle(desk);
    expect(server.count('GET', '/progress')).toBe(base); // live: no polling

    socket.drop();
    expect(desk.live).toBe('offline');
    clock.advance(20_000);
    await settle(desk);
    expect(server.count('GET', '/progress')).toBe(base + 1);

    socket.open();
    expect(socket.emitted.filter((e) => e.event === 'watch-event')).toHaveLength(2);
    socket.fire('watching', changed(4)); // changes happened while away
    await settle(desk);
    expect(desk.live).toBe('live');
    expect(server.count('GET', '/progress')).toBe(base + 2);
  });

  it('shows why the server refused to watch, and sends an expired login back to sign in', () => {
    const { socket, desk, onUnauthorized } = setup();
    desk.start();
    socket.open();
    socket.fire('staff-error', { statusCode: 403, error: 'Forbidden', message: 'only the chief judge of event hair may do this' });
    expect(desk.live).toBe('refused');
    expect(desk.watchError?.message).toContain('chief judge');
    socket.fire('staff-error', { statusCode: 401, error: 'Unauthorized', message: 'expired' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('removes every listener and timer on stop', async () => {
    const { server, socket, clock, desk } = setup();
    desk.start();
    socket.open();
    await settle(desk);
    expect(socket.listenerCount).toBe(6);
    desk.stop();
    expect(socket.listenerCount).toBe(0);
    expect(socket.disconnectCalls).toBe(1);
    expect(clock.nextTimerIn()).toBeNull();
    const calls = server.calls.length;
    socket.fire('event-changed', changed(99));
    clock.advance(60_000);
    await settle(desk);
    expect(server.calls.length).toBe(calls);
  });
});

describe('ChiefDesk: tolerance alerts', () => {
  it('highlights an alert until the chief judge acknowledges it, also after a reload', async () => {
    const store = memory();
    const { desk } = setup({ store });
    desk.start();
    await settle(desk);
    expect(desk.alerts).toHaveLength(1);
    expect(desk.alerts[0]).toMatchObject({ station: '08', criterion: 'design', spread: 8, fresh: true });
    expect(desk.freshAlerts).toBe(1);

    desk.acknowledge(desk.alerts[0]);
    expect(desk.alerts[0].fresh).toBe(false);
    expect(desk.freshAlerts).toBe(0);

    const again = setup({ store }).desk;
    again.start();
    await settle(again);
    expect(again.alerts[0].fresh).toBe(false);
  });

  it('highlights an acknowledged alert again when a sheet changes its values', async () => {
    const { server, socket, desk } = setup();
    desk.start();
    socket.open();
    socket.fire('watching', changed(1));
    await settle(desk);
    desk.acknowledgeAll();
    const alert = progressFixture().alerts[0];
    server.progress = progressFixture({ alerts: [{ ...alert, min: 29, spread: 9, values: [...alert.values, { judge: 'J2', value: 29 }] }] });
    socket.fire('event-changed', changed(2));
    await settle(desk);
    expect(desk.alerts[0]).toMatchObject({ spread: 9, fresh: true });
  });

  it('forgets acknowledgements of alerts that are resolved', async () => {
    const store = memory();
    const { server, socket, desk } = setup({ store });
    desk.start();
    socket.open();
    socket.fire('watching', changed(1));
    await settle(desk);
    desk.acknowledgeAll();
    server.progress = progressFixture({ alerts: [] });
    socket.fire('event-changed', changed(2));
    await settle(desk);
    expect(desk.acked.size).toBe(0);
    expect(JSON.parse(store.getItem('skillscore.chief.acks.BG2024.hair')!)).toEqual([]);
  });
});

describe('ChiefDesk: acts', () => {
  it('reopens a sheet with the reason and shows the new state at once', async () => {
    const { server, desk } = setup();
    desk.start();
    await settle(desk);
    server.progress = progressFixture({ submitted: 7 });
    const r = await desk.reopen('07', 'J3', '  分差超出容差，请复核  ');
    expect(r).toEqual({ ok: true });
    const call = server.calls.find((c) => c.method === 'POST')!;
    expect(call).toEqual({ method: 'POST', path: '/api/contests/BG2024/events/hair/sheets/07/J3/reopen', body: { reason: '分差超出容差，请复核' } });
    expect(desk.progress?.submitted).toBe(7);
  });

  it('sends deductions, withdrawals and statuses to their endpoints', async () => {
    const { server, desk } = setup();
    desk.start();
    await settle(desk);
    await desk.addDeduction('07', 1.5, '超时');
    await desk.voidDeduction(3, '录入错误');
    await desk.setStatus('09', 'withdrawn', '选手弃权');
    await desk.setStatus('09', 'competing', '');
    expect(server.calls.filter((c) => c.method === 'POST').map((c) => [c.path, c.body])).toEqual([
      ['/api/contests/BG2024/events/hair/deductions', { station: '07', points: 1.5, reason: '超时' }],
      ['/api/contests/BG2024/events/hair/deductions/3/void', { reason: '录入错误' }],
      ['/api/contests/BG2024/events/hair/entries/09/status', { status: 'withdrawn', reason: '选手弃权' }],
      ['/api/contests/BG2024/events/hair/entries/09/status', { status: 'competing' }],
    ]);
  });

  it('gives back the server’s refusal and refetches, since the desk was probably behind', async () => {
    const { server, desk } = setup();
    desk.start();
    await settle(desk);
    const before = server.count('GET', '/progress');
    server.replies.set('POST /finalize', { status: 409, body: { statusCode: 409, error: 'Conflict', message: 'cannot finalize: 1 competing entry is incomplete (stations 08)' } });
    const r = await desk.finalize();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ status: 409, body: { message: expect.stringContaining('stations 08') } });
    expect(server.count('GET', '/progress')).toBe(before + 1);
  });

  it('does not pretend an act went through without a network', async () => {
    const { server, desk } = setup();
    desk.start();
    await settle(desk);
    server.offline = true;
    const r = await desk.addDeduction('07', 1, '超时');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.offline).toBe(true);
  });

  it('sends an expired login back to sign in', async () => {
    const { server, desk, onUnauthorized } = setup();
    desk.start();
    await settle(desk);
    server.replies.set('POST /reopen', { status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'token expired' } });
    const r = await desk.reopen('07', 'J1', '复核');
    expect(r.ok).toBe(false);
    expect(onUnauthorized).toHaveBeenCalled();
  });

  it('keeps the last progress and says so when a refresh fails', async () => {
    const { server, desk } = setup();
    desk.start();
    await settle(desk);
    server.offline = true;
    await desk.refresh();
    expect(desk.progress?.submitted).toBe(8);
    expect(desk.error?.offline).toBe(true);
  });
});
