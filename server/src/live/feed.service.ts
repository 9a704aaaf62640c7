import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { Server, Socket } from 'socket.io';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/config';
import { ContestLookup } from '../contests/contest-lookup';
import { FEED, type FeedReveal, type FeedSnapshot, type FeedUpdate } from '../contracts/feed';
import type { EventStandings, StandingsRow } from '../contracts/standings';
import { type Contest, ContestEvent } from '../database/entities';
import { lockRow } from '../database/sql';
import { Transactor } from '../database/transactor';
import { StandingsService } from '../standings/standings.service';
import { comparePublicRows, type CompactFeedUpdate } from '../contracts/compact-feed';
import { sameJson } from './same-json';
import { BusyGauge, coalesceWindow } from './coalesce-window';
import { FeedLogRepository } from './feed-log.repository';
import { FeedStateRepository, type PublicState } from '../standings/feed-state.repository';
import { compactChanges } from './compact-changes';
import { DomainError } from '../common/domain-error';
import { RESULTS_CHANGED, type ResultsChanged } from '../common/results-changed';
import type { PublicFeed } from '../common/public-feed';

/**
 * The socket.io room of the watchers of one contest in one form (whole rows or compact), of every
 * event or of one. Every watcher is in the rooms of exactly one form, so a message sent to the
 * contest's room and the event's room reaches each of them once (socket.io joins the rooms).
 */
export function feedRoom(code: string, compact: boolean, event?: string): string {
  return `${compact ? 'compact' : 'contest'}:${code}${event === undefined ? '' : `|${event}`}`;
}

/** What a watch asked for (§4a): the compact form, the events it follows (all when absent), and the seq it holds. */
export interface WatchForm {
  compact?: boolean;
  events?: string[];
  /** a compact watcher back from a short drop: the seq it holds */
  since?: number;
}

interface Waiter {
  socket: Socket;
  form: WatchForm;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** One published message in both forms. */
interface Sent {
  contest: string;
  event: string;
  full: FeedUpdate;
  compact: CompactFeedUpdate;
}

/**
 * The public live feed. Changes are coalesced per contest for a few milliseconds; each publish
 * diffs the event's public rows against what the public last saw (kept in the database), and
 * only then takes the next `seq` — so seq is contiguous and derivable from the database.
 * All work of one contest runs in one queue, so a snapshot and the updates after it are ordered.
 */
@Injectable()
export class FeedService implements BeforeApplicationShutdown, PublicFeed {
  private readonly log = new Logger('live');
  private server: Server | null = null;
  private readonly queues = new Map<number, Promise<unknown>>();
  private readonly dirty = new Map<number, Set<number>>();
  private readonly timers = new Map<number, NodeJS.Timeout>();
  /** when each contest's last publish was queued (ms since the epoch) */
  private readonly lastQueued = new Map<number, number>();
  private readonly busy = new BusyGauge();
  /** per contest, the watchers whose snapshot is queued but not yet built */
  private readonly waiting = new Map<number, Waiter[]>();
  /** per contest, the HTTP snapshot queued but not yet built */
  private readonly httpSnapshots = new Map<number, Promise<FeedSnapshot>>();

  constructor(
    private readonly config: AppConfig,
    private readonly tx: Transactor,
    private readonly lookup: ContestLookup,
    private readonly standings: StandingsService,
    private readonly states: FeedStateRepository,
    private readonly feedLog: FeedLogRepository,
  ) {}

  /** Publishes what is queued before the database closes, so a clean stop loses no update. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.race([this.settle(), new Promise((r) => setTimeout(r, 3000))]);
  }

  attach(server: Server): void {
    this.server = server;
  }

  private enqueue<T>(contestId: number, work: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(contestId) ?? Promise.resolve();
    const next = prev.then(work, work);
    // a refusal (409 on a second freeze, 404) is the caller's answer, not a fault of the feed
    const settled = next.catch((e: unknown) => {
      if (!(e instanceof DomainError)) this.log.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    });
    this.queues.set(contestId, settled);
    void settled.then(() => {
      if (this.queues.get(contestId) === settled) this.queues.delete(contestId);
    });
    return next;
  }

  /**
   * At most one publish per contest every coalescing window: FEED_COALESCE_MS while the process is
   * quiet, up to FEED_MAX_COALESCE_MS while it is busy (coalesce-window.ts). A change on a quiet
   * feed is published at once (with whatever else arrives in the same turn of the event loop);
   * changes that follow within the window wait for its end and go out together.
   */
  @OnEvent(RESULTS_CHANGED)
  onResultsChanged(change: ResultsChanged): void {
    const { contestId } = change;
    const set = this.dirty.get(contestId) ?? new Set<number>();
    set.add(change.eventId);
    this.dirty.set(contestId, set);
    if (this.timers.has(contestId)) return;
    const window = coalesceWindow(this.busy.read(), this.config.feedCoalesceMs, this.config.feedMaxCoalesceMs);
    const wait = Math.max(0, (this.lastQueued.get(contestId) ?? -Infinity) + window - Date.now());
    this.timers.set(
      contestId,
      setTimeout(() => {
        this.timers.delete(contestId);
        this.lastQueued.set(contestId, Date.now());
        const events = this.dirty.get(contestId);
        this.dirty.delete(contestId);
        if (events) void this.enqueue(contestId, () => this.publish(contestId, [...events]));
      }, wait),
    );
  }

  /** Resolves when everything queued so far for the contest has been published (tests, shutdown). */
  async settle(contestId?: number): Promise<void> {
    for (;;) {
      const pendingTimers = contestId === undefined ? this.timers.size : Number(this.timers.has(contestId));
      const queue = contestId === undefined ? [...this.queues.values()] : [this.queues.get(contestId)].filter(Boolean);
      if (!pendingTimers && !queue.length) return;
      await Promise.all(queue);
      await new Promise((r) => setTimeout(r, Math.max(5, this.config.feedCoalesceMs)));
    }
  }

  private async publish(contestId: number, eventIds: number[]): Promise<void> {
    for (const eventId of eventIds) {
      const event = await this.tx.manager.getRepository(ContestEvent).findOneBy({ id: eventId });
      if (!event) continue;
      const rows = event.frozen ? null : await this.standings.liveRows(event);
      const sent = await this.tx.run(async (em) => {
        // several processes may publish for one contest (PostgreSQL): their diffs and seq increments take turns
        await lockRow(em, 'contests', contestId);
        const state = await this.states.one(em, eventId);
        // first publication: the public has not seen this event yet, so it gets it whole
        if (!state) return rows ? this.commit(em, contestId, event, null, rows) : null;
        const changed = rows ? diffRows(state.rows, rows) : [];
        const removed = rows ? removedBibs(state.rows, rows) : [];
        if (!changed.length && !removed.length && state.final === event.final && state.frozen === event.frozen) return null;
        return this.commit(em, contestId, event, state, rows ?? state.rows, { changed });
      });
      if (sent) this.emit(sent);
    }
  }

  /**
   * Takes the contest's next seq and stores `rows` as the event's public state, in the caller's
   * transaction, and builds the update in both forms: whole changed rows, and compact (§4a).
   * `state` is what the public saw before (read in the same transaction), null before the first.
   */
  private async commit(
    em: EntityManager,
    contestId: number,
    event: Pick<ContestEvent, 'id' | 'key' | 'final' | 'frozen'>,
    state: PublicState | null,
    rows: readonly StandingsRow[],
    opts: { changed?: StandingsRow[]; reveal?: FeedReveal; extra?: Record<string, unknown> } = {},
  ): Promise<Sent> {
    const { seq, code } = await this.states.nextSeq(em, contestId);
    const prev = state?.last ?? 0;
    await this.states.write(em, contestId, { eventId: event.id, rows, final: event.final, frozen: event.frozen, last: seq }, state !== null);
    const before = state?.rows ?? [];
    const removed = removedBibs(before, rows);
    const tail = { final: event.final, frozen: event.frozen, contest: code, ...(opts.reveal ? { reveal: opts.reveal } : {}), ...opts.extra };
    const full: FeedUpdate = { seq, prev, event: event.key, rows: opts.changed ?? diffRows(before, rows), ...tail, ...(removed.length ? { removed } : {}) };
    const compact: CompactFeedUpdate = { seq, prev, event: event.key, ...compactChanges(before, rows), ...tail };
    await this.feedLog.append(em, contestId, compact);
    return { contest: code, event: event.key, full, compact };
  }

  /** Each watcher gets the update in the form it asked for: whole rows or compact, every event or its own. */
  private emit(sent: Sent): void {
    if (!this.server) return;
    this.server.to([feedRoom(sent.contest, false), feedRoom(sent.contest, false, sent.event)]).emit(FEED.update, sent.full);
    this.server.to([feedRoom(sent.contest, true), feedRoom(sent.contest, true, sent.event)]).emit(FEED.update, sent.compact);
  }

  /**
   * Freezes an event's public board. The capture is what the public is shown at this moment, taken
   * in the same transaction as the freeze: the live public rows at the event's current revision,
   * published as one update with `frozen: true` and kept as the event's public state, so every
   * public surface (standings, teams, snapshots, updates) shows exactly that until the unfreeze,
   * whether or not anyone had watched the event before. `act` checks and writes the freeze itself
   * (and its audit record) inside that transaction.
   */
  async freeze(contestId: number, eventId: number, act: (em: EntityManager, event: ContestEvent) => Promise<void>): Promise<void> {
    const sent = await this.enqueue(contestId, async () => {
      for (;;) {
        const event = await this.tx.manager.getRepository(ContestEvent).findOneByOrFail({ id: eventId });
        const live = await this.standings.liveRows(event);
        const out = await this.tx.run(async (em) => {
          // a sheet or chief act of the event takes the event's lock first: none can slip in between
          await lockRow(em, 'events', eventId);
          await lockRow(em, 'contests', contestId);
          const fresh = await em.getRepository(ContestEvent).findOneByOrFail({ id: eventId });
          if (fresh.revision !== event.revision || fresh.boardMode !== event.boardMode || fresh.final !== event.final) return 'stale' as const;
          await act(em, fresh);
          const frozen = await em.getRepository(ContestEvent).findOneByOrFail({ id: eventId });
          const state = await this.states.one(em, eventId);
          return this.commit(em, contestId, frozen, state, live);
        });
        if (out !== 'stale') return out;
      }
    });
    this.emit(sent);
  }

  /**
   * One step of the ceremony reveal on a frozen event: the given entries' public rows become
   * their live rows, as one feed update. `step` decides which entries from the live rows and the
   * number already revealed, inside the contest's queue so it sees the latest public state;
   * `record` writes the step's audit record in the transaction that publishes it.
   */
  async reveal(
    contestId: number,
    eventId: number,
    step: (live: StandingsRow[], revealed: number) => { award: string | null; bibs: string[]; total: number } | null,
    record: (em: EntityManager, step: FeedReveal) => Promise<void>,
  ): Promise<FeedReveal | null> {
    return this.enqueue(contestId, async () => {
      const event = await this.tx.manager.getRepository(ContestEvent).findOneByOrFail({ id: eventId });
      const live = await this.standings.liveRows(event);
      const next = step(live, event.revealed);
      if (!next) return null;
      const shown = new Set(next.bibs);
      const sent = await this.tx.run(async (em) => {
        // the event's row before the contest's, as every write of an event takes them (no deadlock on PostgreSQL)
        await lockRow(em, 'events', eventId);
        await lockRow(em, 'contests', contestId);
        const state = await this.states.one(em, eventId);
        const before = state?.rows ?? [];
        const revealedRows = live.filter((r) => shown.has(r.bib));
        const merged = [...before.filter((r) => !shown.has(r.bib)), ...revealedRows].sort(comparePublicRows);
        const revealed = event.revealed + next.bibs.length;
        await em.getRepository(ContestEvent).update({ id: eventId }, { revealed });
        const reveal: FeedReveal = { award: next.award, bibs: next.bibs, revealed, total: next.total };
        await record(em, reveal);
        return this.commit(em, contestId, event, state, merged, { changed: revealedRows, reveal });
      });
      this.emit(sent);
      return sent.full.reveal!;
    });
  }

  /**
   * Sends one update for an event whose rows did not change but whose other public fields did
   * (the appeal window of published results, appeals/). `fields` runs in the publishing
   * transaction and answers the fields to add, or null to send nothing. A frozen event gets
   * nothing, nor one the public has not seen yet: its first snapshot carries the fields.
   */
  async announce(contestId: number, eventId: number, fields: (em: EntityManager) => Promise<Record<string, unknown> | null>): Promise<void> {
    const sent = await this.enqueue(contestId, () =>
      this.tx.run(async (em) => {
        await lockRow(em, 'contests', contestId);
        const event = await em.getRepository(ContestEvent).findOneBy({ id: eventId });
        const state = event && !event.frozen ? await this.states.one(em, eventId) : null;
        if (!event || !state) return null;
        const extra = await fields(em);
        if (!extra) return null;
        // the rows and flags stay as the public saw them: a change of results goes out through publish
        return this.commit(em, contestId, { ...event, final: state.final, frozen: state.frozen }, state, state.rows, { changed: [], extra });
      }),
    );
    if (sent) this.emit(sent);
  }

  /** After a start, publishes whatever changed while no process was publishing (a crash between commit and push). */
  async reconcileAll(): Promise<void> {
    const events = await this.tx.manager.getRepository(ContestEvent).find();
    const byContest = new Map<number, number[]>();
    for (const e of events) byContest.set(e.contestId, [...(byContest.get(e.contestId) ?? []), e.id]);
    await Promise.all([...byContest].map(([contestId, ids]) => this.enqueue(contestId, () => this.publish(contestId, ids))));
  }

  /**
   * Subscribes a watcher to a contest: it joins the contest's room and gets one snapshot, built in
   * the contest's queue so no update can slip between the snapshot and the next. Watchers that ask
   * while a snapshot is waiting its turn share it: after a restart a venue's boards and phones all
   * re-watch within a second, and one broadcast is encoded once, where a thousand single emits
   * would each encode and frame the same hundred kilobytes.
   */
  async watch(code: string, socket: Socket, form: WatchForm = {}): Promise<void> {
    const contest = await this.lookup.contest(code);
    await this.checkEvents(contest, form.events);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { socket, form, resolve, reject };
      const waiting = this.waiting.get(contest.id);
      if (waiting) {
        waiting.push(waiter);
        return;
      }
      const batch = [waiter];
      this.waiting.set(contest.id, batch);
      void this.enqueue(contest.id, async () => {
        this.waiting.delete(contest.id);
        try {
          const resumed = new Set<Waiter>();
          for (const w of batch) if (await this.resume(contest.id, code, w)) resumed.add(w);
          const rest = batch.filter((w) => !resumed.has(w));
          const snapshot = rest.length ? await this.snapshot(code) : null;
          // watchers that follow the same events share one encoded snapshot
          const groups = new Map<string, Socket[]>();
          for (const w of rest) {
            if (!w.socket.connected || !snapshot) continue;
            this.enter(w, snapshot.contest);
            const key = w.form.events ? [...new Set(w.form.events)].sort().join('\n') : '';
            groups.set(key, [...(groups.get(key) ?? []), w.socket]);
          }
          if (this.server && snapshot) {
            for (const [key, sockets] of groups) {
              const only = key ? new Set(key.split('\n')) : null;
              const shown = only ? { ...snapshot, events: snapshot.events.filter((e) => only.has(e.event)) } : snapshot;
              this.server.local.to(sockets.map((x) => x.id)).emit(FEED.snapshot, shown);
            }
          }
          for (const w of batch) w.resolve();
        } catch (e) {
          // each watcher's own call fails, and the gateway answers it as it answers any other error
          for (const w of batch) w.reject(e);
        }
      });
    });
  }

  private async checkEvents(contest: Contest, events: readonly string[] | undefined): Promise<void> {
    if (!events) return;
    const keys = new Set((await this.lookup.eventsOf(contest)).map((e) => e.key));
    const unknown = events.filter((k) => !keys.has(k));
    if (unknown.length) throw DomainError.invalid([{ path: 'events', message: `unknown event key ${unknown.map((k) => JSON.stringify(k)).join(', ')} in contest ${contest.code}` }]);
  }

  /**
   * The snapshot a watch would get, for `GET …/snapshot`: a phone reads its first board over HTTP,
   * compressed, then watches with `since` its seq and receives only what came after. Built in the
   * contest's queue like a watch's snapshot, so its seq names exactly the state it shows; requests
   * that arrive while one is waiting its turn share it.
   */
  async snapshotFor(code: string, events?: readonly string[]): Promise<FeedSnapshot> {
    const contest = await this.lookup.contest(code);
    await this.checkEvents(contest, events);
    let pending = this.httpSnapshots.get(contest.id);
    if (!pending) {
      pending = this.enqueue(contest.id, () => {
        this.httpSnapshots.delete(contest.id);
        return this.snapshot(code);
      });
      this.httpSnapshots.set(contest.id, pending);
      // a failed build is each caller's own answer; the map must not keep it
      pending.catch(() => this.httpSnapshots.delete(contest.id));
    }
    const snapshot = await pending;
    if (!events) return snapshot;
    const only = new Set(events);
    return { ...snapshot, events: snapshot.events.filter((e) => only.has(e.event)) };
  }

  /** Puts a watcher in the rooms of the form and events it asked for, and in no other. */
  private enter(w: Waiter, code: string): void {
    const rooms = w.form.events ? w.form.events.map((k) => feedRoom(code, !!w.form.compact, k)) : [feedRoom(code, !!w.form.compact)];
    for (const r of w.socket.rooms) if (r !== w.socket.id && !rooms.includes(r)) void w.socket.leave(r);
    void w.socket.join(rooms);
  }

  /**
   * A compact watcher back from a short drop gets the messages it missed (of the events it
   * follows) from the feed log, then `resumed`, and stays in its rooms — no snapshot. False when
   * the log no longer covers the gap: the watcher then gets a snapshot like any other.
   */
  private async resume(contestId: number, code: string, w: Waiter): Promise<boolean> {
    if (w.form.since === undefined || !w.form.compact || !w.socket.connected) return false;
    const fresh = await this.lookup.contest(code);
    const missed = await this.feedLog.between(this.tx.manager, contestId, w.form.since, fresh.seq);
    if (!missed) return false;
    this.enter(w, fresh.code);
    const only = w.form.events ? new Set(w.form.events) : null;
    for (const m of missed) if (!only || only.has(m.event)) w.socket.emit(FEED.update, m);
    w.socket.emit(FEED.resumed, { contest: fresh.code, seq: fresh.seq });
    return true;
  }

  private async snapshot(code: string): Promise<FeedSnapshot> {
    const fresh = await this.lookup.contest(code);
    const events = await this.lookup.eventsOf(fresh);
    const states = await this.states.ofContest(this.tx.manager, fresh.id);
    const out: EventStandings[] = [];
    for (const e of events) {
      const s = states.get(e.id);
      const base = await this.standings.eventStandings(fresh, e);
      // the public state of an event is what the feed last published; the next update brings it forward
      if (s) out.push({ ...base, rows: s.rows as StandingsRow[], final: s.final, frozen: s.frozen, last: s.last });
      else {
        // First sight of the event: what this snapshot shows becomes what later updates are diffed
        // against. Under the contest's lock, as a publish takes it: another process may be
        // publishing or showing the event for the first time too, and the first to store wins.
        const stored = await this.tx.run(async (em) => {
          await lockRow(em, 'contests', fresh.id);
          const existing = await this.states.one(em, e.id);
          if (!existing) await this.states.write(em, fresh.id, { eventId: e.id, rows: base.rows, final: e.final, frozen: e.frozen, last: 0 }, false);
          return existing;
        });
        out.push(stored ? { ...base, rows: stored.rows as StandingsRow[], final: stored.final, frozen: stored.frozen, last: stored.last } : { ...base, last: 0 });
      }
    }
    return { seq: fresh.seq, contest: fresh.code, events: out };
  }
}

/** Entries the public saw that are no longer in the event (removed by an edit of the contest). */
export function removedBibs(before: readonly StandingsRow[], after: readonly StandingsRow[]): string[] {
  const now = new Set(after.map((r) => r.bib));
  return before.filter((r) => !now.has(r.bib)).map((r) => r.bib);
}

/** Rows that differ from what the public saw, whole row objects. */
export function diffRows(before: readonly StandingsRow[], after: readonly StandingsRow[]): StandingsRow[] {
  const old = new Map(before.map((r) => [r.bib, r]));
  return after.filter((r) => {
    const o = old.get(r.bib);
    return !o || !sameJson(o, r);
  });
}

