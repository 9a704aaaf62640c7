import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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
@Injectable()
export class AuditService {
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
