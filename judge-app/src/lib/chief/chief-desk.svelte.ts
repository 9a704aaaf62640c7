import type { AppealOutcome, AppealView, ChiefProgress, ErrorBody, StaffEventChanged } from '@skillscore/server/contracts';
import { STAFF } from '@skillscore/server/contracts';
import { ApiError } from '../api/http';
import type { ChiefApi, DeductionItem, EntryStatus } from '../api/chief-api';
import { compareStations } from '../marking/progress';
import { realScheduler, type Scheduler } from '../outbox/outbox';
import { browserStorage, readJson, writeJson, type KeyValue } from '../storage';
import { alertKey, alertSignature, type ToleranceAlert } from './desk-view';
import type { StaffSocket } from './staff-socket';

/**
 * live: watching the event on the staff channel; every change is fetched within a second.
 * connecting: the socket is on its way. offline: no socket; the desk polls instead.
 * refused: the server would not let this login watch (the message says why); the desk polls.
 */
export type LiveState = 'connecting' | 'live' | 'offline' | 'refused';

export interface DeskContext {
  contest: string;
  event: string;
}

export interface ChiefDeskOptions {
  ctx: DeskContext;
  api: ChiefApi;
  socket: StaffSocket;
  onUnauthorized: () => void;
  store?: KeyValue;
  scheduler?: Scheduler;
  /** how often the desk refetches while the staff channel is down */
  pollMs?: number;
}

export type ActResult = { ok: true } | { ok: false; error: ApiError };

export interface AlertView extends ToleranceAlert {
  key: string;
  signature: string;
  /** not yet acknowledged by the chief judge: shown highlighted */
  fresh: boolean;
}

function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError('network', 0, null);
}

/**
 * The chief judge's desk for one event: the server's progress, kept current by the `/staff`
 * channel (a change notice, then a refetch over REST), and the chief's acts.
 */
export class ChiefDesk {
  progress = $state.raw<ChiefProgress | null>(null);
  deductions = $state.raw<DeductionItem[]>([]);
  /** the event's appeals (复核申请), oldest first */
  appeals = $state.raw<AppealView[]>([]);
  live = $state<LiveState>('connecting');
  /** why the staff channel refused to watch */
  watchError = $state<ErrorBody | null>(null);
  loading = $state(false);
  /** the last refresh failed; what shows is from fetchedAt */
  error = $state<ApiError | null>(null);
  fetchedAt = $state<number | null>(null);
  /** signatures of alerts the chief judge has looked at */
  acked = $state.raw<ReadonlySet<string>>(new Set());

  alerts: AlertView[] = $derived.by(() =>
    (this.progress?.alerts ?? []).map((a) => {
      const signature = alertSignature(a);
      return { ...a, key: alertKey(a), signature, fresh: !this.acked.has(signature) };
    }),
  );
  freshAlerts = $derived(this.alerts.filter((a) => a.fresh).length);
  openAppeals = $derived(this.appeals.filter((a) => a.status === 'open').length);

  readonly ctx: DeskContext;
  private readonly api: ChiefApi;
  private readonly socket: StaffSocket;
  private readonly onUnauthorized: () => void;
  private readonly store: KeyValue;
  private readonly scheduler: Scheduler;
  private readonly pollMs: number;
  private started = false;
  private revision: number | null = null;
  private inflight: Promise<void> | null = null;
  private again = false;
  private pollTimer: unknown = null;

  constructor(opts: ChiefDeskOptions) {
    this.ctx = opts.ctx;
    this.api = opts.api;
    this.socket = opts.socket;
    this.onUnauthorized = opts.onUnauthorized;
    this.store = opts.store ?? browserStorage();
    this.scheduler = opts.scheduler ?? realScheduler;
    this.pollMs = opts.pollMs ?? 20_000;
    this.acked = new Set(readJson<string[]>(this.store, this.acksKey) ?? []);
  }

  private get acksKey(): string {
    return `skillscore.chief.acks.${this.ctx.contest}.${this.ctx.event}`;
  }

  get final(): boolean {
    return this.progress?.final ?? false;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.socket.on('connect', this.onConnect);
    this.socket.on('disconnect', this.onDisconnect);
    this.socket.on('connect_error', this.onConnectError);
    this.socket.on(STAFF.watching, this.onWatching);
    this.socket.on(STAFF.changed, this.onChanged);
    this.socket.on(STAFF.error, this.onStaffError);
    void this.refresh();
    if (this.socket.connected) this.onConnect();
    else this.socket.connect();
    this.armPoll();
  }

  /** Removes every listener and timer and closes the socket. */
  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.socket.off('connect', this.onConnect);
    this.socket.off('disconnect', this.onDisconnect);
    this.socket.off('connect_error', this.onConnectError);
    this.socket.off(STAFF.watching, this.onWatching);
    this.socket.off(STAFF.changed, this.onChanged);
    this.socket.off(STAFF.error, this.onStaffError);
    if (this.pollTimer !== null) this.scheduler.clearTimer(this.pollTimer);
    this.pollTimer = null;
    this.socket.disconnect();
  }

  /**
   * Fetches progress and deductions. Calls while a fetch is under way are folded into one more
   * fetch after it, so the desk always ends on an answer given after the latest change.
   */
  refresh(): Promise<void> {
    if (this.inflight) {
      this.again = true;
      return this.inflight;
    }
    this.inflight = (async () => {
      do {
        this.again = false;
        await this.load();
      } while (this.again);
    })().finally(() => (this.inflight = null));
    return this.inflight;
  }

  /** Settles when the fetches under way (and the ones folded into them) are done. */
  get refreshing(): Promise<void> {
    return this.inflight ?? Promise.resolve();
  }

  acknowledge(alert: AlertView): void {
    this.saveAcks(new Set([...this.acked, alert.signature]));
  }

  acknowledgeAll(): void {
    this.saveAcks(new Set([...this.acked, ...this.alerts.map((a) => a.signature)]));
  }

  reopen(station: string, judge: string, reason: string, appeal?: string): Promise<ActResult> {
    return this.act(() => this.api.reopen(this.ctx.contest, this.ctx.event, station, judge, reason.trim(), appeal || undefined));
  }

  addDeduction(station: string, points: number, reason: string, appeal?: string): Promise<ActResult> {
    return this.act(() => this.api.addDeduction(this.ctx.contest, this.ctx.event, { station, points, reason: reason.trim(), ...(appeal ? { appeal } : {}) }));
  }

  /** The chief judge's written answer to an appeal. */
  decideAppeal(id: string, outcome: AppealOutcome, answer: string): Promise<ActResult> {
    return this.act(() => this.api.decideAppeal(this.ctx.contest, this.ctx.event, id, { outcome, answer: answer.trim() }));
  }

  /** Open appeals about a station, for naming one in a reopen or deduction. */
  openAppealsAt(station: string): AppealView[] {
    return this.appeals.filter((a) => a.status === 'open' && a.station === station);
  }

  voidDeduction(id: number, reason: string): Promise<ActResult> {
    return this.act(() => this.api.voidDeduction(this.ctx.contest, this.ctx.event, id, reason.trim()));
  }

  setStatus(station: string, status: EntryStatus, reason: string): Promise<ActResult> {
    return this.act(() => this.api.setStatus(this.ctx.contest, this.ctx.event, station, status, reason.trim()));
  }

  finalize(): Promise<ActResult> {
    return this.act(() => this.api.finalize(this.ctx.contest, this.ctx.event));
  }

  /** An act goes straight to the server (never queued): the chief judge must see it take effect. */
  private async act(work: () => Promise<unknown>): Promise<ActResult> {
    let result: ActResult = { ok: true };
    try {
      await work();
    } catch (e) {
      const error = asApiError(e);
      if (error.kind === 'http' && error.status === 401) this.onUnauthorized();
      result = { ok: false, error };
    }
    // A refused act often means the desk was behind (a sheet came in, another desk acted).
    if (!(result.ok === false && result.error.offline)) await this.refresh();
    return result;
  }

  private async load(): Promise<void> {
    this.loading = true;
    try {
      const [progress, deductions, appeals] = await Promise.all([
        this.api.progress(this.ctx.contest, this.ctx.event),
        this.api.deductions(this.ctx.contest, this.ctx.event),
        this.api.appeals(this.ctx.contest, this.ctx.event),
      ]);
      this.appeals = Array.isArray(appeals) ? appeals : [];
      // The server lists stations in rank order; the desk walks them by number.
      this.progress = { ...progress, stations: [...progress.stations].sort((a, b) => compareStations(a.station, b.station)) };
      this.deductions = deductions;
      this.fetchedAt = this.scheduler.now();
      this.error = null;
      this.pruneAcks(progress);
    } catch (e) {
      const error = asApiError(e);
      if (error.kind === 'http' && error.status === 401) {
        this.onUnauthorized();
        return;
      }
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  private saveAcks(next: Set<string>): void {
    this.acked = next;
    writeJson(this.store, this.acksKey, [...next]);
  }

  /** Forgets acknowledgements of alerts that are gone, so the tablet's copy stays small. */
  private pruneAcks(p: ChiefProgress): void {
    const current = new Set(p.alerts.map(alertSignature));
    const kept = [...this.acked].filter((s) => current.has(s));
    if (kept.length !== this.acked.size) this.saveAcks(new Set(kept));
  }

  private armPoll(): void {
    this.pollTimer = this.scheduler.setTimer(() => {
      this.pollTimer = null;
      if (!this.started) return;
      if (this.live !== 'live') void this.refresh();
      this.armPoll();
    }, this.pollMs);
  }

  private readonly onConnect = (): void => {
    // After every (re)connect the server knows nothing of this desk: watch again.
    this.live = 'connecting';
    this.socket.emit(STAFF.watch, { contest: this.ctx.contest, event: this.ctx.event });
  };

  private readonly onDisconnect = (): void => {
    if (this.live !== 'refused') this.live = 'offline';
  };

  private readonly onConnectError = (): void => {
    if (this.live !== 'refused') this.live = 'offline';
  };

  private readonly onWatching = (e: StaffEventChanged): void => {
    if (!this.isOurs(e)) return;
    this.live = 'live';
    this.watchError = null;
    // Changes made while the channel was down were never announced: fetch unless already current.
    if (this.revision === null || e.revision !== this.revision) void this.refresh();
    this.revision = e.revision;
  };

  private readonly onChanged = (e: StaffEventChanged): void => {
    if (!this.isOurs(e) || e.revision === this.revision) return;
    this.revision = e.revision;
    void this.refresh();
  };

  private readonly onStaffError = (e: ErrorBody): void => {
    if (e.statusCode === 401) {
      this.onUnauthorized();
      return;
    }
    this.live = 'refused';
    this.watchError = e;
  };

  private isOurs(e: StaffEventChanged): boolean {
    return e.event === this.ctx.event && e.contest.toLowerCase() === this.ctx.contest.toLowerCase();
  }
}
