import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { Caller, Requires } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { SheetPutThrottle } from './sheet-put-throttle';
import { SheetsService } from './sheets.service';

type JudgePrincipal = Extract<Principal, { kind: 'judge' }>;

@Controller('api/contests/:code/events/:event')
@Requires('judge')
export class SheetsController {
  constructor(
    private readonly sheets: SheetsService,
    private readonly throttle: SheetPutThrottle,
  ) {}

  @Get('scheme')
  scheme(@Caller() judge: JudgePrincipal, @Param('code') code: string, @Param('event') event: string) {
    return this.sheets.scheme(judge, code, event);
  }

  @Get('sheets')
  list(@Caller() judge: JudgePrincipal, @Param('code') code: string, @Param('event') event: string) {
    return this.sheets.list(judge, code, event);
  }

  @Put('sheets/:station')
  async submit(@Caller() judge: JudgePrincipal, @Param('code') code: string, @Param('event') event: string, @Param('station') station: string, @Body() body: unknown) {
    // counted at the door, not in the service: the demo seeds its sheets through the service, with no tablet behind them
    await this.throttle.admit(judge, body);
    return this.sheets.submit(judge, code, event, station, body);
  }
}
