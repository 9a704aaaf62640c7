import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiteSocket, type FallbackSocket } from './lite-socket';

/** A WebSocket the test plays the server of. */
class FakeWs {
  static all: FakeWs[] = [];
  readyState = 0;
  sent: string[] = [];
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeWs.all.push(this);
  }
  send(frame: string) {
    this.sent.push(frame);
  }
  close() {
    this.readyState = 3;
  }
  // server side
  accept() {
    this.readyState = 1;
    this.onmessage?.({ data: '0{"sid":"s","pingInterval":100,"pingTimeout":50}' });
  }
  serve(frame: string) {
    this.onmessage?.({ data: frame });
  }
  fail() {
    this.readyState = 3;
    this.onerror?.();
    this.onclose?.();
  }
}

const last = () => FakeWs.all[FakeWs.all.length - 1]!;

function socket(extra: Partial<ConstructorParameters<typeof LiteSocket>[0]> = {}) {
  return new LiteSocket({ url: 'ws://x/socket.io/?EIO=4&transport=websocket', namespace: '/live', WebSocketImpl: FakeWs as never, jitter: 0, ...extra });
}

describe('LiteSocket', () => {
  beforeEach(() => {
    FakeWs.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('joins the namespace, emits and receives events as socket.io does on the wire', () => {
    const s = socket();
    const got: unknown[] = [];
    const connects = vi.fn();
    s.on('connect', connects);
    s.on('snapshot', (x: unknown) => got.push(x));
    s.connect();
    last().accept();
    expect(last().sent).toEqual(['40/live,']);
    expect(s.connected).toBe(false);
    last().serve('40/live,{"sid":"n"}');
    expect(s.connected).toBe(true);
    expect(connects).toHaveBeenCalledTimes(1);
    s.emit('watch', { contest: 'BG', compact: true });
    expect(last().sent.at(-1)).toBe('42/live,["watch",{"contest":"BG","compact":true}]');
    last().serve('42/live,["snapshot",{"seq":3}]');
    last().serve('42/other,["snapshot",{"seq":4}]');
    expect(got).toEqual([{ seq: 3 }]);
    last().serve('2');
    expect(last().sent.at(-1)).toBe('3');
  });

  it('reconnects with backoff after the transport closes, and reports a silent server as dead', () => {
    const s = socket({ minDelayMs: 1000, maxDelayMs: 5000 });
    const reasons: string[] = [];
    s.on('disconnect', (r: string) => reasons.push(r));
    s.connect();
    last().accept();
    last().serve('40/live,');
    last().fail();
    expect(reasons).toEqual(['transport close']);
    expect(FakeWs.all).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(FakeWs.all).toHaveLength(2);
    last().accept();
    last().serve('40/live,');
    // no ping within pingInterval + pingTimeout
    vi.advanceTimersByTime(151);
    expect(reasons).toEqual(['transport close', 'ping timeout']);
    expect(s.connected).toBe(false);
  });

  it('does not reconnect by itself when the server disconnects it, nor after disconnect()', () => {
    const s = socket();
    const reasons: string[] = [];
    s.on('disconnect', (r: string) => reasons.push(r));
    s.connect();
    last().accept();
    last().serve('40/live,');
    last().serve('41/live,');
    expect(reasons).toEqual(['io server disconnect']);
    vi.advanceTimersByTime(60_000);
    expect(FakeWs.all).toHaveLength(1);
    s.connect();
    last().accept();
    last().serve('40/live,');
    s.disconnect();
    expect(last().sent.at(-1)).toBe('41/live,');
    vi.advanceTimersByTime(60_000);
    expect(FakeWs.all).toHaveLength(2);
  });

  it('hands over to socket.io-client when WebSockets never get through', async () => {
    const handlers = new Map<string, (...a: unknown[]) => void>();
    let any: ((event: string, ...a: unknown[]) => void) | null = null;
    const fallback: FallbackSocket = {
      connected: false,
      on: (e: string, fn: (...a: unknown[]) => void) => handlers.set(e, fn),
      off: () => undefined,
      emit: vi.fn(),
      connect: vi.fn(),
      disconnect: vi.fn(),
      onAny: (fn: (event: string, ...a: unknown[]) => void) => (any = fn),
    } as unknown as FallbackSocket;
    const s = socket({ fallback: async () => fallback, fallbackAfter: 2 });
    const errors = vi.fn();
    const snaps: unknown[] = [];
    s.on('connect_error', errors);
    s.on('snapshot', (x: unknown) => snaps.push(x));
    s.connect();
    last().fail();
    vi.advanceTimersByTime(1000);
    last().fail();
    expect(errors).toHaveBeenCalledTimes(2);
    await vi.runAllTimersAsync();
    expect(fallback.connect).toHaveBeenCalled();
    expect(FakeWs.all).toHaveLength(2);
    any!('snapshot', { seq: 1 });
    expect(snaps).toEqual([{ seq: 1 }]);
    s.emit('watch', { contest: 'BG' });
    expect(fallback.emit).toHaveBeenCalledWith('watch', { contest: 'BG' });
  });
});
