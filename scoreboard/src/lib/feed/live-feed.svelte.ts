import { applyRowChanges, type CompactFeedUpdate, type EventStandings, type FeedError, type FeedResumed, type FeedSnapshot, type StandingsRow } from '@skillscore/server/contracts';
import { FEED } from './feed-names';
import type { FeedSocket } from './feed-socket';
import { isScoreChange, orderRows } from './standings-order';

/**
 * live: connected and holding the server's latest state.
 * connecting: first connection, nothing shown yet.
 * reconnecting: the link dropped (or a resync is overdue); what is shown may be behind.
 * offline: the link has been down a while or the device reports no network.
 */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface RowChange {
  event: string;
  bib: string;
  /** client clock, ms */
  at: number;
  fromRank: number | null;
  toRank: number | null;
  /** score: its own marks changed; move: only its place changed because of someone else */
  kind: 'score' | 'move';
}

export interface LiveFeedOptions {
  now?: () => number;
  /** how long a dropped link shows "reconnecting" before it shows "offline" */
  offlineAfterMs?: number;
  /** a watch that got no snapshot within this time is sent again */
  watchRetryMs?: number;
  /** a server that closed the socket on purpose is dialled again after this delay */
  serverKickRetryMs?: number;
  /** browser network events; omitted in tests */
  network?: NetworkEvents;
  onApplied?: (kind: 'snapshot' | 'update') => void;
  /** the events to follow (all when absent): a phone follows the one on its screen */
  events?: readonly string[] | null;
  /**
   * Reads the snapshot over HTTP, where it travels compressed (a 300-entry event: about a tenth of
   * its size on the socket); the socket then only resumes from its seq. Without it, or when it
   * fails, the socket's own snapshot is used.
   */
  bootstrap?: (events: readonly string[] | null) => Promise<FeedSnapshot>;
}

export interface NetworkEvents {
  readonly onLine: boolean;
  addEventListener(type: 'online' | 'offline', fn: () => void): void;
  removeEventListener(type: 'online' | 'offline', fn: () => void): void;
}

const MAX_CHANGES = 40;

function followKey(events: readonly string[] | null): string {
  return (events ?? []).join('\n');
}

function moveKey(event: string, bib: string): string {
  return `${event}\u0000${bib}`;
}

/**
 * Live standings of one contest, kept in step with the server through the `/live` feed in its
 * compact form (§4a): each update is applied with the contract's one merge function, and a lost
 * message is found through the update's `prev`, which must be the `last` held for its event.
 */
export class LiveFeed {
  events = $state.raw<EventStandings[]>([]);
  connection = $state<ConnectionState>('connecting');
  /** client time of the last snapshot or update applied */
  lastUpdateAt = $state<number | null>(null);
  seq = $state<number | null>(null);
  error = $state<FeedError | null>(null);
  /** entries whose own marks changed, newest first */
  changes = $state.raw<RowChange[]>([]);
  /** the latest rank movement of each entry, by `event\u0000bib` */
  moves = $state.raw<ReadonlyMap<string, RowChange>>(new Map());
  /** how many times a gap in `seq` forced a fresh snapshot */
  resyncs = $state(0);
  /** how many watch requests were sent */
  watches = $state(0);

  readonly contest: string;
  private readonly socket: FeedSocket;
  private readonly now: () => number;
  private readonly offlineAfterMs: number;
  private readonly watchRetryMs: number;
  private readonly serverKickRetryMs: number;
  private readonly network?: NetworkEvents;
  private readonly onApplied?: (kind: 'snapshot' | 'update') => void;
  private readonly bootstrap?: (events: readonly string[] | null) => Promise<FeedSnapshot>;
  /** a bootstrap read in flight, by its number; a later one (or a fallback) makes it stale */
  private booting: number | null = null;
  private boots = 0;
  /** the next `resumed` completes a board read over HTTP, already announced through onApplied */
  private quietResume = false;
  /** preconnect() opened the socket before start() */
  private dialed = false;
  private awaitingSnapshot = false;
  /** asked to resume from the seq held: the missed updates come, then `resumed` */
  private resuming = false;
  private watchTimer: ReturnType<typeof setTimeout> | null = null;
  private offlineTimer: ReturnType<typeof setTimeout> | null = null;
  private kickTimer: ReturnType<typeof setTimeout> | null = null;
  private started = false;
  private only: readonly string[] | null;
  /** per event, the seq of the latest message applied */
  private last = new Map<string, number>();

  constructor(contest: string, socket: FeedSocket, options: LiveFeedOptions = {}) {
    this.contest = contest;
    this.socket = socket;
    this.now = options.now ?? Date.now;
    this.offlineAfterMs = options.offlineAfterMs ?? 20_000;
    this.watchRetryMs = options.watchRetryMs ?? 5_000;
    this.serverKickRetryMs = options.serverKickRetryMs ?? 3_000;
    this.network = options.network;
    this.onApplied = options.onApplied;
    this.bootstrap = options.bootstrap;
    this.only = options.events?.length ? [...options.events] : null;
  }

  /** The events followed, null for all. */
  get following(): readonly string[] | null {
    return this.only;
  }

  /**
   * Follows other events (null: all). The server is asked again, so a phone switching events
   * gets a snapshot of the new one only, and nothing more of the old one.
   */
  follow(events: readonly string[] | null): void {
    const next = events?.length ? [...events] : null;
    if (this.started && followKey(next) === followKey(this.only)) return;
    this.only = next;
    if (!this.started) return this.start();
    // the board held is of other events: nothing of it can be resumed
    this.seq = null;
    if (this.socket.connected || this.bootstrap) this.watch();
  }

  /**
   * Dials the server before the feed knows what to follow (a phone first reads the contest to pick
   * its event): the socket is up by the time the first board is, which saves a phone on a slow
   * link the handshake's round trips.
   */
  preconnect(): void {
    if (this.started || this.socket.connected) return;
    this.dialed = true;
    this.socket.connect();
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.socket.on('connect', this.handleConnect);
    this.socket.on('disconnect', this.handleDisconnect);
    this.socket.on('connect_error', this.handleConnectError);
    this.socket.on(FEED.snapshot, this.handleSnapshot);
    this.socket.on(FEED.update, this.handleUpdate);
    this.socket.on(FEED.error, this.handleFeedError);
    this.socket.on(FEED.resumed, this.handleResumed);
    this.network?.addEventListener('online', this.handleOnline);
    this.network?.addEventListener('offline', this.handleOffline);
    // the first board is read while the socket connects
    if (this.bootstrap) this.readFirstBoard();
    if (this.socket.connected) this.handleConnect();
    else this.socket.connect();
  }

  /** Removes every listener and timer and closes the socket. */
  stop(): void {
    if (!this.started) {
      // dialled early, never started: only the socket to close
      if (this.dialed) this.socket.disconnect();
      this.dialed = false;
      return;
    }
    this.started = false;
    this.socket.off('connect', this.handleConnect);
    this.socket.off('disconnect', this.handleDisconnect);
    this.socket.off('connect_error', this.handleConnectError);
    this.socket.off(FEED.snapshot, this.handleSnapshot);
    this.socket.off(FEED.update, this.handleUpdate);
    this.socket.off(FEED.error, this.handleFeedError);
    this.socket.off(FEED.resumed, this.handleResumed);
    this.network?.removeEventListener('online', this.handleOnline);
    this.network?.removeEventListener('offline', this.handleOffline);
    this.clearTimer('watchTimer');
    this.clearTimer('offlineTimer');
    this.clearTimer('kickTimer');
    this.booting = null;
    this.socket.disconnect();
  }

  event(key: string): EventStandings | undefined {
    return this.events.find((e) => e.event === key);
  }

  /** The latest change of an entry's own marks, optionally within one event. */
  latestScore(event?: string): RowChange | undefined {
    return this.changes.find((c) => event === undefined || c.event === event);
  }

  /** The most recent rank movement of an entry, if it happened at or after `since` (client ms). */
  movement(event: string, bib: string, since: number): RowChange | undefined {
    const m = this.moves.get(moveKey(event, bib));
    return m && m.at >= since ? m : undefined;
  }

  private readonly handleConnect = (): void => {
    this.clearTimer('offlineTimer');
    this.clearTimer('kickTimer');
    if (this.connection === 'offline') this.connection = 'reconnecting';
    // Always re-watch: after a reconnect (or a server restart) the server knows nothing of this
    // client. Holding a board, it asks for just what it missed; the server sends a snapshot instead
    // when it no longer has all of that.
    this.watch(true);
  };

  private readonly handleDisconnect = (reason: string): void => {
    this.awaitingSnapshot = false;
    this.quietResume = false;
    this.resuming = false;
    this.clearTimer('watchTimer');
    if (this.connection !== 'offline') this.connection = this.seq === null ? 'connecting' : 'reconnecting';
    this.armOfflineTimer();
    // socket.io does not reconnect by itself when the server closed the socket on purpose.
    if (reason === 'io server disconnect' && this.started) {
      this.clearTimer('kickTimer');
      this.kickTimer = setTimeout(() => {
        this.kickTimer = null;
        if (this.started && !this.socket.connected) this.socket.connect();
      }, this.serverKickRetryMs);
    }
  };

  private readonly handleConnectError = (): void => {
    this.armOfflineTimer();
  };

  private readonly handleOnline = (): void => {
    if (!this.started) return;
    if (this.socket.connected) this.watch(true);
    else this.socket.connect();
  };

  private readonly handleOffline = (): void => {
    this.connection = 'offline';
  };

  private readonly handleSnapshot = (s: FeedSnapshot): void => {
    if (!this.isOurs(s.contest)) return;
    // the socket's own snapshot supersedes a bootstrap read still in flight
    this.booting = null;
    this.applySnapshot(s);
  };

  private applySnapshot(s: FeedSnapshot): void {
    const previous = this.events;
    const hadState = this.seq !== null;
    this.events = s.events.map((e) => ({ ...e, rows: orderRows(e.rows) }));
    this.last = new Map(s.events.map((e) => [e.event, e.last ?? 0]));
    this.seq = s.seq;
    this.awaitingSnapshot = false;
    this.resuming = false;
    this.clearTimer('watchTimer');
    this.clearTimer('offlineTimer');
    this.error = null;
    this.lastUpdateAt = this.now();
    this.connection = this.network && !this.network.onLine ? 'offline' : 'live';
    // A resync snapshot may carry marks that arrived during the gap: show them as changes too.
    if (hadState) {
      const found: RowChange[] = [];
      for (const e of this.events) {
        const before = previous.find((p) => p.event === e.event)?.rows ?? [];
        found.push(...this.diff(e.event, before, e.rows));
      }
      this.record(found);
    }
    this.onApplied?.('snapshot');
  }

  private readonly handleUpdate = (u: CompactFeedUpdate): void => {
    if (u.contest !== undefined && !this.isOurs(u.contest)) return;
    // Until a snapshot arrives nothing can be merged; the snapshot will include this update.
    if (this.seq === null || this.awaitingSnapshot) return;
    if (this.only && !this.only.includes(u.event)) return;
    const held = this.last.get(u.event) ?? 0;
    if (u.seq <= held) return;
    if (u.prev !== held) {
      // a message of this event was lost: only a fresh snapshot can say what the board is now
      this.resyncs += 1;
      this.watch();
      return;
    }
    const index = this.events.findIndex((e) => e.event === u.event);
    const before: EventStandings =
      index >= 0
        ? this.events[index]
        : { contest: this.contest, event: u.event, seq: u.seq, final: u.final, frozen: u.frozen, rows: [] };
    const rows = applyRowChanges(before.rows, u);
    const next: EventStandings = { ...before, seq: u.seq, final: u.final, frozen: u.frozen, rows, last: u.seq };
    // the publication of the results (§5) travels only when it changes
    if (u.appealsClose !== undefined) next.appealsClose = u.appealsClose;
    if (u.official !== undefined) next.official = u.official;
    this.record(this.diff(u.event, before.rows, rows));
    this.events = index >= 0 ? this.events.map((e, i) => (i === index ? next : e)) : [...this.events, next];
    this.last.set(u.event, u.seq);
    this.seq = Math.max(this.seq, u.seq);
    this.lastUpdateAt = this.now();
    this.onApplied?.('update');
  };

  private readonly handleResumed = (r: FeedResumed): void => {
    if (!this.isOurs(r.contest) || !this.resuming) return;
    this.resuming = false;
    this.clearTimer('watchTimer');
    this.clearTimer('offlineTimer');
    this.error = null;
    this.lastUpdateAt = this.now();
    this.connection = this.network && !this.network.onLine ? 'offline' : 'live';
    const quiet = this.quietResume;
    this.quietResume = false;
    if (!quiet) this.onApplied?.('snapshot');
  };

  private readonly handleFeedError = (e: FeedError): void => {
    this.error = e;
    this.awaitingSnapshot = false;
    this.clearTimer('watchTimer');
  };

  /**
   * Reads the board over HTTP, then watches from its seq. The socket's own snapshot answers
   * instead when the read fails or takes longer than a watch may.
   */
  private readFirstBoard(): void {
    const boot = ++this.boots;
    this.booting = boot;
    this.awaitingSnapshot = true;
    this.resuming = false;
    this.clearTimer('watchTimer');
    const fallBack = () => {
      if (this.booting !== boot || !this.started) return;
      this.booting = null;
      if (this.socket.connected) this.watch(false, false);
    };
    this.watchTimer = setTimeout(() => {
      this.watchTimer = null;
      fallBack();
    }, this.watchRetryMs);
    const asked = followKey(this.only);
    this.bootstrap!(this.only).then((s) => {
      if (this.booting !== boot || !this.started) return;
      this.booting = null;
      // followed events changed while the read was in flight: it shows the wrong ones
      if (followKey(this.only) !== asked) return this.readFirstBoard();
      this.applySnapshot(s);
      // the resume that follows completes this board: it is not news of its own
      this.quietResume = true;
      if (!this.socket.connected) {
        // what is shown is a board of that seq, not a live one, until the socket is back
        this.connection = 'reconnecting';
        return;
      }
      this.watch(true);
    }, fallBack);
  }

  /**
   * `resume`: ask for only the updates after the seq held (when holding a board at all).
   * `viaHttp`: without a board to resume, read one over HTTP first (when a bootstrap is given).
   */
  private watch(resume = false, viaHttp = true): void {
    const since = resume && this.seq !== null ? this.seq : undefined;
    if (this.booting !== null) return; // the read in flight watches when it lands
    if (since === undefined && viaHttp && this.bootstrap) return this.readFirstBoard();
    this.awaitingSnapshot = since === undefined;
    this.resuming = since !== undefined;
    this.watches += 1;
    this.socket.emit(FEED.watch, { contest: this.contest, compact: true, ...(this.only ? { events: [...this.only] } : {}), ...(since !== undefined ? { since } : {}) });
    this.clearTimer('watchTimer');
    this.watchTimer = setTimeout(() => {
      this.watchTimer = null;
      if ((!this.awaitingSnapshot && !this.resuming) || !this.started) return;
      // No answer: what is on screen can no longer be called live.
      if (this.connection === 'live') this.connection = 'reconnecting';
      if (this.socket.connected) this.watch();
    }, this.watchRetryMs);
  }

  /** What changed between two states of an event's rows: new marks, and places moved by others. */
  private diff(event: string, before: readonly StandingsRow[], after: readonly StandingsRow[]): RowChange[] {
    const at = this.now();
    const old = new Map(before.map((r) => [r.bib, r]));
    const out: RowChange[] = [];
    for (const row of after) {
      const prev = old.get(row.bib);
      if (prev === row) continue;
      const score = isScoreChange(prev, row);
      if (!score && prev?.rank === row.rank) continue;
      out.push({ event, bib: row.bib, at, fromRank: prev?.rank ?? null, toRank: row.rank, kind: score ? 'score' : 'move' });
    }
    return out;
  }

  private record(found: RowChange[]): void {
    if (found.length === 0) return;
    // One mark can shift hundreds of rows; those moves are kept apart so they never crowd out the news.
    const scores = found.filter((c) => c.kind === 'score');
    if (scores.length) this.changes = [...scores, ...this.changes].slice(0, MAX_CHANGES);
    const moved = found.filter((c) => c.fromRank !== c.toRank);
    if (moved.length) {
      const next = new Map(this.moves);
      for (const c of moved) next.set(moveKey(c.event, c.bib), c);
      this.moves = next;
    }
  }

  private isOurs(contest: string): boolean {
    return contest.toUpperCase() === this.contest.toUpperCase();
  }

  private armOfflineTimer(): void {
    if (this.offlineTimer || this.connection === 'offline') return;
    this.offlineTimer = setTimeout(() => {
      this.offlineTimer = null;
      if (this.started && !this.socket.connected) this.connection = 'offline';
    }, this.offlineAfterMs);
  }

  private clearTimer(name: 'watchTimer' | 'offlineTimer' | 'kickTimer'): void {
    const t = this[name];
    if (t) clearTimeout(t);
    this[name] = null;
  }
}
