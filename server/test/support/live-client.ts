import { io, type Socket } from 'socket.io-client';
import type { FeedError, FeedSnapshot, FeedUpdate } from '../../src/contracts/feed';

export interface Received {
  name: string;
  payload: any;
  at: number;
}

/**
 * A watcher of the live feed that records every message it gets, in order, so a test can
 * wait for one and then check the whole sequence.
 */
export class LiveClient {
  readonly socket: Socket;
  readonly log: Received[] = [];
  private listeners = new Set<() => void>();

  constructor(base: string) {
    this.socket = io(`${base}/live`, { transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false });
    this.socket.onAny((name: string, payload: unknown) => {
      this.log.push({ name, payload, at: Date.now() });
      for (const l of [...this.listeners]) l();
    });
  }

  connect(timeoutMs = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('live feed: no connection')), timeoutMs);
      this.socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.once('connect_error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      this.socket.connect();
    });
  }

  disconnect(): void {
    this.socket.disconnect();
  }

  watch(contest: unknown): void {
    this.socket.emit('watch', contest === undefined ? undefined : { contest });
  }

  /** The first message named `name` at log index ≥ `from` that satisfies `accept`. */
  waitFor<T = any>(name: string, accept: (payload: T) => boolean = () => true, opts: { from?: number; timeoutMs?: number } = {}): Promise<T> {
    const from = opts.from ?? 0;
    const timeoutMs = opts.timeoutMs ?? 5000;
    const find = () => this.log.slice(from).find((m) => m.name === name && accept(m.payload));
    return new Promise((resolve, reject) => {
      const hit = find();
      if (hit) return resolve(hit.payload);
      const listener = () => {
        const m = find();
        if (!m) return;
        cleanup();
        resolve(m.payload);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`live feed: no "${name}" within ${timeoutMs} ms; got ${JSON.stringify(this.log.slice(from).map((m) => [m.name, m.payload?.seq]))}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
    });
  }

  snapshot(opts?: { from?: number; timeoutMs?: number }): Promise<FeedSnapshot> {
    return this.waitFor<FeedSnapshot>('snapshot', () => true, opts);
  }

  update(accept: (u: FeedUpdate) => boolean = () => true, opts?: { from?: number; timeoutMs?: number }): Promise<FeedUpdate> {
    return this.waitFor<FeedUpdate>('update', accept, opts);
  }

  feedError(opts?: { from?: number; timeoutMs?: number }): Promise<FeedError> {
    return this.waitFor<FeedError>('feed-error', () => true, opts);
  }

  messages(name: string, from = 0): any[] {
    return this.log.slice(from).filter((m) => m.name === name).map((m) => m.payload);
  }
}
