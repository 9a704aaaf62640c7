import type { ChiefProgress, ErrorBody, StaffEventChanged } from '@skillscore/server/contracts';
import { STAFF } from '@skillscore/server/contracts';
import type { StaffSocket } from '../../lib/chief/staff-socket';
import { realScheduler, type Scheduler } from '../../lib/outbox/outbox';

export interface EventProgress {
  submitted: number;
  expected: number;
  /** competing stations whose every sheet is in */
  complete: number;
  competing: number;
  alerts: number;
  final: boolean;
}

export function summarize(p: ChiefProgress): EventProgress {
  const competing = p.stations.filter((s) => s.status === 'competing');
  return {
    submitted: p.submitted,
    expected: p.expected,
    complete: competing.filter((s) => s.complete).length,
    competing: competing.length,
    alerts: p.alerts.length,
    final: p.final,
  };
}

/** live: every event is watched on the staff channel. polling: the channel is down or refused; a slow poll stands in. */
export type WatchState = 'connecting' | 'live' | 'polling';

export interface ProgressWatchOptions {
  api: { progress(code: string, event: string): Promise<ChiefProgress> };
  code: string;
  events: () => string[];
  socket: StaffSocket;
  scheduler?: Scheduler;
  /** how often every event is fetched while the staff channel is down */
  fallbackMs?: number;
  /** how long the first load waits for the channel before fetching over REST anyway */
  firstLoadMs?: number;
}

/**
 * Marking progress of every event of a contest while the overview is open. Each event is watched
 * on the `/staff` channel and fetched when it is accepted and then only when it changes: nothing
 * travels while nothing happens. While the channel is down the watch falls back to a slow poll.
 */
export class ProgressWatch {
  progress = $state<Record<string, EventProgress>>({});
  error = $state<unknown>(null);
  updatedAt = $state<string | null>(null);
  live = $state<WatchState>('connecting');

  readonly code: string;
  private readonly api: ProgressWatchOptions['api'];
  private readonly events: () => string[];
  private readonly socket: StaffSocket;
  private readonly scheduler: Scheduler;
  private readonly fallbackMs: number;
  private readonly firstLoadMs: number;
  private started = false;
  /** the last revision the server announced per event; a notice of the same revision is not fetched again */
  private readonly revisions = new Map<string, number>();
  /** per event: the fetch under way, and whether another change arrived meanwhile */
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private pollTimer: unknown = null;
  private firstTimer: unknown = null;

  constructor(opts: ProgressWatchOptions) {
    this.api = opts.api;
    this.code = opts.code;
    this.events = opts.events;
    this.socket = opts.socket;
    this.scheduler = opts.scheduler ?? realScheduler;
    this.fallbackMs = opts.fallbackMs ?? 60_000;
    this.firstLoadMs = opts.firstLoadMs ?? 2_000;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.socket.on('connect', this.onConnect);
    this.socket.on('disconnect', this.onDown);
    this.socket.on('connect_error', this.onDown);
    this.socket.on(STAFF.watching, this.onWatching);
    this.socket.on(STAFF.changed, this.onChanged);
    this.socket.on(STAFF.error, this.onStaffError);
    // the first data comes with each watch's acceptance; only a slow channel makes the page fetch on its own
    this.firstTimer = this.scheduler.setTimer(() => {
      this.firstTimer = null;
      this.fetchMissing();
    }, this.firstLoadMs);
    if (this.socket.connected) this.onConnect();
    else this.socket.connect();
  }

  /** Removes every listener and timer and closes the socket. */
  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.socket.off('connect', this.onConnect);
    this.socket.off('disconnect', this.onDown);
    this.socket.off('connect_error', this.onDown);
    this.socket.off(STAFF.watching, this.onWatching);
    this.socket.off(STAFF.changed, this.onChanged);
    this.socket.off(STAFF.error, this.onStaffError);
    if (this.firstTimer !== null) this.scheduler.clearTimer(this.firstTimer);
    this.firstTimer = null;
    this.disarmPoll();
    this.socket.disconnect();
  }

  /** Fetches every event now (the organizer asked, or the poll came round). */
  refresh(): Promise<void> {
    return Promise.all(this.events().map((k) => this.fetch(k))).then(() => undefined);
  }

  /**
   * Fetches one event's progress. A call while that event's fetch is under way is folded into
   * one more fetch after it, so the page ends on an answer given after the latest change.
   */
  fetch(event: string): Promise<void> {
    const running = this.inflight.get(event);
    if (running) {
      this.again.add(event);
      return running;
    }
    const run = (async () => {
      do {
        this.again.delete(event);
        await this.load(event);
      } while (this.again.has(event) && this.started);
    })().finally(() => this.inflight.delete(event));
    this.inflight.set(event, run);
    return run;
  }

  private async load(event: string): Promise<void> {
    try {
      const p = await this.api.progress(this.code, event);
      this.progress = { ...this.progress, [event]: summarize(p) };
      this.error = null;
      this.updatedAt = new Date(this.scheduler.now()).toISOString();
    } catch (e) {
      this.error = e;
    }
  }

  private fetchMissing(): void {
    for (const k of this.events()) if (!(k in this.progress) && !this.inflight.has(k)) void this.fetch(k);
  }

  private armPoll(): void {
    if (this.pollTimer !== null || !this.started) return;
    this.pollTimer = this.scheduler.setTimer(() => {
      this.pollTimer = null;
      if (!this.started || this.live === 'live') return;
      void this.refresh();
      this.armPoll();
    }, this.fallbackMs);
  }

  private disarmPoll(): void {
    if (this.pollTimer !== null) this.scheduler.clearTimer(this.pollTimer);
    this.pollTimer = null;
  }

  private readonly onConnect = (): void => {
    // after every (re)connect the server knows nothing of this page: watch every event again
    this.live = 'connecting';
    for (const event of this.events()) this.socket.emit(STAFF.watch, { contest: this.code, event });
  };

  private readonly onDown = (): void => {
    if (!this.started) return;
    this.live = 'polling';
    this.fetchMissing();
    this.armPoll();
  };

  private readonly onWatching = (e: StaffEventChanged): void => {
    if (!this.isOurs(e)) return;
    this.live = 'live';
    this.disarmPoll();
    // changes made while the channel was down were never announced: fetch unless already current
    if (this.revisions.get(e.event) !== e.revision && !this.inflight.has(e.event)) void this.fetch(e.event);
    this.revisions.set(e.event, e.revision);
  };

  private readonly onChanged = (e: StaffEventChanged): void => {
    if (!this.isOurs(e) || this.revisions.get(e.event) === e.revision) return;
    this.revisions.set(e.event, e.revision);
    void this.fetch(e.event);
  };

  /** A refused watch (a login that ended, an event gone): the page keeps working on the slow poll. */
  private readonly onStaffError = (e: ErrorBody): void => {
    void e;
    this.onDown();
  };

  private isOurs(e: StaffEventChanged): boolean {
    return e.contest.toLowerCase() === this.code.toLowerCase() && this.events().includes(e.event);
  }
}
