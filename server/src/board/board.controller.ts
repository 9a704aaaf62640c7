import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Caller, Requires } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { BoardService } from './board.service';

/** Organizer's controls of the public board of one event. */
@Controller('api/contests/:code/events/:event')
@Requires('organizer')
export class BoardController {
  constructor(private readonly board: BoardService) {}

  @Get('board')
  state(@Param('code') code: string, @Param('event') event: string) {
    return this.board.state(code, event);
  }

  @Post('board')
  @HttpCode(200)
  mode(@Caller() who: Principal, @Param('code') code: string, @Param('event') event: string, @Body() body: unknown) {
    return this.board.setMode(code, event, who, body);
  }

  @Post('freeze')
  @HttpCode(200)
  freeze(@Caller() who: Principal, @Param('code') code: string, @Param('event') event: string) {
    return this.board.freeze(code, event, who);
  }

  @Post('unfreeze')
  @HttpCode(200)
  unfreeze(@Caller() who: Principal, @Param('code') code: string, @Param('event') event: string) {
    return this.board.unfreeze(code, event, who);
  }

  @Post('reveal')
  @HttpCode(200)
  reveal(@Caller() who: Principal, @Param('code') code: string, @Param('event') event: string, @Body() body: unknown) {
    return this.board.reveal(code, event, who, body);
  }
}
