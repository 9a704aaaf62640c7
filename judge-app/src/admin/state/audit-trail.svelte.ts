import type { AuditRecordView } from '@skillscore/server/contracts';
import type { AuditFilter, AuditPage, ConsoleApi } from '../api/console-api';

/** records per request: the trail of a long contest runs to tens of thousands */
const PAGE = 200;

/** One side (before or after) of an audit record as short lines: `key: value`. */
export function describeValue(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object') return [compact(value)];
  if (Array.isArray(value)) return value.map(compact);
  return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${compact(v)}`);
}

function compact(v: unknown): string {
  const s = typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}

/**
 * The audit trail, newest first, narrowed to an event, a station or a judge, read a page at a
 * time back to the contest's creation.
 */
export class AuditTrail {
  event = $state('');
  station = $state('');
  judge = $state('');
  records = $state<AuditRecordView[]>([]);
  /** where the next older page starts; null once the oldest record is on screen */
  next = $state<number | null>(null);
  loading = $state(false);
  error = $state<unknown>(null);
  /** the filter the records on screen answer */
  loadedFor = $state('');
  private filter: AuditFilter = {};
  /** counts the loads, so a page that arrives after a newer load is dropped */
  private generation = 0;

  constructor(
    private readonly api: ConsoleApi,
    readonly code: string,
  ) {}

  more = $derived(this.next !== null);

  /** The newest page for the filter in the form. */
  async load(): Promise<void> {
    const filter = { event: this.event.trim(), station: this.station.trim(), judge: this.judge.trim() };
    const generation = ++this.generation;
    const page = await this.fetch(filter, null);
    if (!page || generation !== this.generation) return;
    this.filter = filter;
    this.records = page.records;
    this.next = page.next;
    this.loadedFor = JSON.stringify(filter);
  }

  /** The next older page of the filter on screen, added below. */
  async loadMore(): Promise<void> {
    if (this.next === null || this.loading) return;
    const generation = this.generation;
    const page = await this.fetch(this.filter, this.next);
    // the trail was loaded anew meanwhile: this page belongs to the old list
    if (!page || generation !== this.generation) return;
    const seen = new Set(this.records.map((r) => r.id));
    this.records = [...this.records, ...page.records.filter((r) => !seen.has(r.id))];
    this.next = page.next;
  }

  private async fetch(filter: AuditFilter, before: number | null): Promise<AuditPage | null> {
    this.loading = true;
    this.error = null;
    try {
      return await this.api.audit(this.code, filter, { before, limit: PAGE });
    } catch (e) {
      this.error = e;
      return null;
    } finally {
      this.loading = false;
    }
  }

  clear(): Promise<void> {
    this.event = '';
    this.station = '';
    this.judge = '';
    return this.load();
  }
}
