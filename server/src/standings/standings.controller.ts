import { Controller, Get, Param } from '@nestjs/common';
import { StandingsService } from './standings.service';

/** Public results: no login. */
@Controller('api/contests/:code')
export class StandingsController {
  constructor(private readonly service: StandingsService) {}

  @Get('events/:event/standings')
  standings(@Param('code') code: string, @Param('event') event: string) {
    return this.service.standings(code, event);
  }

  @Get('teams')
  teams(@Param('code') code: string) {
    return this.service.teams(code);
  }
}
