import { type INestApplication, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { createAdapter } from '@socket.io/redis-adapter';
import type { Express } from 'express';
import proxyAddr from 'proxy-addr';
import type { Server, ServerOptions } from 'socket.io';
import { closeRedis } from '../common/close-redis';
import { loadRedis } from '../common/heavy-libraries';
import { AppConfig } from '../config/config';
import { ConnectionCap } from './connection-cap';

/**
 * socket.io server options for every gateway. Compression is off (a thousand watchers each
 * deflating the same message costs far more than the bytes saved), and the ping interval is
 * short enough that a board notices a dead venue link within seconds. With REDIS_URL, every
 * emit goes through Redis, so several server processes share one live feed. Each client address
 * may hold at most FEED_MAX_CONNECTIONS_PER_ADDRESS connections (connection-cap.ts); the address is
 * the one Express sees, so TRUST_PROXY applies to sockets as it does to logins.
 */
export class LiveIoAdapter extends IoAdapter {
  private redisAdapter: ReturnType<typeof createAdapter> | null = null;
  private clients: { quit(): Promise<unknown> }[] = [];

  constructor(private readonly app: INestApplication) {
    super(app);
  }

  async connectToRedis(url: string): Promise<void> {
    const { createAdapter, createClient } = await loadRedis();
    // the redis client's generic types do not line up with the adapter's; both are the same client at run time
    const pub = createClient({ url }) as unknown as Parameters<typeof createAdapter>[0] & ReturnType<typeof createClient>;
    const sub = pub.duplicate() as unknown as typeof pub;
    for (const c of [pub, sub]) c.on('error', (e: Error) => new Logger('redis').error(e.message));
    await Promise.all([pub.connect(), sub.connect()]);
    this.clients = [pub, sub];
    this.redisAdapter = createAdapter(pub, sub);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const express = this.app.getHttpAdapter().getInstance() as Express;
    // read at each handshake: Express compiles TRUST_PROXY into this function when it is set
    const cap = new ConnectionCap(this.app.get(AppConfig).feedMaxConnectionsPerAddress, (req) => proxyAddr(req, express.get('trust proxy fn')));
    const server = super.createIOServer(port, {
      ...options,
      perMessageDeflate: false,
      httpCompression: false,
      pingInterval: 10_000,
      pingTimeout: 8_000,
      cors: { origin: true },
      allowRequest: cap.allowRequest,
    } as ServerOptions) as Server;
    cap.attach(server.engine);
    if (this.redisAdapter) server.adapter(this.redisAdapter);
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.all(this.clients.map((c) => closeRedis(() => c.quit())));
    this.clients = [];
  }
}
