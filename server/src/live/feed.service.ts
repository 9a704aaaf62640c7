import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { Server, Socket } from 'socket.io';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/config';
import { ContestLookup } from '../contests/contest-lookup';
import { FEED, type FeedReveal, type FeedSnapshot, type FeedUpdate } from '../contracts/feed';
import type { EventStandings, StandingsRow } from '../contracts/standings';
import { ContestEvent } from '../database/entities';
import { lockRow } from '../database/sql';
import { Transactor } from '../database/transactor';
import { StandingsService } from '../standings/standings.service';
import { BusyGauge, coalesceWindow } from './coalesce-window';
import { FeedStateRepository } from './feed-state.repository';
import { RESULTS_CHANGED, type ResultsChanged } from './results-changed';

export const roomOf = (code: string) => `contest:${code}`;

/**
 * Whether two JSON values would be sent the same (keys whose value is undefined are not sent).
 * Compares in place: serializing both rows of every entry on every publish was most of the
 * diff's cost and garbage.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    if (!sameJson(x[k], y[k])) return false;
    keys++;
  }
  for (const k in y) if (y[k] !== undefined) keys--;
  return keys === 0;
}

/**
 * The public live feed. Changes are coalesced per contest for a few milliseconds; each publish
 * diffs the event's public rows against what the public last saw (kept in the database), and
 * only then takes the next `seq` — so seq is contiguous and derivable from the database.
 * All work of one contest runs in one queue, so a snapshot and the updates after it are ordered.
 */
@Injectable()
export class FeedService implements BeforeApplicationShutdown {
  private readonly log = new Logger('live');
  private server: Server | null = null;
  private readonly queues = new Map<number, Promise<unknown>>();
  private readonly dirty = new Map<number, Set<number>>();
  private readonly timers = new Map<number, NodeJS.Timeout>();
  /** when each contest's last publish was queued (ms since the epoch) */
  private readonly lastQueued = new Map<number, number>();
  private readonly busy = new BusyGauge();
  /** per contest, the watchers whose snapshot is queued but not yet built */
  private readonly waiting = new Map<number, { socket: Socket; resolve: () => void; reject: (e: unknown) => void }[]>();

  constructor(
    private readonly config: AppConfig,
    private readonly tx: Transactor,
    private readonly lookup: ContestLookup,
    private readonly standings: StandingsService,
    private readonly states: FeedStateRepository,
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
    const settled = next.catch((e: unknown) => this.log.error(e instanceof Error ? (e.stack ?? e.message) : String(e)));
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
        if (!state) {
          // first publication: the public has not seen this event yet, so it gets it whole
          if (!rows) return null;
          return this.commit(em, contestId, event, false, rows, rows);
        }
        const changed = rows ? diffRows(state.rows, rows) : [];
        const removed = rows ? removedBibs(state.rows, rows) : [];
        if (!changed.length && !removed.length && state.final === event.final && state.frozen === event.frozen) return null;
        return this.commit(em, contestId, event, true, rows ?? state.rows, changed, undefined, removed);
      });
      if (sent && this.server) this.server.to(roomOf(sent.contest)).emit(FEED.update, sent.update);
    }
  }

  /** `stored`: the transaction has just read the event's feed state, so it is updated in place. */
  private async commit(
    em: EntityManager,
    contestId: number,
    event: ContestEvent,
    stored: boolean,
    rows: readonly StandingsRow[],
    changed: StandingsRow[],
    reveal?: FeedReveal,
    removed: string[] = [],
  ) {
    const { seq, code } = await this.states.nextSeq(em, contestId);
    await this.states.write(em, contestId, { eventId: event.id, rows, final: event.final, frozen: event.frozen }, stored);
    const update: FeedUpdate = { seq, event: event.key, rows: changed, final: event.final, frozen: event.frozen, contest: code, ...(reveal ? { reveal } : {}), ...(removed.length ? { removed } : {}) };
    return { contest: code, update };
  }

  /**
   * One step of the ceremony reveal on a frozen event: the given entries' public rows become
   * their live rows, as one feed update. `step` decides which entries from the live rows and the
   * number already revealed, inside the contest's queue so it sees the latest public state.
   */
  async reveal(
    contestId: number,
    eventId: number,
    step: (live: StandingsRow[], revealed: number) => { award: string | null; bibs: string[]; total: number } | null,
  ): Promise<{ award: string | null; bibs: string[]; revealed: number; total: number } | null> {
    return this.enqueue(contestId, async () => {
      const event = await this.tx.manager.getRepository(ContestEvent).findOneByOrFail({ id: eventId });
      const live = await this.standings.liveRows(event);
      const next = step(live, event.revealed);
      if (!next) return null;
      const shown = new Set(next.bibs);
      const sent = await this.tx.run(async (em) => {
        await lockRow(em, 'contests', contestId);
        const state = await this.states.one(em, eventId);
        const before = state?.rows ?? [];
        const revealedRows = live.filter((r) => shown.has(r.bib));
        const merged = [...before.filter((r) => !shown.has(r.bib)), ...revealedRows].sort(byPublicOrder);
        const revealed = event.revealed + next.bibs.length;
        await em.getRepository(ContestEvent).update({ id: eventId }, { revealed });
        return this.commit(em, contestId, event, state !== null, merged, revealedRows, { award: next.award, bibs: next.bibs, revealed, total: next.total });
      });
      if (this.server) this.server.to(roomOf(sent.contest)).emit(FEED.update, sent.update);
      return sent.update.reveal!;
    });
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
  async watch(code: string, socket: Socket): Promise<void> {
    const contest = await this.lookup.contest(code);
    return new Promise<void>((resolve, reject) => {
      const waiter = { socket, resolve, reject };
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
          const { room, snapshot } = await this.snapshot(code);
          const live = batch.map((w) => w.socket).filter((s) => s.connected);
          for (const s of live) {
            for (const r of s.rooms) if (r !== s.id && r !== room) void s.leave(r);
            void s.join(room);
          }
          if (live.length && this.server) this.server.local.to(live.map((s) => s.id)).emit(FEED.snapshot, snapshot);
          for (const w of batch) w.resolve();
        } catch (e) {
          // each watcher's own call fails, and the gateway answers it as it answers any other error
          for (const w of batch) w.reject(e);
        }
      });
    });
  }

  private async snapshot(code: string): Promise<{ room: string; snapshot: FeedSnapshot }> {
    const fresh = await this.lookup.contest(code);
    const events = await this.lookup.eventsOf(fresh);
    const states = await this.states.ofContest(this.tx.manager, fresh.id);
    const out: EventStandings[] = [];
    for (const e of events) {
      const s = states.get(e.id);
      const base = await this.standings.eventStandings(fresh, e);
      // the public state of an event is what the feed last published; the next update brings it forward
      if (s) out.push({ ...base, rows: s.rows as StandingsRow[], final: s.final, frozen: s.frozen });
      else {
        // first sight of the event: what this snapshot shows becomes what later updates are diffed against
        await this.tx.run(async (em) => {
          if (!(await this.states.one(em, e.id))) await this.states.write(em, fresh.id, { eventId: e.id, rows: base.rows, final: e.final, frozen: e.frozen }, false);
        });
        out.push(base);
      }
    }
    return { room: roomOf(fresh.code), snapshot: { seq: fresh.seq, contest: fresh.code, events: out } };
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

/** Rank order with unranked entries last, by station. */
export function byPublicOrder(a: StandingsRow, b: StandingsRow): number {
  if (a.rank !== b.rank) return a.rank === null ? 1 : b.rank === null ? -1 : a.rank - b.rank;
  return a.station.localeCompare(b.station, 'en', { numeric: true });
}
