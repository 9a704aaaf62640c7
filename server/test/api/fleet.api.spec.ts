import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceReport, FleetRow, FleetUpdate } from '../../src/contracts/fleet';
import { LiveClient } from '../support/live-client';
import { client, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/** The fleet monitor: tablets' reports, validated and rate-limited, reach the staff desks and nothing public. */

const STALE_MS = 1500;

function report(over: Partial<DeviceReport> = {}): DeviceReport {
  return { deviceId: randomUUID(), appVersion: '0.1.0', outbox: 0, lastSentAt: null, battery: { level: 0.8, charging: false }, ...over };
}

/** A staff socket that records every fleet message it gets. */
class FleetWatcher {
  readonly socket: Socket;
  readonly log: { name: string; payload: any }[] = [];
  constructor(base: string, token: string) {
    this.socket = io(`${base}/staff`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    this.socket.onAny((name: string, payload: unknown) => this.log.push({ name, payload }));
  }
  async watch(body: object): Promise<any> {
    this.socket.emit('watch-fleet', body);
    return this.next((m) => m.name === 'fleet-snapshot' || m.name === 'staff-error');
  }
  /** the latest row of a device, from every message so far */
  row(deviceId: string): FleetRow | undefined {
    const rows = this.log.filter((m) => m.name === 'fleet' || m.name === 'fleet-snapshot').flatMap((m) => (m.payload as FleetUpdate).rows);
    return rows.filter((r) => r.deviceId === deviceId).at(-1);
  }
  /** the first matching message after `from` (by default: from now on) */
  async next(match: (m: { name: string; payload: any }) => boolean, timeoutMs = 5000, from = this.log.length): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.log.slice(from).find(match);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no matching message; got ${JSON.stringify(this.log.slice(from))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  close(): void {
    this.socket.disconnect();
  }
}

describe('fleet monitor: POST /api/devices/report and the staff fleet watch', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let org: string;
  let j1: string;
  let chief: string;
  beforeAll(async () => {
    t = await startTestApp({ FLEET_STALE_MS: String(STALE_MS) });
    api = client(t.base);
    org = await organizerToken(t.base);
    expect((await api('POST', '/api/contests', hairContest('FLT'), org)).status).toBe(201);
    expect((await api('POST', '/api/contests', hairContest('FLX'), org)).status).toBe(201);
    j1 = await judgeToken(t.base, 'FLT', '100001');
    chief = await judgeToken(t.base, 'FLT', '100006');
  });
  afterAll(() => t.close());

  it('takes a valid report with 204', async () => {
    expect((await api('POST', '/api/devices/report', report(), j1)).status).toBe(204);
  });

  it('refuses bad reports with 400 naming the field and the limit', async () => {
    const j2 = await judgeToken(t.base, 'FLT', '100002');
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ deviceId: 'not-a-uuid' }, 'deviceId', /UUID/],
      [{ appVersion: 'x'.repeat(33) }, 'appVersion', /32/],
      [{ outbox: 10_001 }, 'outbox', /10000/],
      [{ outbox: -1 }, 'outbox', /0/],
      [{ outbox: 1.5 }, 'outbox', /int|whole/],
      [{ lastSentAt: 'yesterday' }, 'lastSentAt', /ISO/],
      [{ battery: { level: 1.5, charging: true } }, 'battery.level', /0…1/],
      [{ battery: { level: 0.5 } }, 'battery.charging', /boolean/],
    ];
    for (const [over, path, message] of cases) {
      const r = await api('POST', '/api/devices/report', { ...report(), ...over }, j2);
      expect(r.status, path).toBe(400);
      const problem = (r.body.problems as { path: string; message: string }[]).find((p) => p.path === path);
      expect(problem, `${path}: ${JSON.stringify(r.body)}`).toBeDefined();
      expect(problem!.message).toMatch(message);
    }
    expect((await api('POST', '/api/devices/report', { ...report(), extra: 1 }, j2)).status).toBe(400);
  });

  it('needs a judge login: 401 without a token, 403 for the organizer', async () => {
    expect((await api('POST', '/api/devices/report', report())).status).toBe(401);
    expect((await api('POST', '/api/devices/report', report(), 'nonsense')).status).toBe(401);
    expect((await api('POST', '/api/devices/report', report(), org)).status).toBe(403);
  });

  it('limits a flooding tablet with 429 and Retry-After', async () => {
    const j3 = await judgeToken(t.base, 'FLT', '100003');
    const body = report();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 12; i++) {
      const r = await api('POST', '/api/devices/report', body, j3);
      statuses.push(r.status);
      if (r.status === 429) retryAfter = r.headers.get('retry-after');
    }
    expect(statuses.slice(0, 5)).toEqual([204, 204, 204, 204, 204]);
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // another device id on the same login does not lift the limit
    expect((await api('POST', '/api/devices/report', report(), j3)).status).toBe(429);
  });

  it("pushes a report to the event chief's desk and the organizer's console, never to a /live watcher", async () => {
    const desk = new FleetWatcher(t.base, chief);
    const console_ = new FleetWatcher(t.base, org);
    const live = new LiveClient(t.base);
    try {
      await live.connect();
      live.socket.emit('watch', { contest: 'FLT' });
      const snap = await desk.watch({ contest: 'FLT', event: 'hair' });
      expect(snap.name).toBe('fleet-snapshot');
      // the panel J1…J5 and the chief J6; J7 is not on this event
      expect(new Set((snap.payload as FleetUpdate).rows.map((r) => r.judge))).toEqual(new Set(['J1', 'J2', 'J3', 'J4', 'J5', 'J6']));
      expect((snap.payload as FleetUpdate).staleMs).toBe(STALE_MS);
      const all = await console_.watch({ contest: 'FLT' });
      expect(new Set((all.payload as FleetUpdate).rows.map((r) => r.judge))).toContain('J7');

      const j4 = await judgeToken(t.base, 'FLT', '100004');
      const mine = report({ outbox: 3, lastSentAt: '2026-05-01T08:00:00.000Z', appVersion: '1.2.3' });
      const heard = [desk, console_].map((w) => w.next((x) => x.name === 'fleet' && x.payload.rows.some((r: FleetRow) => r.deviceId === mine.deviceId)));
      expect((await api('POST', '/api/devices/report', mine, j4)).status).toBe(204);
      for (const m of await Promise.all(heard)) {
        const row = (m.payload as FleetUpdate).rows.find((r) => r.deviceId === mine.deviceId)!;
        expect(row).toMatchObject({ judge: 'J4', name: '裁判4', online: true, stale: false, outbox: 3, appVersion: '1.2.3', lastSentAt: mine.lastSentAt, battery: mine.battery });
        expect(m.payload.contest).toBe('FLT');
      }
      // J7 is not on the hair panel: the console hears it, the desk does not
      const j7 = await judgeToken(t.base, 'FLT', '100007');
      const other = report();
      const heardOther = console_.next((x) => x.name === 'fleet' && x.payload.rows.some((r: FleetRow) => r.deviceId === other.deviceId));
      expect((await api('POST', '/api/devices/report', other, j7)).status).toBe(204);
      await heardOther;

      // with marks waiting and no contact for the stale time the row turns stale, then a report with an empty outbox clears it
      await desk.next((x) => x.name === 'fleet' && x.payload.rows.some((r: FleetRow) => r.deviceId === mine.deviceId && r.stale), STALE_MS * 4, 0);
      const cleared = desk.next((x) => x.name === 'fleet' && x.payload.rows.some((r: FleetRow) => r.deviceId === mine.deviceId && !r.stale && r.outbox === 0));
      expect((await api('POST', '/api/devices/report', { ...mine, outbox: 0 }, j4)).status).toBe(204);
      await cleared;
      expect(desk.row(other.deviceId)).toBeUndefined();

      await new Promise((r) => setTimeout(r, 200));
      const names = new Set(live.log.map((m) => m.name));
      expect([...names].filter((n) => n.startsWith('fleet'))).toEqual([]);
      expect(JSON.stringify(live.log)).not.toContain(mine.deviceId);
    } finally {
      desk.close();
      console_.close();
      live.socket.disconnect();
    }
  });

  it("refuses a fleet watch to a judge who is not the event's chief, to a whole-contest watch by a judge, and across contests", async () => {
    const w = new FleetWatcher(t.base, j1);
    const c = new FleetWatcher(t.base, chief);
    try {
      expect((await w.watch({ contest: 'FLT', event: 'hair' })).payload.statusCode).toBe(403);
      expect((await c.watch({ contest: 'FLT' })).payload.statusCode).toBe(403);
      expect((await c.watch({ contest: 'FLX', event: 'hair' })).payload.statusCode).toBe(403);
      expect((await c.watch({ contest: 'FLT', event: 'x'.repeat(65) })).payload.statusCode).toBe(400);
    } finally {
      w.close();
      c.close();
    }
  });

  it('keeps a tablet with its staff socket open online and never stale; once it closes, the stale time runs', async () => {
    const console_ = new FleetWatcher(t.base, org);
    const mine = report({ outbox: 1 });
    const tablet = io(`${t.base}/staff`, { auth: { token: chief, deviceId: mine.deviceId.toUpperCase() }, transports: ['websocket'], reconnection: false, forceNew: true });
    try {
      await console_.watch({ contest: 'FLT' });
      expect((await api('POST', '/api/devices/report', mine, chief)).status).toBe(204);
      tablet.emit('watch-fleet', { contest: 'FLT', event: 'hair' });
      await new Promise((r) => tablet.once('fleet-snapshot', r));
      await new Promise((r) => setTimeout(r, STALE_MS * 2));
      expect(console_.row(mine.deviceId)).toMatchObject({ online: true, stale: false, outbox: 1 });
      const closedAt = Date.now();
      tablet.disconnect();
      await console_.next((x) => x.name === 'fleet' && x.payload.rows.some((r: FleetRow) => r.deviceId === mine.deviceId && r.stale), STALE_MS * 4);
      expect(Date.now() - closedAt).toBeGreaterThanOrEqual(STALE_MS - 500);
    } finally {
      tablet.disconnect();
      console_.close();
    }
  });

  it('keeps contests apart: a report in another contest reaches neither desk nor console of this one', async () => {
    const console_ = new FleetWatcher(t.base, org);
    try {
      await console_.watch({ contest: 'FLT' });
      const x1 = await judgeToken(t.base, 'FLX', '100001');
      const r = report();
      expect((await api('POST', '/api/devices/report', r, x1)).status).toBe(204);
      await new Promise((res) => setTimeout(res, 300));
      expect(console_.row(r.deviceId)).toBeUndefined();
    } finally {
      console_.close();
    }
  });
});
