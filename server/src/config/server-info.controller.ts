import { Controller, Get, Header } from '@nestjs/common';
import type { ServerInfo } from '../contracts/server-info';
import { PublicAddress } from './public-address';

/** Public: where phones reach this server, so a board opened on the server laptop shows a usable QR. */
@Controller('api/server')
export class ServerInfoController {
  constructor(private readonly address: PublicAddress) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  info(): ServerInfo {
    return this.address.info();
  }
}
