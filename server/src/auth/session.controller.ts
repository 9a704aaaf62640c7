import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { parseBody } from '../common/parse-body';
import { organizerPasswordChangeSchema } from '../contracts/sessions';
import { Caller, Requires } from './auth.guard';
import type { Principal } from './principal';
import { SessionsService } from './sessions.service';

/** Ending sessions: logout for any token, and the organizer's password change. */
@Controller('api/auth')
export class SessionController {
  constructor(private readonly sessions: SessionsService) {}

  @Post('logout')
  @HttpCode(204)
  @Requires('staff')
  async logout(@Caller() who: Principal): Promise<void> {
    await this.sessions.logout(who);
  }

  @Post('organizer/password')
  @HttpCode(204)
  @Requires('organizer')
  async changeOrganizerPassword(@Body() body: unknown, @Caller() who: Principal): Promise<void> {
    const { current, next } = parseBody(organizerPasswordChangeSchema, body);
    await this.sessions.changeOrganizerPassword(who, current, next);
  }
}
