import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import type { ServerInfo } from '../contracts/server-info';
import { AppConfig } from './config';
import { isLoopbackHost, reachableBases } from './public-url';

/** The addresses other devices reach this server at, for QR codes, judge cards and the apps. */
@Injectable()
export class PublicAddress {
  constructor(
    private readonly config: AppConfig,
    private readonly adapter: HttpAdapterHost,
  ) {}

  /** Read per call: the port is known only once listening (PORT=0), and Wi-Fi addresses change. */
  info(): ServerInfo {
    const server = this.adapter.httpAdapter?.getHttpServer() as { address(): AddressInfo | string | null } | undefined;
    const bound = server?.address();
    // the address and port actually bound: PORT=0 leaves the port to the system, and HOST names may resolve to one address
    const [host, port] = bound && typeof bound === 'object' ? [bound.address, bound.port] : [this.config.host, this.config.port];
    return reachableBases(this.config.publicUrl, this.config.tls ? 'https' : 'http', host, port);
  }

  /**
   * The base for printed links: PUBLIC_URL; else the address the request came to, unless that is
   * loopback (the console on the server laptop) — then the LAN address; else, with none, the
   * request's own (a server only its own computer reaches).
   */
  baseFor(requestOrigin: string): string {
    if (this.config.publicUrl) return this.config.publicUrl;
    if (!isLoopbackHost(new URL(requestOrigin).hostname)) return requestOrigin;
    return this.info().publicUrl ?? requestOrigin;
  }
}
