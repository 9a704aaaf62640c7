import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditAct } from '../audit/audit.service';
import { appendToChain } from '../audit/audit-chain';
import { asBool, sqlOne, sqlRun } from '../database/sql';

/** Everything one sheet submission checks, read in one statement. Columns are null where the key matched nothing. */
export interface SubmitContext {
  contestId: number;
  eventId: number | null;
  eventKey: string | null;
  /** the event's scheme as stored (JSON text), parsed by the caller through a cache */
  schemeJson: string | null;
  final: boolean;
  entryId: number | null;
  entryStatus: string | null;
  sheetId: number | null;
  sheetStatus: string | null;
  sheetVersion: number | null;
  /** the current marks (JSON text of criterion key → hundredths) */
  sheetScores: string | null;
}

export interface ReplayedVersion {
  entryId: number;
  version: number;
  scores: Record<string, number>;
  /** the remarks stored with that version, as stored (JSON text or null) */
  comments: string | null;
  createdAt: string;
}

/** The row as read: the scheme's column name, and a boolean as the driver answers it. */
type ContextRow = Omit<SubmitContext, 'schemeJson' | 'final'> & { scheme: string | null; final: unknown };

const CONTEXT = `
SELECT c."id" AS "contestId", e."id" AS "eventId", e."key" AS "eventKey", e."scheme" AS "scheme", e."final" AS "final",
       n."id" AS "entryId", n."status" AS "entryStatus",
       s."id" AS "sheetId", s."status" AS "sheetStatus", s."version" AS "sheetVersion", s."scores" AS "sheetScores"
FROM "contests" c
LEFT JOIN "events" e ON e."contestId" = c."id" AND e."key" = ?
LEFT JOIN "entries" n ON n."eventId" = e."id" AND n."station" = ?
LEFT JOIN "sheets" s ON s."entryId" = n."id" AND s."judgeId" = ?
WHERE UPPER(c."code") = UPPER(?)`; // codes are unique regardless of case; the contests table holds a handful of rows

const REPLAY = `
SELECT s."entryId" AS "entryId", v."version" AS "version", v."scores" AS "scores", v."comments" AS "comments", v."createdAt" AS "createdAt"
FROM "sheet_versions" v JOIN "sheets" s ON s."id" = v."sheetId"
WHERE v."judgeId" = ? AND v."requestId" = ?`;

/**
 * The statements of one sheet submission, written out by hand: a judge's PUT is the write the
 * server takes most often, and through TypeORM's repositories it cost about sixteen statements and
 * most of a core's time at a few hundred sheets a second. Here it is two reads, three writes, and
 * the three statements that append the audit record to its contest's hash chain.
 */
@Injectable()
export class SheetStoreRepository {
  async context(em: EntityManager, code: string, eventKey: string, station: string, judgeId: number): Promise<SubmitContext | null> {
    const r = await sqlOne<ContextRow>(em, CONTEXT, [eventKey, station, judgeId, code]);
    if (!r) return null;
    const { scheme, final, ...rest } = r;
    return { ...rest, schemeJson: scheme, final: asBool(final) };
  }

  async replay(em: EntityManager, judgeId: number, requestId: string): Promise<ReplayedVersion | null> {
    const r = await sqlOne<{ entryId: number; version: number; scores: string; comments: string | null; createdAt: string }>(em, REPLAY, [judgeId, requestId]);
    return r ? { entryId: r.entryId, version: r.version, scores: JSON.parse(r.scores), comments: r.comments ?? null, createdAt: r.createdAt } : null;
  }

  /**
   * Stores version `version` of the judge's sheet for the entry (with its remarks: JSON text, or
   * null for none), its history row, the event's new revision and the audit record.
   */
  async store(
    em: EntityManager,
    s: { eventId: number; entryId: number; judgeId: number; sheetId: number | null; version: number; scores: Record<string, number>; comments: string | null; requestId: string; at: string },
    audit: AuditAct,
  ): Promise<void> {
    const scores = JSON.stringify(s.scores);
    let sheetId = s.sheetId;
    if (sheetId !== null) {
      await sqlRun(em, `UPDATE "sheets" SET "status" = 'submitted', "version" = ?, "scores" = ?, "comments" = ?, "updatedAt" = ? WHERE "id" = ?`, [s.version, scores, s.comments, s.at, sheetId]);
    } else {
      const inserted = await sqlOne<{ id: number }>(
        em,
        `INSERT INTO "sheets" ("entryId", "judgeId", "status", "version", "scores", "comments", "updatedAt") VALUES (?, ?, 'submitted', ?, ?, ?, ?) RETURNING "id"`,
        [s.entryId, s.judgeId, s.version, scores, s.comments, s.at],
      );
      sheetId = inserted!.id;
    }
    await sqlRun(em, `INSERT INTO "sheet_versions" ("sheetId", "judgeId", "version", "scores", "comments", "requestId", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`, [
      sheetId,
      s.judgeId,
      s.version,
      scores,
      s.comments,
      s.requestId,
      s.at,
    ]);
    await sqlRun(em, `UPDATE "events" SET "revision" = "revision" + 1 WHERE "id" = ?`, [s.eventId]);
    // last: the chain's head is the last lock this transaction takes
    await appendToChain(em, { ...audit, at: s.at });
  }
}
