import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CompactFeedUpdate } from '../contracts/compact-feed';
import { sqlAll, sqlRun } from '../database/sql';

/** How long a watcher that dropped off can come back for just what it missed. */
export const RESUME_WINDOW_MS = 2 * 60_000;

/**
 * The compact messages of the last RESUME_WINDOW_MS per contest (table `feed_log`), written in
 * the transaction that numbers each message. A phone back from a short drop asks for the
 * messages after the seq it holds: usually a few hundred bytes instead of a snapshot of tens of
 * kilobytes, and on venue Wi-Fi short drops are the common case.
 */
@Injectable()
export class FeedLogRepository {
  async append(em: EntityManager, contestId: number, message: CompactFeedUpdate, now = Date.now()): Promise<void> {
    await sqlRun(em, `INSERT INTO "feed_log" ("contestId", "seq", "event", "message", "at") VALUES (?, ?, ?, ?, ?)`, [
      contestId,
      message.seq,
      message.event,
      JSON.stringify(message),
      new Date(now).toISOString(),
    ]);
    await sqlRun(em, `DELETE FROM "feed_log" WHERE "contestId" = ? AND "at" < ?`, [contestId, new Date(now - RESUME_WINDOW_MS).toISOString()]);
  }

  /**
   * Every message after `since` up to `upTo`, in order — or null when the log no longer holds all
   * of them (too long away, or written before the log existed): then only a snapshot will do.
   */
  async between(em: EntityManager, contestId: number, since: number, upTo: number, now = Date.now()): Promise<CompactFeedUpdate[] | null> {
    if (since > upTo) return null;
    if (since === upTo) return [];
    const rows = await sqlAll<{ seq: number; message: string }>(
      em,
      `SELECT "seq", "message" FROM "feed_log" WHERE "contestId" = ? AND "seq" > ? AND "seq" <= ? AND "at" >= ? ORDER BY "seq"`,
      [contestId, since, upTo, new Date(now - RESUME_WINDOW_MS).toISOString()],
    );
    if (rows.length !== upTo - since || Number(rows[0].seq) !== since + 1) return null;
    return rows.map((r) => JSON.parse(r.message) as CompactFeedUpdate);
  }
}
