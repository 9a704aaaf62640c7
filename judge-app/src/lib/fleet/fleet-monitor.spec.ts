import type { FleetRow } from '@skillscore/server/contracts';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-clock';
import { FakeStaffSocket } from '../testing/fake-staff-socket';
import { FleetMonitor, toneOf } from './fleet-monitor.svelte';
import type { FleetSocket } from './fleet-socket';

const row = (over: Partial<FleetRow>): FleetRow => ({ judge: 'J1', name: '裁判1', deviceId: null, online: false, stale: false, lastContactAt: null, appVersion: null, outbox: 0, lastSentAt: null, battery: null, ...over });

describe('FleetMonitor', () => {
  it('watches on connect, merges changed rows into the snapshot and removes every listener on stop', () => {
    const socket = new FakeStaffSocket();
    const clock = new FakeClock();
    const m = new FleetMonitor({ socket: socket as unknown as FleetSocket, contest: 'BG', event: 'hair', scheduler: clock });
    m.start();
    socket.open();
    expect(socket.emitted).toEqual([{ event: 'watch-fleet', payload: { contest: 'BG', event: 'hair' } }]);
    socket.fire('fleet-snapshot', { contest: 'BG', staleMs: 120_000, rows: [row({ judge: 'J2', name: '裁判2' }), row({})] });
    expect(m.rows.map((r) => r.judge)).toEqual(['J1', 'J2']);
    const at = new Date(clock.now() - 5000).toISOString();
    socket.fire('fleet', { contest: 'BG', staleMs: 120_000, rows: [row({ deviceId: 'd1', online: true, outbox: 2, stale: true, lastContactAt: at })] });
    expect(m.rows).toHaveLength(2);
    expect(m.staleRows.map((r) => r.deviceId)).toEqual(['d1']);
    expect(toneOf(m.rows[0])).toBe('stale');
    clock.advance(1000);
    expect(m.secondsAgo(m.rows[0])).toBe(6);
    socket.fire('fleet', { contest: 'OTHER', staleMs: 1, rows: [row({ judge: 'X' })] });
    expect(m.rows).toHaveLength(2);
    m.stop();
    expect(socket.listenerCount).toBe(0);
    expect(clock.nextTimerIn()).toBeNull();
    expect(socket.disconnectCalls).toBe(1);
  });

  it('follows the whole contest without an event', () => {
    const socket = new FakeStaffSocket();
    const m = new FleetMonitor({ socket: socket as unknown as FleetSocket, contest: 'BG', scheduler: new FakeClock() });
    m.start();
    socket.open();
    expect(socket.emitted[0].payload).toEqual({ contest: 'BG' });
    m.stop();
  });
});
