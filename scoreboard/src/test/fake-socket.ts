import type { FeedSocket } from '../lib/feed/feed-socket';

type Listener = (...args: never[]) => void;

/** A socket.io stand-in: records what the client emits and lets a test play the server. */
export class FakeSocket implements FeedSocket {
  connected = false;
  connectCalls = 0;
  disconnectCalls = 0;
  readonly emitted: { event: string; payload: unknown }[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();

  on(event: string, fn: Listener): this {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(fn);
    return this;
  }

  off(event: string, fn: Listener): this {
    this.listeners.get(event)?.delete(fn);
    return this;
  }

  emit(event: string, payload: unknown): this {
    this.emitted.push({ event, payload });
    return this;
  }

  connect(): this {
    this.connectCalls += 1;
    return this;
  }

  disconnect(): this {
    this.disconnectCalls += 1;
    this.connected = false;
    return this;
  }

  listenerCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  /** the server side */
  deliver(event: string, ...args: unknown[]): void {
    for (const fn of [...(this.listeners.get(event) ?? [])]) (fn as (...a: unknown[]) => void)(...args);
  }

  open(): void {
    this.connected = true;
    this.deliver('connect');
  }

  drop(reason = 'transport close'): void {
    this.connected = false;
    this.deliver('disconnect', reason);
  }

  watches(): unknown[] {
    return this.emitted.filter((e) => e.event === 'watch').map((e) => e.payload);
  }
}
