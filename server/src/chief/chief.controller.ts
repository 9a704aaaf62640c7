import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { Caller, Requires } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { ChiefService } from './chief.service';
import { ChiefDeskService } from './chief-desk.service';

@Controller('api/contests/:code/events/:event')
@Requires('staff')
export class ChiefController {
  constructor(
    private readonly chief: ChiefService,
    private readonly desk: ChiefDeskService,
  ) {}

  @Post('sheets/:station/:judge/reopen')
  @HttpCode(200)
  reopen(@Caller() who: Principal, @Param('code') code: string, @Param('event') event: string, @Param('station') station: string, @Param('judge') judge: string, @Body() body: unknown) {
    return this.chief.reopenSheet(who, code, event, station, judge, body);
  }

  @Post('deductions')
  deduct(@Caller() who: Principal, @Param('code') code: string, @Param('event') event: string, @Body() body: unknown) {
    return this.chief.addDeduction(who, code, event, body);
  }

  @Get('deductions')
  deductions(@Caller() who: Principal, @Param('code') code: string, @Param('event') event: string) {
    return this.chief.listDeductions(who, code, event);
  }

  @Post('deductions/:id/void')
  @HttpCode(200)
  voidDeduction(@Caller() who: Principal, @Param('code') code: string, @Param('event') event: string, @Param('id', ParseIntPipe) id: number, @Body() body: unknown) {
    return this.chief.voidDeduction(who, code, event, id, body);
  }

  @Post('entries/:station/status')
  @HttpCode(200)
  status(@Caller() who: Principal, @Param('code') code: string, @Param('event') event: string, @Param('station') station: string, @Body() body: unknown) {
    return this.chief.setStatus(who, code, event, station, body);
  }

  @Post('finalize')
  @HttpCode(200)
  finalize(@Caller() who: Principal, @Param('code') code: string, @Param('event') event: string) {
    return this.chief.finalize(who, code, event);
  }

  @Get('progress')
  progress(@Caller() who: Principal, @Param('code') code: string, @Param('event') event: string) {
    return this.desk.progress(who, code, event);
  }
}
