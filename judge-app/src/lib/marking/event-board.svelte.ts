import type { JudgeEventScheme, SheetListItem, StoredSheet } from '@skillscore/server/contracts';
import { ApiError } from '../api/http';
import type { JudgeApi } from '../api/judge-api';
import { browserStorage, readJson, writeJson, type KeyValue } from '../storage';
import { compareStations } from './progress';

interface CachedBoard {
  scheme: JudgeEventScheme;
  items: SheetListItem[];
  fetchedAt: number;
}

export interface BoardContext {
  contest: string;
  judge: string;
  event: string;
}

/**
 * One event as this judge sees it: the criteria they mark and their stations. The last good
 * copy is kept on the tablet so the lists still show after a reload without network.
 */
export class EventBoard {
  scheme = $state<JudgeEventScheme | null>(null);
  items = $state<SheetListItem[]>([]);
  /** when the server last gave us the list (ms), null when never */
  fetchedAt = $state<number | null>(null);
  loading = $state(false);
  /** the last refresh failed for want of network: what shows is the tablet's copy */
  stale = $state(false);
  error = $state<ApiError | null>(null);
  private inflight: Promise<void> | null = null;

  constructor(
    readonly ctx: BoardContext,
    private readonly api: JudgeApi,
    private readonly onUnauthorized: () => void,
    private readonly store: KeyValue = browserStorage(),
  ) {
    const cached = readJson<CachedBoard>(store, this.cacheKey);
    if (cached) {
      this.scheme = cached.scheme;
      this.items = cached.items;
      this.fetchedAt = cached.fetchedAt;
    }
  }

  private get cacheKey(): string {
    return `skillscore.judge.board.${this.ctx.contest}.${this.ctx.judge}.${this.ctx.event}`;
  }

  get ready(): boolean {
    return this.scheme !== null;
  }

  refresh(): Promise<void> {
    this.inflight ??= this.load().finally(() => (this.inflight = null));
    return this.inflight;
  }

  /** A 200 for a PUT is the server's word for that one sheet; no need to wait for the list. */
  applyReceipt(sheet: StoredSheet): void {
    const i = this.items.findIndex((x) => x.station === sheet.station);
    const next: SheetListItem = {
      station: sheet.station,
      status: sheet.status,
      scores: sheet.scores,
      version: sheet.version,
      submittedAt: sheet.submittedAt ?? null,
      comments: sheet.comments ?? {},
    };
    if (i >= 0) this.items[i] = next;
    this.persist();
  }

  private async load(): Promise<void> {
    this.loading = true;
    try {
      const [scheme, list] = await Promise.all([
        this.api.scheme(this.ctx.contest, this.ctx.event),
        this.api.sheets(this.ctx.contest, this.ctx.event).catch((e: unknown) => e),
      ]);
      // A chief judge who is not on the panel has a scheme with no criteria and no list (403).
      const notOnPanel = list instanceof ApiError && list.status === 403 && scheme.criteria.length === 0;
      if (!Array.isArray(list) && !notOnPanel) throw list;
      const items: SheetListItem[] = Array.isArray(list) ? list : [];
      this.scheme = scheme;
      this.items = [...items].sort((a, b) => compareStations(a.station, b.station));
      this.fetchedAt = Date.now();
      this.stale = false;
      this.error = null;
      this.persist();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError('network', 0, null);
      if (err.kind === 'http' && err.status === 401) {
        this.onUnauthorized();
        return;
      }
      this.stale = err.offline;
      this.error = err;
    } finally {
      this.loading = false;
    }
  }

  private persist(): void {
    if (!this.scheme || this.fetchedAt === null) return;
    writeJson(this.store, this.cacheKey, { scheme: $state.snapshot(this.scheme), items: $state.snapshot(this.items), fetchedAt: this.fetchedAt });
  }
}
