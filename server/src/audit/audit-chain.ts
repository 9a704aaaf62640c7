import * as crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { sqlOne, sqlRun } from '../database/sql';

/** The hash a chain starts from: the "previous hash" of a contest's first record. */
export const GENESIS = '0'.repeat(64);

/** What a record's hash covers, besides the hash before it. */
export interface ChainedContent {
  contestId: number;
  /** 1-based place in its contest's chain */
  position: number;
  at: string;
  actor: string;
  action: string;
  event: string | null;
  station: string | null;
  judge: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** One act to append, as AuditService.record and the sheet path hand it over. */
export interface ChainAppend {
  contestId: number;
  actor: string;
  action: string;
  event?: string | null;
  station?: string | null;
  judge?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  at: string;
}

/**
 * JSON with every object's keys sorted, so the same content always gives the same text whatever
 * order its keys were built in, or read back from the database in. Follows JSON.stringify's
 * rules otherwise (undefined members are left out, toJSON is called), since the columns hold
 * JSON.stringify's text and the hash must survive a round trip through them.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const s = JSON.stringify(value);
    return s === undefined ? 'null' : s;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return out + ']';
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    out += (first ? '' : ',') + JSON.stringify(k) + ':' + canonicalJson(v);
    first = false;
  }
  return out + '}';
}

/**
 * A record's content as stored: before/after are their canonical JSON text (null for none). The
 * server writes them in canonical form, so the text hashed is put together from the stored columns
 * without re-serializing them (verify only checks that each is one JSON value).
 */
export interface StoredContent extends Omit<ChainedContent, 'before' | 'after'> {
  before: string | null;
  after: string | null;
}

const str = (v: string | null | undefined): string => (v === null || v === undefined ? 'null' : JSON.stringify(v));

/**
 * The canonical JSON of a record's content: its members in sorted key order, before/after
 * spliced in as their stored canonical text. Equals canonicalJson of the same content as values.
 */
export function canonicalRecord(c: StoredContent): string {
  return (
    `{"action":${str(c.action)},"actor":${str(c.actor)},"after":${c.after ?? 'null'},"at":${str(c.at)},"before":${c.before ?? 'null'},` +
    `"contestId":${JSON.stringify(Number(c.contestId))},"event":${str(c.event)},"judge":${str(c.judge)},"position":${JSON.stringify(Number(c.position))},` +
    `"reason":${str(c.reason)},"station":${str(c.station)}}`
  );
}

// crypto.hash (Node 20.12+) hashes a string in one call, about twice as fast as a Hash object: verify hashes every record
const sha256: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** SHA-256 (hex) of the previous record's hash, a newline, and the record's canonical content as stored. */
export function storedHash(prev: string, c: StoredContent): string {
  return sha256(`${prev}\n${canonicalRecord(c)}`);
}

/** The canonical text a before/after value is stored as; null (SQL NULL) for none. */
export function storedJson(v: unknown): string | null {
  return v === null || v === undefined ? null : canonicalJson(v);
}

/** SHA-256 (hex) of the previous record's hash, a newline, and the record's canonical content. */
export function chainHash(prev: string, c: ChainedContent): string {
  return storedHash(prev, { ...c, before: storedJson(c.before), after: storedJson(c.after) });
}

/**
 * Takes the contest's next position and the hash before it in one statement: the head row is
 * created for a contest's first record, incremented otherwise, and on PostgreSQL stays locked by
 * this transaction until it commits, so concurrent writers of one contest take turns here (SQLite
 * has one writer already). Every writer takes it as its last lock, after the event's and the
 * contest's rows, so the lock order stays the same everywhere.
 */
const NEXT = `INSERT INTO "audit_heads" ("contestId", "position", "hash") VALUES (?, 1, ?)
ON CONFLICT ("contestId") DO UPDATE SET "position" = "audit_heads"."position" + 1
RETURNING "position" AS "position", "hash" AS "hash"`;

const INSERT = `INSERT INTO "audit_log" ("contestId", "position", "hash", "event", "station", "judge", "actor", "action", "before", "after", "reason", "at") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const ADVANCE = `UPDATE "audit_heads" SET "hash" = ? WHERE "contestId" = ?`;

/**
 * Appends one record to its contest's chain inside the caller's transaction: the act, its record
 * and the chain's new head commit together or not at all. before/after are stored as the
 * canonical JSON that is hashed.
 */
export async function appendToChain(em: EntityManager, a: ChainAppend): Promise<{ position: number; hash: string }> {
  const head = await sqlOne<{ position: number | string; hash: string }>(em, NEXT, [a.contestId, GENESIS]);
  const content: StoredContent = {
    contestId: a.contestId,
    position: Number(head!.position),
    at: a.at,
    actor: a.actor,
    action: a.action,
    event: a.event ?? null,
    station: a.station ?? null,
    judge: a.judge ?? null,
    before: storedJson(a.before),
    after: storedJson(a.after),
    reason: a.reason ?? null,
  };
  const hash = storedHash(head!.hash, content);
  const c = content;
  await sqlRun(em, INSERT, [c.contestId, c.position, hash, c.event, c.station, c.judge, c.actor, c.action, c.before, c.after, c.reason, c.at]);
  await sqlRun(em, ADVANCE, [hash, c.contestId]);
  return { position: c.position, hash };
}
