import type { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
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

/**
 * Simulated judges for a living demo. They log in with their PINs and submit sheets over HTTP,
 * exactly as tablets do, at a human pace (a sheet every half second or so across the panel).
 */
export class LiveJudges {
  private stopped = false;
  private readonly rand = seededRandom(Date.now() & 0xffff);

  constructor(
    private readonly base: string,
    private readonly code: string,
    private readonly contests: ContestsService,
    private readonly log: Logger,
  ) {}

  stop(): void {
    this.stopped = true;
  }

  private async call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
    const res = await fetch(this.base + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  private async pending(): Promise<Pending[]> {
    const out: Pending[] = [];
    for (const card of await this.contests.judgeCards(this.code, 'demo')) {
      if (!card.pin) continue;
      const login = await this.call<JudgeLoginResponse>('POST', '/api/auth/judge', null, { contest: this.code, pin: card.pin });
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
      const skill = new Map<string, number>();
      for (const p of queue) {
        if (this.stopped) return;
        const s = skill.get(p.station + p.event) ?? 0.62 + this.rand() * 0.3;
        skill.set(p.station + p.event, s);
        const scores: Record<string, number> = {};
        for (const c of p.criteria) scores[c.key] = demoMark(this.rand, c.max, c.step, s, (this.rand() - 0.5) * 0.06);
        await this.call('PUT', `/api/contests/${this.code}/events/${p.event}/sheets/${encodeURIComponent(p.station)}`, p.token, { requestId: randomUUID(), scores }).catch(
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
