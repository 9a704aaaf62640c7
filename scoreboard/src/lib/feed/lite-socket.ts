import type { FeedSocket } from './feed-socket';

/**
 * A socket.io client for the live feed that speaks the protocol (Engine.IO 4, Socket.IO 5) over a
 * plain WebSocket: a phone's first load is 12 KB of gzip lighter than with socket.io-client. Only
 * what the feed uses is here: one namespace, events with JSON payloads, the server's pings,
 * reconnection with backoff. Where WebSockets are blocked (some venue proxies) it hands over to
 * socket.io-client, loaded then, which can fall back to long-polling.
 */

/** socket.io-client's socket as the fallback is used: the feed's calls plus one catch-all listener */
export type FallbackSocket = FeedSocket & { onAny(fn: (event: string, ...args: unknown[]) => void): unknown };

export interface LiteSocketOptions {
  /** `ws(s)://host/socket.io/?EIO=4&transport=websocket` */
  url: string;
  namespace: string;
  /** socket.io-client, loaded on demand when WebSockets fail before ever opening */
  fallback?: () => Promise<FallbackSocket>;
  /** failed attempts in a row, without a WebSocket ever opening, before the fallback is loaded */
  fallbackAfter?: number;
  WebSocketImpl?: typeof WebSocket;
  /** reconnection backoff, as socket.io-client's: min·2ⁿ, capped at max, ± jitter */
  minDelayMs?: number;
  maxDelayMs?: number;
  jitter?: number;
  /** no Engine.IO handshake and namespace answer within this: the attempt failed */
  timeoutMs?: number;
}

type Handler = (...args: never[]) => void;

// Engine.IO packet types (first character of a frame) and Socket.IO packet types (second)
const EIO_OPEN = '0';
const EIO_CLOSE = '1';
const EIO_PING = '2';
const EIO_PONG = '3';
const EIO_MESSAGE = '4';
const SIO_CONNECT = '0';
const SIO_DISCONNECT = '1';
const SIO_EVENT = '2';
const SIO_CONNECT_ERROR = '4';

export class LiteSocket implements FeedSocket {
  private readonly opts: Required<Omit<LiteSocketOptions, 'fallback'>> & Pick<LiteSocketOptions, 'fallback'>;
  private readonly handlers = new Map<string, Set<Handler>>();
  private ws: WebSocket | null = null;
  private joined = false;
  /** connect() was called and disconnect() not since */
  private wanted = false;
  private attempts = 0;
  private failuresBeforeOpen = 0;
  private everOpened = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private aliveTimer: ReturnType<typeof setTimeout> | null = null;
  private aliveMs = 0;
  private delegate: FallbackSocket | null = null;
  private loadingFallback = false;

  constructor(opts: LiteSocketOptions) {
    this.opts = {
      fallbackAfter: 2,
      WebSocketImpl: globalThis.WebSocket,
      minDelayMs: 1000,
      maxDelayMs: 5000,
      jitter: 0.3,
      timeoutMs: 8000,
      ...opts,
    };
  }

  get connected(): boolean {
    return this.delegate ? this.delegate.connected : this.joined;
  }

  on(event: string, fn: Handler): this {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(fn);
    return this;
  }

  off(event: string, fn: Handler): this {
    this.handlers.get(event)?.delete(fn);
    return this;
  }

  emit(event: string, payload: unknown): this {
    if (this.delegate) this.delegate.emit(event as 'watch', payload as never);
    // like socket.io-client with its buffer off: the feed re-sends its watch on every connect
    else if (this.joined) this.send(EIO_MESSAGE + SIO_EVENT + this.opts.namespace + ',' + JSON.stringify([event, payload]));
    return this;
  }

  connect(): this {
    this.wanted = true;
    if (this.delegate) this.delegate.connect();
    else if (!this.ws && !this.retryTimer) this.open();
    return this;
  }

  disconnect(): this {
    this.wanted = false;
    this.clearTimers();
    if (this.delegate) {
      this.delegate.disconnect();
      return this;
    }
    const was = this.joined;
    if (this.ws && this.joined) this.send(EIO_MESSAGE + SIO_DISCONNECT + this.opts.namespace + ',');
    this.drop();
    if (was) this.fire('disconnect', 'io client disconnect');
    return this;
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const fn of [...(this.handlers.get(event) ?? [])]) (fn as (...a: unknown[]) => void)(...args);
  }

  private open(): void {
    const ws = new this.opts.WebSocketImpl(this.opts.url);
    this.ws = ws;
    this.armAlive(this.opts.timeoutMs);
    ws.onmessage = (e) => {
      if (this.ws === ws && typeof e.data === 'string') this.receive(e.data);
    };
    ws.onclose = () => {
      if (this.ws === ws) this.lost('transport close');
    };
    // a close event always follows an error
    ws.onerror = () => undefined;
  }

  private receive(frame: string): void {
    switch (frame[0]) {
      case EIO_OPEN: {
        const hs = JSON.parse(frame.slice(1)) as { pingInterval?: number; pingTimeout?: number };
        this.everOpened = true;
        this.aliveMs = (hs.pingInterval ?? 25_000) + (hs.pingTimeout ?? 20_000);
        this.send(EIO_MESSAGE + SIO_CONNECT + this.opts.namespace + ',');
        return;
      }
      case EIO_PING:
        this.send(EIO_PONG);
        if (this.joined) this.armAlive(this.aliveMs);
        return;
      case EIO_CLOSE:
        this.lost('transport close');
        return;
      case EIO_MESSAGE:
        this.message(frame.slice(1));
        return;
    }
  }

  private message(packet: string): void {
    const type = packet[0];
    const prefix = this.opts.namespace + ',';
    if (!packet.startsWith(prefix, 1)) return;
    const body = packet.slice(1 + prefix.length);
    if (type === SIO_CONNECT) {
      this.joined = true;
      this.attempts = 0;
      this.failuresBeforeOpen = 0;
      this.armAlive(this.aliveMs);
      this.fire('connect');
    } else if (type === SIO_EVENT) {
      // an acknowledgement id may precede the array; the feed asks for none
      const [event, ...args] = JSON.parse(body.replace(/^\d+/, '')) as [string, ...unknown[]];
      this.fire(event, ...args);
    } else if (type === SIO_DISCONNECT) {
      // the server closed it on purpose: like socket.io-client, no automatic reconnection
      this.wanted = false;
      this.drop();
      this.fire('disconnect', 'io server disconnect');
    } else if (type === SIO_CONNECT_ERROR) {
      let message = 'refused';
      try {
        message = (JSON.parse(body) as { message?: string }).message ?? message;
      } catch {
        // keep the generic message
      }
      this.drop();
      this.fire('connect_error', new Error(message));
      this.retry();
    }
  }

  private lost(reason: string): void {
    const was = this.joined;
    this.drop();
    if (was) this.fire('disconnect', reason);
    else {
      if (!this.everOpened) this.failuresBeforeOpen++;
      this.fire('connect_error', new Error(reason === 'ping timeout' ? 'timeout' : 'websocket error'));
    }
    this.retry();
  }

  private retry(): void {
    if (!this.wanted || this.retryTimer) return;
    if (this.opts.fallback && !this.everOpened && this.failuresBeforeOpen >= this.opts.fallbackAfter) {
      void this.handOver();
      return;
    }
    const base = Math.min(this.opts.maxDelayMs, this.opts.minDelayMs * 2 ** this.attempts++);
    const delay = Math.min(this.opts.maxDelayMs, base * (1 + (Math.random() * 2 - 1) * this.opts.jitter));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.wanted && !this.ws && !this.delegate) this.open();
    }, delay);
  }

  /** WebSockets never got through: socket.io-client takes over, long-polling if it must. */
  private async handOver(): Promise<void> {
    if (this.loadingFallback || !this.opts.fallback) return;
    this.loadingFallback = true;
    try {
      const d = await this.opts.fallback();
      d.on('connect', () => this.fire('connect'));
      d.on('disconnect', (reason: string) => this.fire('disconnect', reason));
      d.on('connect_error', (e: Error) => this.fire('connect_error', e));
      d.onAny((event, ...args) => this.fire(event, ...args));
      this.delegate = d;
      if (this.wanted) d.connect();
    } catch {
      // the fallback could not be loaded either (offline?): keep trying WebSockets
      this.failuresBeforeOpen = 0;
      this.retry();
    } finally {
      this.loadingFallback = false;
    }
  }

  /** no ping (or handshake) from the server in time: the connection is dead even if not closed */
  private armAlive(ms: number): void {
    if (this.aliveTimer) clearTimeout(this.aliveTimer);
    this.aliveTimer = setTimeout(() => {
      this.aliveTimer = null;
      if (this.ws) this.lost('ping timeout');
    }, ms);
  }

  private send(frame: string): void {
    if (this.ws?.readyState === 1) this.ws.send(frame);
  }

  private drop(): void {
    this.joined = false;
    if (this.aliveTimer) clearTimeout(this.aliveTimer);
    this.aliveTimer = null;
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onmessage = ws.onclose = ws.onerror = null;
      if (ws.readyState <= 1) ws.close();
    }
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
