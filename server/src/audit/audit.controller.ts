import { Controller, Get, Param } from '@nestjs/common';
import { Requires } from '../auth/auth.guard';
import { ContestLookup } from '../contests/contest-lookup';
import type { AuditVerification } from '../contracts/audit';
import { AuditVerifyService } from './audit-verify.service';

/** The audit chain's check. A broken chain is an answer (`ok: false`), never an error. */
@Controller('api/contests/:code/audit')
@Requires('organizer')
export class AuditController {
  constructor(
    private readonly lookup: ContestLookup,
    private readonly verifier: AuditVerifyService,
  ) {}

  @Get('verify')
  async verify(@Param('code') code: string): Promise<AuditVerification> {
    const contest = await this.lookup.contest(code);
    return this.verifier.verify(contest.id);
  }
}
