import type { DeviceReport } from '@skillscore/server/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import { FakeClock } from '../testing/fake-clock';
import { deviceId } from './device-id';
import { FleetReporter, type BatteryReading } from './fleet-reporter';
import { outboxSummary } from './outbox-summary';
import type { OutboxRecord } from '../outbox/types';

const ID = '6f1c1d1e-8b9a-4c3d-9e2f-0a1b2c3d4e5f';

function setup(opts: { fail?: () => unknown; battery?: BatteryReading | null } = {}) {
  const clock = new FakeClock();
  const sent: DeviceReport[] = [];
  const reporter = new FleetReporter({
    send: async (r) => {
      sent.push(r);
      const e = opts.fail?.();
      if (e) throw e;
      return true;
    },
    deviceId: ID,
    appVersion: '0.1.0',
    scheduler: clock,
    battery: opts.battery === undefined ? undefined : async () => opts.battery!,
  });
  /** fires due timers and lets the sends they start settle */
  const advance = async (ms: number) => {
    clock.advance(ms);
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { clock, sent, reporter, advance };
}

describe('FleetReporter', () => {
  it('reports on start, then every 30 s, and stops with its timers', async () => {
    const { sent, reporter, advance, clock } = setup();
    reporter.start();
    await advance(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({ deviceId: ID, appVersion: '0.1.0', outbox: 0, lastSentAt: null, battery: null });
    await advance(30_000);
    expect(sent).toHaveLength(2);
    await advance(30_000);
    expect(sent).toHaveLength(3);
    reporter.stop();
    expect(clock.nextTimerIn()).toBeNull();
    await advance(120_000);
    expect(sent).toHaveLength(3);
  });

  it('reports each change of the outbox, folding changes within a second into one', async () => {
    const { sent, reporter, advance } = setup();
    reporter.start();
    await advance(0);
    reporter.outboxChanged({ waiting: 1, lastSentAt: null });
    reporter.outboxChanged({ waiting: 2, lastSentAt: null });
    await advance(999);
    expect(sent).toHaveLength(1);
    await advance(1);
    expect(sent.map((r) => r.outbox)).toEqual([0, 2]);
    // the same count again is no change
    reporter.outboxChanged({ waiting: 2, lastSentAt: null });
    await advance(2000);
    expect(sent).toHaveLength(2);
    reporter.outboxChanged({ waiting: 0, lastSentAt: Date.UTC(2026, 4, 1, 8) });
    await advance(1000);
    expect(sent.at(-1)).toMatchObject({ outbox: 0, lastSentAt: '2026-05-01T08:00:00.000Z' });
  });

  it('reads the battery where the browser tells it', async () => {
    const { sent, reporter, advance } = setup({ battery: { level: 0.42, charging: true } });
    reporter.start();
    await advance(0);
    expect(sent[0].battery).toEqual({ level: 0.42, charging: true });
  });

  it('keeps quiet for the Retry-After of a 429, and a failed report is simply replaced by the next', async () => {
    let answer: unknown = new ApiError('http', 429, null, 10_000);
    const { sent, reporter, advance } = setup({ fail: () => answer });
    reporter.start();
    await advance(0);
    answer = new ApiError('network', 0, null);
    reporter.outboxChanged({ waiting: 1, lastSentAt: null });
    await advance(9_999);
    expect(sent).toHaveLength(1);
    await advance(1);
    expect(sent).toHaveLength(2);
    answer = null;
    await advance(30_000);
    expect(sent.at(-1)!.outbox).toBe(1);
  });
});

describe('outboxSummary and deviceId', () => {
  it('counts every unconfirmed sheet and finds the last confirmed one', () => {
    const r = (state: OutboxRecord['state'], confirmedAt: number | null) => ({ state, confirmedAt }) as OutboxRecord;
    expect(outboxSummary([r('queued', null), r('sending', null), r('confirmed', 5), r('confirmed', 9), r('rejected', null)])).toEqual({ waiting: 2, lastSentAt: 9 });
  });

  it('keeps one id per browser', () => {
    const m = new Map<string, string>();
    const store = { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
    const a = deviceId(store, () => ID);
    expect(a).toBe(ID);
    expect(deviceId(store, () => 'other')).toBe(ID);
  });
});
