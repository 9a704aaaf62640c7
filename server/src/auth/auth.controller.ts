import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { parseBody } from '../common/parse-body';
import { judgeLoginSchema, organizerLoginSchema } from '../contracts/sheets';
import { sourceOf } from './auth.guard';
import { AuthService } from './auth.service';

@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('organizer')
  @HttpCode(200)
  organizer(@Body() body: unknown, @Req() req: Request) {
    const { password } = parseBody(organizerLoginSchema, body);
    return this.auth.loginOrganizer(password, sourceOf(req));
  }

  @Post('judge')
  @HttpCode(200)
  judge(@Body() body: unknown, @Req() req: Request) {
    return this.auth.loginJudge(parseBody(judgeLoginSchema, body), sourceOf(req));
  }
}
