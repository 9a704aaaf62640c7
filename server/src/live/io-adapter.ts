import { IoAdapter } from '@nestjs/platform-socket.io';
import type { ServerOptions } from 'socket.io';

/**
 * socket.io server options for every gateway. Compression is off (a thousand watchers each
 * deflating the same message costs far more than the bytes saved), and the ping interval is
 * short enough that a board notices a dead venue link within seconds.
 */
export class LiveIoAdapter extends IoAdapter {
  override createIOServer(port: number, options?: ServerOptions) {
    return super.createIOServer(port, {
      ...options,
      perMessageDeflate: false,
      httpCompression: false,
      pingInterval: 10_000,
      pingTimeout: 8_000,
      cors: { origin: true },
    } as ServerOptions);
  }
}
