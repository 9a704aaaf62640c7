import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, FindOptionsWhere, Repository } from 'typeorm';
import type { AuditRecordView } from '../contracts/chief';
import { AuditRecord } from '../database/entities';

export interface AuditAct {
  contestId: number;
  actor: string;
  action: string;
  event?: string | null;
  station?: string | null;
  judge?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Appends to the audit trail inside the caller's transaction, so an act and its record commit together. */
export interface AuditFilter {
  event?: string;
  station?: string;
  judge?: string;
  /** at most this many, newest first */
  limit?: number;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditRecord) private readonly records: Repository<AuditRecord>) {}

  /** The contest's audit trail, newest first, optionally narrowed to one event, station or judge. */
  async list(contestId: number, f: AuditFilter = {}): Promise<AuditRecordView[]> {
    const where: FindOptionsWhere<AuditRecord> = { contestId };
    if (f.event) where.event = f.event;
    if (f.station) where.station = f.station;
    if (f.judge) where.judge = f.judge;
    const rows = await this.records.find({ where, order: { id: 'DESC' }, take: Math.min(f.limit ?? 5000, 20000) });
    return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, event: r.event, station: r.station, judge: r.judge, before: r.before ?? null, after: r.after ?? null, reason: r.reason }));
  }

  async record(em: EntityManager, act: AuditAct): Promise<void> {
    await em.getRepository(AuditRecord).insert({
      contestId: act.contestId,
      actor: act.actor,
      action: act.action,
      event: act.event ?? null,
      station: act.station ?? null,
      judge: act.judge ?? null,
      before: (act.before ?? null) as object,
      after: (act.after ?? null) as object,
      reason: act.reason ?? null,
      at: new Date().toISOString(),
    });
  }
}
