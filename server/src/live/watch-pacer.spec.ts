import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WatchPacer } from './watch-pacer';

class FakeSocket {
  private onDisconnect: (() => void) | null = null;
  once(_: 'disconnect', listener: () => void): void {
    this.onDisconnect = listener;
  }
  disconnect(): void {
    this.onDisconnect?.();
  }
}

/** A serve that stays in flight until the test finishes it. */
function harness() {
  const served: string[] = [];
  const pending: (() => void)[] = [];
  const pacer = new WatchPacer<FakeSocket, string>(
    1000,
    (_, request) => {
      served.push(request);
      return new Promise<void>((resolve) => pending.push(resolve));
    },
    (a, b) => a === b,
  );
  const finish = async () => {
    pending.shift()?.();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { pacer, served, finish };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('WatchPacer', () => {
  it('serves the first watch at once and drops repeats of the one in flight', async () => {
    const { pacer, served, finish } = harness();
    const s = new FakeSocket();
    for (let i = 0; i < 50; i++) pacer.offer(s, 'A');
    expect(served).toEqual(['A']);
    await finish();
    await vi.advanceTimersByTimeAsync(5000);
    expect(served).toEqual(['A']);
  });

  it('a watch within the interval waits for its end; of several waiting only the latest is served', async () => {
    const { pacer, served, finish } = harness();
    const s = new FakeSocket();
    pacer.offer(s, 'A');
    await finish();
    await vi.advanceTimersByTimeAsync(100);
    pacer.offer(s, 'A');
    pacer.offer(s, 'B');
    pacer.offer(s, 'C');
    await vi.advanceTimersByTimeAsync(850);
    expect(served).toEqual(['A']);
    await vi.advanceTimersByTimeAsync(100);
    expect(served).toEqual(['A', 'C']);
  });

  it('a different watch during one in flight is served when it ends and the interval has passed', async () => {
    const { pacer, served, finish } = harness();
    const s = new FakeSocket();
    pacer.offer(s, 'A');
    pacer.offer(s, 'B');
    await vi.advanceTimersByTimeAsync(1500);
    expect(served).toEqual(['A']);
    await finish();
    expect(served).toEqual(['A', 'B']);
  });

  it('at most one start per interval however fast a socket asks', async () => {
    const { pacer, served, finish } = harness();
    const s = new FakeSocket();
    let flip = false;
    for (let t = 0; t < 10_000; t += 5) {
      pacer.offer(s, (flip = !flip) ? 'A' : 'B');
      if (served.length) await finish();
      await vi.advanceTimersByTimeAsync(5);
    }
    expect(served.length).toBeLessThanOrEqual(11);
    expect(served.length).toBeGreaterThanOrEqual(9);
  });

  it('sockets are paced apart from each other, and a gone socket is never served', async () => {
    const { pacer, served } = harness();
    const a = new FakeSocket();
    const b = new FakeSocket();
    pacer.offer(a, 'A');
    pacer.offer(b, 'B');
    expect(served).toEqual(['A', 'B']);
    const c = new FakeSocket();
    pacer.offer(c, 'C1');
    pacer.offer(c, 'C2');
    c.disconnect();
    await vi.advanceTimersByTimeAsync(5000);
    expect(served).toEqual(['A', 'B', 'C1']);
  });
});
