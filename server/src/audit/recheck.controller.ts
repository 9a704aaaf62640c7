import { Controller, Get, Param } from '@nestjs/common';
import { Caller, Requires } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import type { RecheckResult } from '../contracts/recheck';
import { RecheckService } from './recheck.service';

/** An event's results recomputed from the audit trail; differences are an answer, never an error. */
@Controller('api/contests/:code/events/:event')
@Requires('staff')
export class RecheckController {
  constructor(private readonly rechecks: RecheckService) {}

  @Get('recheck')
  recheck(@Caller() who: Principal, @Param('code') code: string, @Param('event') event: string): Promise<RecheckResult> {
    return this.rechecks.recheck(who, code, event);
  }
}
