import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, MoreThan, type EntityManager, type FindOptionsWhere, type Repository } from 'typeorm';
import { parseQuery } from '../common/parse-body';
import { AUDIT_PAGE_DEFAULT, auditQuerySchema, type AuditQuery } from '../contracts/audit';
import type { AuditRecordView } from '../contracts/chief';
import { AuditRecord } from '../database/entities';
import { appendToChain, type ChainAppend } from './audit-chain';

/** One act for the trail; its time is taken when it is recorded. */
export type AuditAct = Omit<ChainAppend, 'at'>;

/** One page of the trail, newest first, and the query of the page after it (null on the last page). */
export interface AuditPage {
  records: AuditRecordView[];
  next: AuditQuery | null;
}

function view(r: AuditRecord): AuditRecordView {
  return { id: r.id, at: r.at, actor: r.actor, action: r.action, event: r.event, station: r.station, judge: r.judge, before: r.before ?? null, after: r.after ?? null, reason: r.reason };
}

/** Appends to the audit chain inside the caller's transaction, so an act and its record commit together; reads the trail back in pages. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditRecord) private readonly records: Repository<AuditRecord>) {}

  /**
   * One page of the contest's trail, newest first, optionally narrowed to one event, station or
   * judge. Pages are cut by record id (`before`), so records written while someone pages back
   * never shift a page: the whole trail is reached, down to the contest's creation.
   */
  async page(contestId: number, query: unknown): Promise<AuditPage> {
    const q = parseQuery(auditQuerySchema, query);
    const limit = q.limit ?? AUDIT_PAGE_DEFAULT;
    const where: FindOptionsWhere<AuditRecord> = { contestId };
    if (q.event) where.event = q.event;
    if (q.station) where.station = q.station;
    if (q.judge) where.judge = q.judge;
    if (q.before !== undefined) where.id = LessThan(q.before);
    // one more than asked says whether another page follows
    const rows = await this.records.find({ where, order: { id: 'DESC' }, take: limit + 1 });
    const records = rows.slice(0, limit).map(view);
    const next = rows.length > limit ? { ...q, before: records[records.length - 1].id, limit } : null;
    return { records, next };
  }

  /** The whole trail of a contest, oldest first, `size` records at a time, so memory stays bounded however long it is. */
  async *oldestFirst(contestId: number, size = 1000): AsyncGenerator<AuditRecordView[]> {
    let after = 0;
    for (;;) {
      const rows = await this.records.find({ where: { contestId, id: MoreThan(after) }, order: { id: 'ASC' }, take: size });
      if (!rows.length) return;
      yield rows.map(view);
      if (rows.length < size) return;
      after = rows[rows.length - 1].id;
    }
  }

  /** Appends the act to its contest's hash chain (appendToChain), in the caller's transaction. */
  async record(em: EntityManager, act: AuditAct): Promise<void> {
    await appendToChain(em, { ...act, at: new Date().toISOString() });
  }
}
