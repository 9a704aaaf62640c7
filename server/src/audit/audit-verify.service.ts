import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditVerification } from '../contracts/audit';
import { sqlOne, sqlRun } from '../database/sql';
import { Transactor } from '../database/transactor';
import { ChainWalker, type ChainHead, type StoredRecord } from './chain-walker';

/** Records read per statement: memory stays bounded however long the trail is. */
export const VERIFY_PAGE = 5000;

const RECORDS = `SELECT "id", "contestId", "position", "hash", "at", "actor", "action", "event", "station", "judge", "before", "after", "reason"
FROM "audit_log" WHERE "contestId" = ? AND ("position", "id") > (?, ?) ORDER BY "position", "id"`;

const HEAD = `SELECT "position", "hash" FROM "audit_heads" WHERE "contestId" = ?`;

type Row = [number, number, number, string, string, string, string, string | null, string | null, string | null, string | null, string | null, string | null];

const record = (a: Row): StoredRecord => ({
  id: a[0],
  contestId: a[1],
  position: a[2],
  hash: a[3],
  at: a[4],
  actor: a[5],
  action: a[6],
  event: a[7],
  station: a[8],
  judge: a[9],
  before: a[10],
  after: a[11],
  reason: a[12],
});

interface SqliteDb {
  prepare(text: string): { raw(on: boolean): { all(...params: unknown[]): Row[] } };
}
interface PgClient {
  query(q: { text: string; values?: unknown[]; rowMode: 'array' }): Promise<{ rows: Row[] }>;
}

/**
 * Rows as arrays, straight from the driver: the walk reads every column of every record, and
 * building a keyed object per row through TypeORM costs more than hashing it.
 */
async function rows(em: EntityManager, text: string, params: unknown[] = []): Promise<StoredRecord[]> {
  if (em.connection.options.type === 'postgres') {
    let n = 0;
    const client = (await em.queryRunner!.connect()) as PgClient;
    return (await client.query({ text: text.replace(/\?/g, () => `$${++n}`), values: params, rowMode: 'array' })).rows.map(record);
  }
  const db = (em.connection.driver as unknown as { databaseConnection: SqliteDb }).databaseConnection;
  return db.prepare(text).raw(true).all(...params).map(record);
}

/** Where a walk stopped: the (position, id) of the last record read. */
type Cursor = [number, number];

/** Walks a contest's audit chain from its first record and says whether it is intact, or where it breaks first. */
@Injectable()
export class AuditVerifyService {
  constructor(private readonly tx: Transactor) {}

  async verify(contestId: number, pageSize = VERIFY_PAGE): Promise<AuditVerification> {
    const walker = new ChainWalker();
    const at: Cursor = [0, 0];
    // Records commit together with the head, in position order, so a head read after the walk
    // names at least the last record walked; if it names a later one, that one committed
    // meanwhile and the walk goes on to it.
    for (let round = 0; ; round++) {
      const walked = await this.walk(contestId, walker, at, pageSize);
      const head = (await this.tx.run((em) => sqlOne<ChainHead>(em, HEAD, [contestId]))) ?? null;
      if (!head || Number(head.position) <= at[0] || (round > 0 && walked === 0)) return walker.finish(head);
    }
  }

  /** Feeds the walker every record after `at`, a page at a time, and moves `at` on; answers how many. */
  private async walk(contestId: number, walker: ChainWalker, at: Cursor, pageSize: number): Promise<number> {
    let walked = 0;
    const take = (page: StoredRecord[]) => {
      for (const r of page) walker.feed(r);
      walked += page.length;
      if (page.length) [at[0], at[1]] = [Number(page[page.length - 1].position), Number(page[page.length - 1].id)];
      return page.length;
    };
    if (this.tx.manager.connection.options.type === 'postgres') {
      // one statement read through a cursor: a single plan (an index scan), not one sort per page
      await this.tx.run(async (em) => {
        await sqlRun(em, `DECLARE "audit_walk" NO SCROLL CURSOR FOR ${RECORDS}`, [contestId, at[0], at[1]]);
        // the next page is asked for before this one is hashed: the database reads while the process hashes
        const fetch = () => rows(em, `FETCH ${pageSize} FROM "audit_walk"`);
        for (let next: Promise<StoredRecord[]> | null = fetch(); next; ) {
          const page: StoredRecord[] = await next;
          next = page.length === pageSize ? fetch() : null;
          take(page);
        }
        await sqlRun(em, `CLOSE "audit_walk"`);
      });
      return walked;
    }
    // SQLite: each page is a unit of the transactor, run between write units, never inside one, so
    // sheets keep being taken while a long trail is checked
    while (take(await this.tx.run((em) => rows(em, `${RECORDS} LIMIT ?`, [contestId, at[0], at[1], pageSize]))) === pageSize);
    return walked;
  }
}
