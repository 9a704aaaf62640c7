import type { DeviceReport } from '@skillscore/server/contracts';
import { FLEET_REPORT_EVERY_MS } from '@skillscore/server/contracts';
import { ApiError } from '../api/http';
import type { Scheduler } from '../outbox/outbox';

/** What the tablet's outbox holds now. */
export interface OutboxSummary {
  /** sheets not yet confirmed by the server */
  waiting: number;
  /** ms since epoch of the last confirmed sheet, or null */
  lastSentAt: number | null;
}

/** The part of the Battery Status API the report reads. */
export interface BatteryReading {
  level: number;
  charging: boolean;
}

export interface FleetReporterOptions {
  /** sends one report; false when nobody is signed in (nothing sent) */
  send: (report: DeviceReport) => Promise<boolean>;
  deviceId: string;
  appVersion: string;
  scheduler: Scheduler;
  /** navigator.getBattery where the browser has it */
  battery?: () => Promise<BatteryReading | null>;
  everyMs?: number;
  /** outbox changes closer together than this are sent as one report */
  minGapMs?: number;
}

/**
 * Tells the fleet monitor how this tablet is: on start, on every change of the outbox's count and
 * every 30 s while the page is open. Reports never queue: a failed one is simply replaced by the
 * next, since only the latest state matters. A 429 is obeyed until its Retry-After has passed.
 */
export class FleetReporter {
  private summary: OutboxSummary = { waiting: 0, lastSentAt: null };
  private started = false;
  private tick: unknown = null;
  private soon: unknown = null;
  private inflight = false;
  private again = false;
  private lastAt = -Infinity;
  private quietUntil = 0;
  private batteryRead: Promise<BatteryReading | null> | null = null;
  private readonly everyMs: number;
  private readonly minGapMs: number;

  constructor(private readonly opts: FleetReporterOptions) {
    this.everyMs = opts.everyMs ?? FLEET_REPORT_EVERY_MS;
    this.minGapMs = opts.minGapMs ?? 1000;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.reportNow();
    this.arm();
  }

  /** Clears every timer; a report in flight may still land. */
  stop(): void {
    this.started = false;
    if (this.tick !== null) this.opts.scheduler.clearTimer(this.tick);
    if (this.soon !== null) this.opts.scheduler.clearTimer(this.soon);
    this.tick = this.soon = null;
  }

  /** The outbox changed: a report follows when its count (or the last sheet sent) did. */
  outboxChanged(next: OutboxSummary): void {
    const changed = next.waiting !== this.summary.waiting || next.lastSentAt !== this.summary.lastSentAt;
    this.summary = next;
    if (changed) this.reportNow();
  }

  /** A report as soon as the gap since the last one allows (a sign-in, a reconnect). */
  reportNow(): void {
    if (!this.started || this.soon !== null) return;
    const now = this.opts.scheduler.now();
    const wait = Math.max(0, this.lastAt + this.minGapMs - now, this.quietUntil - now);
    this.soon = this.opts.scheduler.setTimer(() => {
      this.soon = null;
      void this.send();
    }, wait);
  }

  private arm(): void {
    this.tick = this.opts.scheduler.setTimer(() => {
      this.tick = null;
      if (!this.started) return;
      this.reportNow();
      this.arm();
    }, this.everyMs);
  }

  private async send(): Promise<void> {
    if (!this.started) return;
    if (this.inflight) {
      this.again = true;
      return;
    }
    this.inflight = true;
    this.lastAt = this.opts.scheduler.now();
    try {
      const battery = await this.readBattery();
      const { waiting, lastSentAt } = this.summary;
      await this.opts.send({
        deviceId: this.opts.deviceId,
        appVersion: this.opts.appVersion.slice(0, 32),
        outbox: Math.min(10_000, Math.max(0, Math.floor(waiting))),
        lastSentAt: lastSentAt === null ? null : new Date(lastSentAt).toISOString(),
        battery,
      });
    } catch (e) {
      if (e instanceof ApiError && e.kind === 'http' && e.status === 429) this.quietUntil = this.opts.scheduler.now() + (e.retryAfterMs ?? 5000);
      // otherwise: offline or refused; the next change or tick reports again
    } finally {
      this.inflight = false;
    }
    if (this.again) {
      this.again = false;
      this.reportNow();
    }
  }

  private async readBattery(): Promise<DeviceReport['battery']> {
    if (!this.opts.battery) return null;
    try {
      const b = await (this.batteryRead ??= this.opts.battery());
      if (!b || !Number.isFinite(b.level)) return null;
      return { level: Math.min(1, Math.max(0, b.level)), charging: !!b.charging };
    } catch {
      return null;
    }
  }
}

/**
 * The browser's battery, where it tells (Chromium-based browsers; not Safari or Firefox). The
 * manager object stays live, so reading it once is enough.
 */
export function browserBattery(): (() => Promise<BatteryReading | null>) | undefined {
  const nav = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { getBattery?: () => Promise<BatteryReading> });
  if (!nav?.getBattery) return undefined;
  return () => nav.getBattery!.call(nav).catch(() => null);
}
