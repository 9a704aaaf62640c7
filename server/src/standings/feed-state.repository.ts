import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StandingsRow } from '../contracts/standings';
import { asBool, sqlAll, sqlOne, sqlRun } from '../database/sql';

/** What the public last saw of one event. The rows are shared with the cache: never change them in place. */
export interface PublicState {
  eventId: number;
  rows: readonly StandingsRow[];
  final: boolean;
  frozen: boolean;
  /** the seq of the latest feed message for the event (0 before the first) */
  last: number;
}

interface StampRow {
  eventId: number;
  stamp: string;
  final: unknown;
  frozen: unknown;
  last: unknown;
}

/**
 * The public state of each event (table `feed_state`), with the last version this process read or
 * wrote kept in memory. The board is tens of kilobytes of JSON; every publish diffs against it and
 * every new watcher's snapshot is built from it, so it is parsed again only when the row's stamp
 * shows another process (or an edit) has written it since.
 */
@Injectable()
export class FeedStateRepository {
  private readonly cache = new Map<number, { stamp: string; rows: readonly StandingsRow[] }>();

  async one(em: EntityManager, eventId: number): Promise<PublicState | null> {
    const r = await sqlOne<StampRow>(em, `SELECT "eventId", "stamp", "final", "frozen", "last" FROM "feed_state" WHERE "eventId" = ?`, [eventId]);
    return r ? this.withRows(em, r) : null;
  }

  async ofContest(em: EntityManager, contestId: number): Promise<Map<number, PublicState>> {
    const list = await sqlAll<StampRow>(em, `SELECT "eventId", "stamp", "final", "frozen", "last" FROM "feed_state" WHERE "contestId" = ?`, [contestId]);
    const out = new Map<number, PublicState>();
    for (const r of list) out.set(r.eventId, await this.withRows(em, r));
    return out;
  }

  /** The feed `seq` of each event's latest message, without reading the rows: the contest summary carries it. */
  async lastOfContest(em: EntityManager, contestId: number): Promise<Map<number, number>> {
    const list = await sqlAll<{ eventId: number; last: unknown }>(em, `SELECT "eventId", "last" FROM "feed_state" WHERE "contestId" = ?`, [contestId]);
    return new Map(list.map((r) => [Number(r.eventId), Number(r.last)]));
  }

  /** Writes the event's public state: `exists` says whether the row is there already (read in the same transaction). */
  async write(em: EntityManager, contestId: number, state: PublicState, exists: boolean): Promise<void> {
    const stamp = randomBytes(12).toString('base64url');
    const json = JSON.stringify(state.rows);
    if (exists) {
      await sqlRun(em, `UPDATE "feed_state" SET "rows" = ?, "final" = ?, "frozen" = ?, "stamp" = ?, "last" = ? WHERE "eventId" = ?`, [
        json,
        state.final,
        state.frozen,
        stamp,
        state.last,
        state.eventId,
      ]);
    } else {
      await sqlRun(em, `INSERT INTO "feed_state" ("eventId", "contestId", "rows", "final", "frozen", "stamp", "last") VALUES (?, ?, ?, ?, ?, ?, ?)`, [
        state.eventId,
        contestId,
        json,
        state.final,
        state.frozen,
        stamp,
        state.last,
      ]);
    }
    this.cache.set(state.eventId, { stamp, rows: state.rows });
  }

  /** The next `seq` of the contest's feed, taken inside the caller's transaction, and the contest's code. */
  async nextSeq(em: EntityManager, contestId: number): Promise<{ seq: number; code: string }> {
    const r = await sqlOne<{ seq: number; code: string }>(em, `UPDATE "contests" SET "seq" = "seq" + 1 WHERE "id" = ? RETURNING "seq", "code"`, [contestId]);
    if (!r) throw new Error(`contest ${contestId} vanished while publishing`);
    return { seq: Number(r.seq), code: r.code };
  }

  private async withRows(em: EntityManager, r: StampRow): Promise<PublicState> {
    const hit = this.cache.get(r.eventId);
    let rows = hit && hit.stamp === r.stamp && r.stamp !== '' ? hit.rows : null;
    if (!rows) {
      const full = await sqlOne<{ rows: string }>(em, `SELECT "rows" FROM "feed_state" WHERE "eventId" = ?`, [r.eventId]);
      rows = JSON.parse(full!.rows) as StandingsRow[];
      this.cache.set(r.eventId, { stamp: r.stamp, rows });
    }
    return { eventId: r.eventId, rows, final: asBool(r.final), frozen: asBool(r.frozen), last: Number(r.last) };
  }
}
