import type { IncomingMessage } from 'node:http';

/** The part of engine.io's server the cap listens to. */
export interface EngineEvents {
  on(event: 'connection', listener: (socket: { request: IncomingMessage; once(event: 'close', listener: () => void): unknown }) => void): unknown;
  on(event: 'connection_error', listener: (err: { req: IncomingMessage }) => void): unknown;
}

const HELD = Symbol('connection-cap.address');
type Held = IncomingMessage & { [HELD]?: string };

/**
 * At most `max` open socket.io connections per client address, checked at the handshake (engine.io
 * `allowRequest`), before a namespace or a watch costs anything. The place is taken when the
 * handshake is allowed — so handshakes racing each other cannot all slip under the cap — and given
 * back when the connection closes, or when the handshake fails after all.
 */
export class ConnectionCap {
  private readonly open = new Map<string, number>();

  constructor(
    readonly max: number,
    private readonly addressOf: (req: IncomingMessage) => string,
  ) {}

  /** engine.io's `allowRequest` option. */
  readonly allowRequest = (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void => {
    const address = this.addressOf(req);
    const n = this.open.get(address) ?? 0;
    if (n >= this.max) {
      callback(`too many connections from one address (at most ${this.max}, FEED_MAX_CONNECTIONS_PER_ADDRESS)`, false);
      return;
    }
    this.open.set(address, n + 1);
    (req as Held)[HELD] = address;
    callback(null, true);
  };

  attach(engine: EngineEvents): void {
    engine.on('connection', (socket) => {
      const address = this.take(socket.request);
      if (address !== undefined) socket.once('close', () => this.release(address));
    });
    engine.on('connection_error', ({ req }) => {
      const address = this.take(req);
      if (address !== undefined) this.release(address);
    });
  }

  /** Open connections of one address (tests). */
  count(address: string): number {
    return this.open.get(address) ?? 0;
  }

  private take(req: IncomingMessage | undefined): string | undefined {
    const held = req as Held | undefined;
    const address = held?.[HELD];
    if (held && address !== undefined) delete held[HELD];
    return address;
  }

  private release(address: string): void {
    const n = (this.open.get(address) ?? 1) - 1;
    if (n > 0) this.open.set(address, n);
    else this.open.delete(address);
  }
}
