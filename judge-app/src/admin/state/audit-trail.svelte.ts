import type { AuditRecordView } from '@skillscore/server/contracts';
import type { ConsoleApi } from '../api/console-api';

const PAGE = 100;

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

/** The audit trail, newest first, narrowed to an event, a station or a judge. */
export class AuditTrail {
  event = $state('');
  station = $state('');
  judge = $state('');
  records = $state<AuditRecordView[]>([]);
  loading = $state(false);
  error = $state<unknown>(null);
  shown = $state(PAGE);
  /** the filter the records on screen answer */
  loadedFor = $state('');

  constructor(
    private readonly api: ConsoleApi,
    readonly code: string,
  ) {}

  visible = $derived(this.records.slice(0, this.shown));
  more = $derived(Math.max(0, this.records.length - this.shown));

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    const filter = { event: this.event.trim(), station: this.station.trim(), judge: this.judge.trim() };
    try {
      this.records = await this.api.audit(this.code, filter);
      this.shown = PAGE;
      this.loadedFor = JSON.stringify(filter);
    } catch (e) {
      this.error = e;
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

  showMore(): void {
    this.shown += PAGE;
  }
}
