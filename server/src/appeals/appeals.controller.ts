import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { create as contentDisposition } from 'content-disposition';
import { Caller, Requires } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { AppealsService } from './appeals.service';

/** Publication of results and appeals (contract §5). The service decides organizer or chief. */
@Controller('api/contests/:code/events/:event')
@Requires('staff')
export class AppealsController {
  constructor(private readonly appeals: AppealsService) {}

  @Post('publish')
  @HttpCode(200)
  @Requires('organizer')
  publish(@Caller() who: Principal, @Param('code') code: string, @Param('event') event: string, @Body() body: unknown) {
    return this.appeals.publish(who, code, event, body);
  }

  @Get('publication')
  publication(@Caller() who: Principal, @Param('code') code: string, @Param('event') event: string) {
    return this.appeals.publicationFor(who, code, event);
  }

  @Post('appeals')
  @Requires('organizer')
  file(@Caller() who: Principal, @Param('code') code: string, @Param('event') event: string, @Body() body: unknown) {
    return this.appeals.file(who, code, event, body);
  }

  @Get('appeals')
  list(@Caller() who: Principal, @Param('code') code: string, @Param('event') event: string) {
    return this.appeals.list(who, code, event);
  }

  @Get('appeals/:id')
  one(@Caller() who: Principal, @Param('code') code: string, @Param('event') event: string, @Param('id') id: string) {
    return this.appeals.one(who, code, event, id);
  }

  @Post('appeals/:id/decision')
  @HttpCode(200)
  decide(@Caller() who: Principal, @Param('code') code: string, @Param('event') event: string, @Param('id') id: string, @Body() body: unknown) {
    return this.appeals.decide(who, code, event, id, body);
  }

  @Get('appeals/:id/notice.pdf')
  async notice(@Caller() who: Principal, @Param('code') code: string, @Param('event') event: string, @Param('id') id: string, @Res() res: Response) {
    const f = await this.appeals.notice(who, code, event, id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', contentDisposition(f.filename, { type: 'attachment' }));
    res.setHeader('Cache-Control', 'no-store');
    res.send(f.body);
  }
}
