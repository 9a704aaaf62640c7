import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Transactor } from '../database/transactor';

/**
 * The audit trail's contest id for logins that belong to no contest: the organizer's, and
 * attempts on a contest code that does not exist. Ids start at 1, so no contest's trail shows them.
 */
export const NO_CONTEST = 0;

/** One login for the audit trail: who, from where — never the PIN or password tried. */
export interface LoginRecord {
  contestId: number | null;
  /** "organizer" or "judge:KEY" for a login that got in, "anonymous" for one that failed */
  actor: string;
  /** the judge's key: the one who got in, or the one a failed login named */
  judge?: string | null;
  /** the source address the login was counted under */
  source: string;
  /** the login named its judge (the judge card's QR code does) */
  named?: boolean;
  /** the code as typed, for an attempt on a contest that does not exist */
  contest?: string;
}

@Injectable()
export class LoginAudit {
  constructor(
    private readonly audit: AuditService,
    private readonly tx: Transactor,
  ) {}

  /** Inside the transaction that stores the new token. */
  succeeded(em: EntityManager, r: LoginRecord): Promise<void> {
    return this.audit.record(em, {
      contestId: r.contestId ?? NO_CONTEST,
      actor: r.actor,
      action: 'login',
      judge: r.judge ?? null,
      after: { source: r.source, ...(r.named !== undefined ? { named: r.named } : {}) },
    });
  }

  /** One insert of its own; attempts the throttle refused never get here. */
  failed(r: LoginRecord & { reason: string }): Promise<void> {
    return this.tx.run((em) =>
      this.audit.record(em, {
        contestId: r.contestId ?? NO_CONTEST,
        actor: r.actor,
        action: 'login.failed',
        judge: r.judge ?? null,
        after: { source: r.source, ...(r.contest !== undefined ? { contest: r.contest } : {}) },
        reason: r.reason,
      }),
    );
  }
}
