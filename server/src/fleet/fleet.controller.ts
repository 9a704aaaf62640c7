import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Caller, Requires } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { FleetService } from './fleet.service';

@Controller('api/devices')
export class FleetController {
  constructor(private readonly fleet: FleetService) {}

  /** A judge's tablet reports its outbox, version and battery (see contracts/fleet.ts). */
  @Post('report')
  @Requires('judge')
  @HttpCode(204)
  async report(@Caller() who: Principal, @Body() body: unknown): Promise<void> {
    await this.fleet.report(who, body);
  }
}
