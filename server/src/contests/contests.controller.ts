import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { Caller, Requires } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { parseBody } from '../common/parse-body';
import { reopenEventSchema } from '../contracts/chief';
import { ContestsService } from './contests.service';

@Controller('api/contests')
export class ContestsController {
  constructor(private readonly contests: ContestsService) {}

  @Post()
  @Requires('organizer')
  create(@Caller() who: Principal, @Body() body: unknown) {
    return this.contests.create(body, who);
  }

  /** Public: contests and their events, for the board's contest picker. */
  @Get()
  list() {
    return this.contests.list();
  }

  @Get(':code')
  summary(@Param('code') code: string) {
    return this.contests.summary(code);
  }

  /** Replaces the contest with an edited contest file (`confirm: true` for changes to marked results). */
  @Put(':code')
  @Requires('organizer')
  edit(@Caller() who: Principal, @Param('code') code: string, @Body() body: unknown) {
    return this.contests.edit(code, body, who);
  }

  /** The whole contest as a contest file, to save or to edit and send back. */
  @Get(':code/file')
  @Requires('organizer')
  file(@Caller() who: Principal, @Param('code') code: string) {
    return this.contests.file(code, who);
  }

  @Get(':code/judges')
  @Requires('organizer')
  judges(@Caller() who: Principal, @Param('code') code: string) {
    return this.contests.judgeCards(code, { who, read: 'judge-list' });
  }

  @Post(':code/events/:event/reopen')
  @Requires('organizer')
  @HttpCode(200)
  reopen(@Caller() who: Principal, @Param('code') code: string, @Param('event') event: string, @Body() body: unknown) {
    const { reason } = parseBody(reopenEventSchema, body);
    return this.contests.reopenEvent(code, event, reason, who);
  }
}
