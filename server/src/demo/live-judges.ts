import type { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DeviceReport } from '../contracts/fleet';
import { FLEET_REPORT_EVERY_MS } from '../contracts/fleet';
import type { JudgeEventScheme, JudgeLoginResponse, SheetListItem } from '../contracts/sheets';
import type { ContestsService } from '../contests/contests.service';
import { demoMark, seededRandom } from './demo-contest';

interface Pending {
  token: string;
  judge: string;
  event: string;
  station: string;
  criteria: JudgeEventScheme['criteria'];
}

/** A simulated judge's tablet on the fleet monitor. */
interface Tablet {
  token: string;
  report: DeviceReport;
  /** while set, the tablet is out of Wi-Fi: it neither reports nor sends, and its sheets wait */
  silentUntil: number;
}

/** how long the demo's one wandering tablet stays out of Wi-Fi: past the monitor's 2 minutes, so it turns red */
const WANDER_MS = 150_000;

/**
 * Simulated judges for a living demo. They log in with their PINs and submit sheets over HTTP,
 * exactly as tablets do, at a human pace (a sheet every half second or so across the panel).
 */
export class LiveJudges {
  private stopped = false;
  private readonly rand = seededRandom(Date.now() & 0xffff);
  private readonly tablets = new Map<string, Tablet>();
  private ticker: NodeJS.Timeout | null = null;

  constructor(
    private readonly base: string,
    private readonly code: string,
    private readonly contests: ContestsService,
    private readonly log: Logger,
  ) {}

  stop(): void {
    this.stopped = true;
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
  }

  /** Reports as a tablet does (contracts/fleet.ts); a refused or failed report is only logged at debug level. */
  private report(t: Tablet): void {
    if (this.stopped || t.silentUntil > Date.now()) return;
    // the battery runs down slowly while the demo runs
    if (t.report.battery) t.report.battery = { ...t.report.battery, level: Math.max(0.05, Math.round((t.report.battery.level - 0.002) * 1000) / 1000) };
    this.call('POST', '/api/devices/report', t.token, t.report).catch((e: unknown) => this.log.debug?.(String(e)));
  }

  private async call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
    const res = await fetch(this.base + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }

  private async pending(): Promise<Pending[]> {
    const out: Pending[] = [];
    for (const card of await this.contests.judgeCards(this.code, 'demo')) {
      if (!card.pin) continue;
      const login = await this.call<JudgeLoginResponse>('POST', '/api/auth/judge', null, { contest: this.code, pin: card.pin });
      this.tablets.set(card.key, {
        token: login.token,
        report: { deviceId: randomUUID(), appVersion: 'demo', outbox: 0, lastSentAt: null, battery: { level: Math.round((0.55 + this.rand() * 0.45) * 100) / 100, charging: this.rand() < 0.2 } },
        silentUntil: 0,
      });
      for (const ev of login.events) {
        const scheme = await this.call<JudgeEventScheme>('GET', `/api/contests/${this.code}/events/${ev.key}/scheme`, login.token);
        if (!scheme.criteria.length || scheme.final) continue;
        const sheets = await this.call<SheetListItem[]>('GET', `/api/contests/${this.code}/events/${ev.key}/sheets`, login.token);
        for (const s of sheets) {
          if (s.status === 'open') out.push({ token: login.token, judge: card.key, event: ev.key, station: s.station, criteria: scheme.criteria });
        }
      }
    }
    // marking goes station by station across the hall, each judge at their own pace
    return out.sort((a, b) => a.event.localeCompare(b.event) || a.station.localeCompare(b.station) || this.rand() - 0.5);
  }

  async start(): Promise<void> {
    try {
      const queue = await this.pending();
      this.log.log(`live demo: ${queue.length} sheets to mark`);
      for (const t of this.tablets.values()) this.report(t);
      this.ticker = setInterval(() => {
        for (const t of this.tablets.values()) this.report(t);
      }, FLEET_REPORT_EVERY_MS);
      this.ticker.unref();
      // one judge's tablet wanders out of Wi-Fi with two sheets on it, so the monitor shows a red row
      const wanderer = queue[Math.floor(queue.length / 3)]?.judge;
      let wandered = false;
      const skill = new Map<string, number>();
      for (let i = 0; i < queue.length; i++) {
        const p = queue[i];
        if (this.stopped) return;
        const tablet = this.tablets.get(p.judge);
        if (tablet && !wandered && p.judge === wanderer && i >= queue.length / 3) {
          wandered = true;
          tablet.report = { ...tablet.report, outbox: 2 };
          this.report(tablet);
          tablet.silentUntil = Date.now() + WANDER_MS;
          this.log.log(`live demo: judge ${p.judge}'s tablet is out of Wi-Fi for ${WANDER_MS / 1000} s`);
        }
        if (tablet && tablet.silentUntil > Date.now()) {
          // its sheets wait on the tablet: mark them later
          queue.push(p);
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        if (tablet && tablet.report.outbox > 0) tablet.report = { ...tablet.report, outbox: 0 };
        const s = skill.get(p.station + p.event) ?? 0.62 + this.rand() * 0.3;
        skill.set(p.station + p.event, s);
        const scores: Record<string, number> = {};
        for (const c of p.criteria) scores[c.key] = demoMark(this.rand, c.max, c.step, s, (this.rand() - 0.5) * 0.06);
        await this.call('PUT', `/api/contests/${this.code}/events/${p.event}/sheets/${encodeURIComponent(p.station)}`, p.token, { requestId: randomUUID(), scores }).then(
          () => {
            if (!tablet) return;
            tablet.report = { ...tablet.report, lastSentAt: new Date().toISOString() };
            this.report(tablet);
          },
          (e: unknown) => this.log.warn(String(e)),
        );
        await new Promise((r) => setTimeout(r, 250 + this.rand() * 600));
      }
      this.log.log('live demo: every sheet is marked');
    } catch (e) {
      this.log.error(`live demo stopped: ${String(e)}`);
    }
  }
}
