import { Controller, Get, Param } from '@nestjs/common';
import { AppealsService } from './appeals.service';

/** Public, no login: the two appeal fields of an event's standings alone, for boards that hold the rows already. */
@Controller('api/contests/:code/events/:event')
export class AppealStateController {
  constructor(private readonly appeals: AppealsService) {}

  @Get('appeal-state')
  state(@Param('code') code: string, @Param('event') event: string) {
    return this.appeals.publicState(code, event);
  }
}
