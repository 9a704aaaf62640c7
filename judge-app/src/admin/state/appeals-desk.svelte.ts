import { APPEAL_FILED_BY_MAX, APPEAL_MINUTES_MAX, APPEAL_REASON_MAX, type AppealView, type PublicationView } from '@skillscore/server/contracts';
import type { ConsoleApi } from '../api/console-api';

export type AppealFormIssue = 'station' | 'reason' | 'reasonLong' | 'filedBy' | 'filedByLong';

/** Whole minutes 0..one week, as the server takes them; null for anything else. */
export function readMinutes(text: string): number | null {
  const s = text.trim();
  if (!/^\d{1,5}$/.test(s)) return null;
  const n = Number(s);
  return n <= APPEAL_MINUTES_MAX ? n : null;
}

/**
 * One event's publication of results and appeals register in the console: publish with an appeal
 * window, record appeals while it is open, follow the chief judge's answers.
 */
export class AppealsDesk {
  publication = $state<PublicationView | null>(null);
  appeals = $state.raw<AppealView[]>([]);
  busy = $state<string | null>(null);
  error = $state<unknown>(null);

  minutes = $state('60');
  station = $state('');
  reason = $state('');
  filedBy = $state('');
  tried = $state(false);
  /** the id of the appeal recorded last, for the confirmation line */
  recorded = $state<string | null>(null);

  constructor(
    private readonly api: ConsoleApi,
    readonly code: string,
    readonly event: string,
  ) {}

  open = $derived(this.appeals.filter((a) => a.status === 'open').length);

  get formIssue(): AppealFormIssue | null {
    if (!this.station) return 'station';
    const reason = this.reason.trim();
    if (!reason) return 'reason';
    if (reason.length > APPEAL_REASON_MAX) return 'reasonLong';
    const by = this.filedBy.trim();
    if (!by) return 'filedBy';
    if (by.length > APPEAL_FILED_BY_MAX) return 'filedByLong';
    return null;
  }

  /** The window is open at `now` (client clock) */
  windowOpen(now: number): boolean {
    const close = this.publication?.appealsClose;
    return !!close && now < Date.parse(close);
  }

  load(): Promise<boolean> {
    return this.run('load', async () => {
      const [publication, appeals] = await Promise.all([this.api.publication(this.code, this.event), this.api.appeals(this.code, this.event)]);
      this.publication = publication;
      this.appeals = appeals;
    });
  }

  publish(): Promise<boolean> {
    const minutes = readMinutes(this.minutes);
    if (minutes === null) return Promise.resolve(false);
    return this.run('publish', async () => {
      this.publication = await this.api.publish(this.code, this.event, minutes);
    });
  }

  async file(): Promise<boolean> {
    this.tried = true;
    this.recorded = null;
    if (this.formIssue) return false;
    const ok = await this.run('file', async () => {
      const r = await this.api.fileAppeal(this.code, this.event, { station: this.station, reason: this.reason.trim(), filedBy: this.filedBy.trim() });
      this.recorded = r.id;
    });
    if (ok) {
      this.reason = '';
      this.tried = false;
      await this.load();
    }
    return ok;
  }

  private async run(what: string, work: () => Promise<void>): Promise<boolean> {
    this.busy = what;
    this.error = null;
    try {
      await work();
      return true;
    } catch (e) {
      this.error = e;
      return false;
    } finally {
      this.busy = null;
    }
  }
}
