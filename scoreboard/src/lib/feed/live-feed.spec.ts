import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../../test/fake-socket';
import { row, snapshot, standings } from '../../test/rows';
import { LiveFeed } from './live-feed.svelte';

function setup(options: ConstructorParameters<typeof LiveFeed>[2] = {}) {
  const socket = new FakeSocket();
  let clock = 1_000_000;
  const feed = new LiveFeed('BG2024', socket, { now: () => clock, ...options });
  feed.start();
  socket.open();
  return { socket, feed, advance: (ms: number) => (clock += ms) };
}

function bibs(feed: LiveFeed, event = 'hair'): string[] {
  return feed.event(event)!.rows.map((r) => r.bib);
}

const base = () =>
  snapshot(41, [
    standings('hair', [row('A001', 1, 90), row('A002', 2, 85), row('A003', 3, 80)]),
    standings('nail', [row('B001', 1, 70)]),
  ]);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('watching', () => {
  it('connects on start and watches its contest once connected', () => {
    const socket = new FakeSocket();
    const feed = new LiveFeed('BG2024', socket);
    feed.start();
    expect(socket.connectCalls).toBe(1);
    expect(socket.watches()).toEqual([]);
    socket.open();
    expect(socket.watches()).toEqual([{ contest: 'BG2024', compact: true }]);
    expect(feed.connection).toBe('connecting');
  });

  it('sends the watch again when no snapshot answers it', () => {
    const { socket, feed } = setup({ watchRetryMs: 5000 });
    vi.advanceTimersByTime(4999);
    expect(socket.watches()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(socket.watches()).toHaveLength(2);
    socket.deliver('snapshot', base());
    vi.advanceTimersByTime(20_000);
    expect(socket.watches()).toHaveLength(2);
    expect(feed.connection).toBe('live');
  });
});

describe('snapshot', () => {
  it('replaces the whole state and goes live', () => {
    const { socket, feed } = setup();
    socket.deliver('snapshot', base());
    expect(feed.seq).toBe(41);
    expect(feed.connection).toBe('live');
    expect(feed.events.map((e) => e.event)).toEqual(['hair', 'nail']);

    socket.deliver('snapshot', snapshot(50, [standings('beauty', [row('C001', 1, 60)])]));
    expect(feed.seq).toBe(50);
    expect(feed.events.map((e) => e.event)).toEqual(['beauty']);
    expect(feed.event('hair')).toBeUndefined();
  });

  it('orders snapshot rows by rank even when the server list is not', () => {
    const { socket, feed } = setup();
    socket.deliver('snapshot', snapshot(1, [standings('hair', [row('A009', null, 0), row('A002', 2, 85), row('A001', 1, 90)])]));
    expect(bibs(feed)).toEqual(['A001', 'A002', 'A009']);
  });

  it('ignores a snapshot of another contest', () => {
    const { socket, feed } = setup();
    socket.deliver('snapshot', snapshot(7, [standings('hair', [row('X1', 1, 1)])], 'OTHER'));
    expect(feed.seq).toBeNull();
    expect(feed.events).toEqual([]);
  });

  it('records the time of the last data received', () => {
    const { socket, feed, advance } = setup();
    advance(500);
    socket.deliver('snapshot', base());
    expect(feed.lastUpdateAt).toBe(1_000_500);
  });
});

describe('update', () => {
  it('merges rows by bib and keeps the untouched ones', () => {
    const { socket, feed } = setup();
    socket.deliver('snapshot', base());
    socket.deliver('update', {
      seq: 42,
      prev: 41,
      event: 'hair',
      final: false,
      frozen: false,
      rows: [row('A003', 1, 95), row('A001', 2, 90), row('A002', 3, 85), row('A004', 4, 50)],
    });
    expect(bibs(feed)).toEqual(['A003', 'A001', 'A002', 'A004']);
    expect(feed.event('hair')!.rows[0].total).toBe(95);
    expect(feed.event('nail')!.rows).toHaveLength(1);
    expect(feed.seq).toBe(42);
  });

  it('orders by rank with unranked entries last, by bib', () => {
    const { socket, feed } = setup();
    socket.deliver('snapshot', base());
    socket.deliver('update', {
      seq: 42,
      prev: 41,
      event: 'hair',
      final: false,
      frozen: false,
      rows: [row('A007', null, 0, { station: null, status: 'withdrawn' }), row('A002', null, 0, { station: null }), row('A003', 2, 80)],
    });
    expect(bibs(feed)).toEqual(['A001', 'A003', 'A002', 'A007']);
  });

  it('orders tied ranks by bib', () => {
    const { socket, feed } = setup();
    socket.deliver('snapshot', snapshot(1, [standings('hair', [])]));
    socket.deliver('update', {
      seq: 2,
      prev: 1,
      event: 'hair',
      final: false,
      frozen: false,
      rows: [row('A12', 2, 80, { station: null }), row('A2', 2, 80, { station: null }), row('A3', 1, 90, { station: null })],
    });
    expect(bibs(feed)).toEqual(['A3', 'A2', 'A12']);
  });

  it('drops removed bibs', () => {
    const { socket, feed } = setup();
    socket.deliver('snapshot', base());
    socket.deliver('update', { seq: 42, prev: 41, event: 'hair', final: false, frozen: false, rows: [], removed: ['A002'] });
    expect(bibs(feed)).toEqual(['A001', 'A003']);
  });

  it('adds an event it has not seen', () => {
    const { socket, feed } = setup();
    socket.deliver('snapshot', base());
    socket.deliver('update', { seq: 42, prev: 0, event: 'beauty', final: false, frozen: false, rows: [row('C1', 1, 10)] });
    expect(feed.events.map((e) => e.event)).toEqual(['hair', 'nail', 'beauty']);
  });

  it('takes the frozen and final flags of the update', () => {
    const { socket, feed } = setup();
    socket.deliver('snapshot', base());
    socket.deliver('update', { seq: 42, prev: 41, event: 'hair', final: false, frozen: true, rows: [] });
    expect(feed.event('hair')).toMatchObject({ frozen: true, final: false });
    socket.deliver('update', { seq: 43, prev: 42, event: 'hair', final: true, frozen: false, rows: [] });
    expect(feed.event('hair')).toMatchObject({ frozen: false, final: true });
    expect(feed.event('nail')).toMatchObject({ frozen: false, final: false });
  });

  it('ignores a repeated or older update', () => {
    const { socket, feed } = setup();
    socket.deliver('snapshot', base());
    socket.deliver('update', { seq: 41, prev: 40, event: 'hair', final: false, frozen: false, rows: [row('A002', 1, 99)] });
    expect(bibs(feed)).toEqual(['A001', 'A002', 'A003']);
    expect(socket.watches()).toHaveLength(1);
  });

  it('ignores updates that arrive before any snapshot', () => {
    const { socket, feed } = setup();
    socket.deliver('update', { seq: 5, prev: 4, event: 'hair', final: false, frozen: false, rows: [row('A1', 1, 1)] });
    expect(feed.events).toEqual([]);
    expect(feed.seq).toBeNull();
  });

  it('ignores an update addressed to another contest', () => {
    const { socket, feed } = setup();
    socket.deliver('snapshot', base());
    socket.deliver('update', { seq: 42, prev: 41, contest: 'OTHER', event: 'hair', final: true, frozen: false, rows: [] });
    expect(feed.seq).toBe(41);
    expect(feed.event('hair')!.final).toBe(false);
  });
});

describe('sequence gaps', () => {
  it('re-watches on a gap, holds updates until the new snapshot, then replaces', () => {
    const { socket, feed } = setup();
    socket.deliver('snapshot', base());
    expect(socket.watches()).toHaveLength(1);

    socket.deliver('update', { seq: 43, prev: 42, event: 'hair', final: false, frozen: false, rows: [row('A003', 1, 99)] });
    expect(socket.watches()).toHaveLength(2);
    expect(feed.resyncs).toBe(1);
    expect(bibs(feed)).toEqual(['A001', 'A002', 'A003']);

    // Updates racing the snapshot must not be merged onto the stale state nor trigger more watches.
    socket.deliver('update', { seq: 44, prev: 43, event: 'hair', final: false, frozen: false, rows: [row('A002', 1, 100)] });
    expect(socket.watches()).toHaveLength(2);
    expect(bibs(feed)).toEqual(['A001', 'A002', 'A003']);

    socket.deliver('snapshot', snapshot(44, [standings('hair', [row('A002', 1, 100), row('A003', 2, 99), row('A001', 3, 90)])]));
    expect(feed.seq).toBe(44);
    expect(bibs(feed)).toEqual(['A002', 'A003', 'A001']);
    expect(feed.event('nail')).toBeUndefined();

    socket.deliver('update', { seq: 45, prev: 44, event: 'hair', final: false, frozen: false, rows: [row('A001', 1, 101)] });
    expect(feed.seq).toBe(45);
    expect(feed.event('hair')!.rows[0].bib).toBe('A001');
  });

  it('does not call data live while a resync goes unanswered', () => {
    const { socket, feed } = setup({ watchRetryMs: 3000 });
    socket.deliver('snapshot', base());
    socket.deliver('update', { seq: 50, prev: 49, event: 'hair', final: false, frozen: false, rows: [] });
    expect(feed.connection).toBe('live');
    vi.advanceTimersByTime(3000);
    expect(feed.connection).toBe('reconnecting');
    expect(socket.watches()).toHaveLength(3);
  });
});

describe('compact form and event filter', () => {
  it('applies shifts, rows and moves with the contract\'s merge', () => {
    const { socket, feed } = setup();
    socket.deliver('snapshot', base());
    // A003 is marked up to first: A001 and A002 move down one; A002 loses its award
    socket.deliver('update', {
      seq: 42,
      prev: 41,
      event: 'hair',
      final: false,
      frozen: false,
      rows: [row('A003', 1, 95)],
      shifts: [[1, 2, 1]],
      moves: [['A002', 3, '三等奖']],
    });
    expect(feed.event('hair')!.rows.map((r) => [r.bib, r.rank, r.award])).toEqual([
      ['A003', 1, null],
      ['A001', 2, null],
      ['A002', 3, '三等奖'],
    ]);
    expect(feed.resyncs).toBe(0);
  });

  it('takes a jump in seq for an update whose prev is the last it holds for that event', () => {
    const { socket, feed } = setup({ events: ['hair'] });
    socket.deliver('snapshot', snapshot(41, [standings('hair', [row('A001', 1, 90)], { last: 30 })]));
    socket.deliver('update', { seq: 57, prev: 30, event: 'hair', final: false, frozen: false, rows: [row('A001', 1, 91)] });
    expect(feed.event('hair')!.rows[0].total).toBe(91);
    expect(feed.seq).toBe(57);
    expect(feed.resyncs).toBe(0);
  });

  it('watches again when an update\'s prev is not the last it holds (a lost message)', () => {
    const { socket, feed } = setup({ events: ['hair'] });
    socket.deliver('snapshot', snapshot(41, [standings('hair', [row('A001', 1, 90)], { last: 30 })]));
    socket.deliver('update', { seq: 57, prev: 44, event: 'hair', final: false, frozen: false, rows: [row('A001', 1, 91)] });
    expect(feed.event('hair')!.rows[0].total).toBe(90);
    expect(feed.resyncs).toBe(1);
    expect(socket.watches().at(-1)).toEqual({ contest: 'BG2024', compact: true, events: ['hair'] });
  });

  it('follows another event by watching it alone, and ignores updates of events it does not follow', () => {
    const { socket, feed } = setup({ events: ['hair'] });
    expect(socket.watches()).toEqual([{ contest: 'BG2024', compact: true, events: ['hair'] }]);
    socket.deliver('snapshot', snapshot(41, [standings('hair', [row('A001', 1, 90)])]));
    feed.follow(['nail']);
    expect(socket.watches().at(-1)).toEqual({ contest: 'BG2024', compact: true, events: ['nail'] });
    socket.deliver('snapshot', snapshot(43, [standings('nail', [row('B001', 1, 70)])]));
    socket.deliver('update', { seq: 44, prev: 43, event: 'hair', final: false, frozen: false, rows: [row('A001', 1, 1)] });
    expect(feed.events.map((e) => e.event)).toEqual(['nail']);
    feed.follow(['nail']);
    expect(socket.watches()).toHaveLength(2);
    feed.follow(null);
    expect(socket.watches().at(-1)).toEqual({ contest: 'BG2024', compact: true });
  });
});

describe('reconnecting', () => {
  it('shows reconnecting with the last data, re-watches on reconnect, and goes live on the snapshot', () => {
    const { socket, feed } = setup();
    socket.deliver('snapshot', base());
    socket.drop();
    expect(feed.connection).toBe('reconnecting');
    expect(feed.events).toHaveLength(2);

    socket.open();
    expect(socket.watches()).toHaveLength(2);
    expect(feed.connection).toBe('reconnecting');
    socket.deliver('snapshot', snapshot(3, [standings('hair', [row('A001', 1, 90)])]));
    expect(feed.connection).toBe('live');
    // A restarted server may count from a lower seq: the new snapshot is the truth.
    expect(feed.seq).toBe(3);
    socket.deliver('update', { seq: 4, prev: 3, event: 'hair', final: false, frozen: false, rows: [row('A002', 2, 80)] });
    expect(bibs(feed)).toEqual(['A001', 'A002']);
  });

  it('back from a short drop, asks for what it missed since the seq it holds, applies it and goes live on resumed', () => {
    const { socket, feed } = setup();
    socket.deliver('snapshot', base());
    socket.drop();
    socket.open();
    expect(socket.watches().at(-1)).toEqual({ contest: 'BG2024', compact: true, since: 41 });
    socket.deliver('update', { seq: 42, prev: 41, event: 'hair', final: false, frozen: false, rows: [row('A003', 1, 99)], shifts: [[1, 2, 1]] });
    expect(feed.connection).toBe('reconnecting');
    socket.deliver('resumed', { contest: 'BG2024', seq: 42 });
    expect(feed.connection).toBe('live');
    expect(bibs(feed)).toEqual(['A003', 'A001', 'A002']);
    expect(socket.watches()).toHaveLength(2);
  });

  it('a gap in what a resume sends falls back to a full watch', () => {
    const { socket, feed } = setup();
    socket.deliver('snapshot', base());
    socket.drop();
    socket.open();
    socket.deliver('update', { seq: 44, prev: 43, event: 'hair', final: false, frozen: false, rows: [row('A003', 1, 99)] });
    expect(socket.watches().at(-1)).toEqual({ contest: 'BG2024', compact: true });
    socket.deliver('resumed', { contest: 'BG2024', seq: 44 });
    expect(feed.connection).not.toBe('live');
    socket.deliver('snapshot', snapshot(44, [standings('hair', [row('A003', 1, 99)])]));
    expect(feed.connection).toBe('live');
  });

  it('re-watches after every reconnect', () => {
    const { socket } = setup();
    for (let i = 0; i < 3; i++) {
      socket.drop();
      socket.open();
    }
    expect(socket.watches()).toHaveLength(4);
  });

  it('turns offline when the link stays down, and back on reconnect', () => {
    const { socket, feed } = setup({ offlineAfterMs: 10_000 });
    socket.deliver('snapshot', base());
    socket.drop();
    vi.advanceTimersByTime(9_999);
    expect(feed.connection).toBe('reconnecting');
    vi.advanceTimersByTime(1);
    expect(feed.connection).toBe('offline');
    socket.open();
    expect(feed.connection).toBe('reconnecting');
    socket.deliver('snapshot', base());
    expect(feed.connection).toBe('live');
  });

  it('dials again when the server closed the socket on purpose', () => {
    const { socket } = setup({ serverKickRetryMs: 2000 });
    socket.deliver('snapshot', base());
    const before = socket.connectCalls;
    socket.drop('io server disconnect');
    vi.advanceTimersByTime(2000);
    expect(socket.connectCalls).toBe(before + 1);
  });

  it('does not dial again by itself after an ordinary drop (socket.io does that)', () => {
    const { socket } = setup({ serverKickRetryMs: 2000 });
    const before = socket.connectCalls;
    socket.drop('transport close');
    vi.advanceTimersByTime(10_000);
    expect(socket.connectCalls).toBe(before);
  });

  it('follows the browser network signal', () => {
    const listeners = new Map<string, () => void>();
    const network = {
      onLine: true,
      addEventListener: (t: string, fn: () => void) => listeners.set(t, fn),
      removeEventListener: (t: string) => listeners.delete(t),
    };
    const { socket, feed } = setup({ network });
    socket.deliver('snapshot', base());
    network.onLine = false;
    listeners.get('offline')!();
    expect(feed.connection).toBe('offline');
    network.onLine = true;
    listeners.get('online')!();
    expect(socket.watches()).toHaveLength(2);
    socket.deliver('snapshot', base());
    expect(feed.connection).toBe('live');
    feed.stop();
    expect(listeners.size).toBe(0);
  });
});

describe('changes', () => {
  it('marks the entry whose marks changed as the news and the others as moved', () => {
    const { socket, feed } = setup();
    socket.deliver('snapshot', base());
    socket.deliver('update', {
      seq: 42,
      prev: 41,
      event: 'hair',
      final: false,
      frozen: false,
      rows: [row('A003', 1, 95), row('A001', 2, 90), row('A002', 3, 85)],
    });
    expect(feed.latestScore()).toMatchObject({ event: 'hair', bib: 'A003', fromRank: 3, toRank: 1, kind: 'score' });
    expect(feed.changes.map((c) => c.bib)).toEqual(['A003']);
    expect(feed.movement('hair', 'A001', 0)).toMatchObject({ fromRank: 1, toRank: 2, kind: 'move' });
    expect(feed.movement('hair', 'A002', 0)).toMatchObject({ fromRank: 2, toRank: 3, kind: 'move' });
    expect(feed.movement('hair', 'A003', 0)).toMatchObject({ fromRank: 3, toRank: 1, kind: 'score' });
    expect(feed.movement('nail', 'A001', 0)).toBeUndefined();
  });

  it('keeps the news even when one mark moves hundreds of rows', () => {
    const { socket, feed, advance } = setup();
    const many = Array.from({ length: 300 }, (_, i) => row(`A${i + 1}`, i + 1, 1000 - i));
    socket.deliver('snapshot', snapshot(1, [standings('hair', many)]));
    socket.deliver('update', { seq: 2, prev: 1, event: 'hair', final: false, frozen: false, rows: [row('A150', 1, 2000, { parts: { design: 2000 } })] });
    advance(1000);
    const shifted = many.slice(0, 149).map((r) => ({ ...r, rank: r.rank! + 1 }));
    socket.deliver('update', {
      seq: 3,
      prev: 2,
      event: 'hair',
      final: false,
      frozen: false,
      rows: [row('A300', 1, 3000, { parts: { design: 3000 } }), ...shifted],
    });
    expect(feed.changes.map((c) => c.bib)).toEqual(['A300', 'A150']);
    expect(feed.movement('hair', 'A1', 1_001_000)).toMatchObject({ fromRank: 1, toRank: 2 });
    expect(feed.movement('hair', 'A1', 1_001_001)).toBeUndefined();
  });

  it('does not report a row sent again unchanged', () => {
    const { socket, feed } = setup();
    socket.deliver('snapshot', base());
    socket.deliver('update', { seq: 42, prev: 41, event: 'hair', final: false, frozen: false, rows: [row('A001', 1, 90)] });
    expect(feed.changes).toEqual([]);
  });

  it('reports marks that arrived during a gap when the resync snapshot shows them', () => {
    const { socket, feed } = setup();
    socket.deliver('snapshot', base());
    socket.deliver('update', { seq: 45, prev: 44, event: 'hair', final: false, frozen: false, rows: [] });
    socket.deliver(
      'snapshot',
      snapshot(45, [standings('hair', [row('A001', 1, 90), row('A002', 2, 88), row('A003', 3, 80)]), standings('nail', [row('B001', 1, 70)])]),
    );
    expect(feed.latestScore()).toMatchObject({ bib: 'A002', kind: 'score' });
  });
});

describe('publication of the results', () => {
  it('takes appealsClose and official from an update that carries them, and keeps them otherwise', () => {
    const { socket, feed } = setup();
    socket.deliver('snapshot', base());
    socket.deliver('update', { seq: 42, prev: 41, event: 'hair', final: true, frozen: false, rows: [], appealsClose: '2026-12-07T10:00:00.000Z', official: false });
    expect(feed.event('hair')).toMatchObject({ appealsClose: '2026-12-07T10:00:00.000Z', official: false });
    socket.deliver('update', { seq: 43, prev: 42, event: 'hair', final: true, frozen: false, rows: [row('A001', 1, 91)] });
    expect(feed.event('hair')).toMatchObject({ appealsClose: '2026-12-07T10:00:00.000Z', official: false });
    socket.deliver('update', { seq: 44, prev: 43, event: 'hair', final: true, frozen: false, rows: [], official: true });
    expect(feed.event('hair')?.official).toBe(true);
  });
});

describe('first board over HTTP', () => {
  /** A bootstrap whose answers the test releases one by one. */
  function reads() {
    const calls: { events: readonly string[] | null; resolve: (s: ReturnType<typeof base>) => void; reject: (e: unknown) => void }[] = [];
    const bootstrap = (events: readonly string[] | null) =>
      new Promise<ReturnType<typeof base>>((resolve, reject) => {
        calls.push({ events, resolve, reject });
      });
    return { calls, bootstrap };
  }

  it('reads the board while the socket connects, then watches from its seq', async () => {
    const { calls, bootstrap } = reads();
    const { socket, feed } = setup({ bootstrap, events: ['hair'] });
    expect(calls.map((c) => c.events)).toEqual([['hair']]);
    expect(socket.watches()).toEqual([]);
    calls[0].resolve(snapshot(41, [{ ...standings('hair', [row('A001', 1, 90), row('A002', 2, 85)]), last: 40 }]));
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.watches()).toEqual([{ contest: 'BG2024', compact: true, events: ['hair'], since: 41 }]);
    expect(bibs(feed)).toEqual(['A001', 'A002']);
    socket.deliver('update', { seq: 42, prev: 40, event: 'hair', final: false, frozen: false, rows: [row('A002', 1, 95)], moves: [['A001', 2]] });
    socket.deliver('resumed', { contest: 'BG2024', seq: 42 });
    expect(bibs(feed)).toEqual(['A002', 'A001']);
    expect(feed.connection).toBe('live');
    expect(socket.watches()).toHaveLength(1);
  });

  it('announces a board read over HTTP once, not again when the socket resumes from it', async () => {
    const { calls, bootstrap } = reads();
    const applied: string[] = [];
    const { socket } = setup({ bootstrap, onApplied: (kind) => applied.push(kind) });
    calls[0].resolve(base());
    await vi.advanceTimersByTimeAsync(0);
    socket.deliver('resumed', { contest: 'BG2024', seq: 41 });
    expect(applied).toEqual(['snapshot']);
    // a later drop and resume is news again (the contest may have changed meanwhile)
    socket.drop();
    socket.open();
    socket.deliver('resumed', { contest: 'BG2024', seq: 41 });
    expect(applied).toEqual(['snapshot', 'snapshot']);
  });

  it('dials before it knows what to follow, and watches from the board once it does', async () => {
    const { calls, bootstrap } = reads();
    const socket = new FakeSocket();
    const feed = new LiveFeed('BG2024', socket, { bootstrap });
    feed.preconnect();
    expect(socket.connectCalls).toBe(1);
    socket.open();
    expect(socket.watches()).toEqual([]);
    feed.follow(['hair']);
    expect(calls.map((c) => c.events)).toEqual([['hair']]);
    calls[0].resolve(snapshot(41, [standings('hair', [row('A001', 1, 90)])]));
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.watches()).toEqual([{ contest: 'BG2024', compact: true, events: ['hair'], since: 41 }]);
    feed.stop();
    expect(socket.listenerCount()).toBe(0);
  });

  it('closes a socket dialled early when it is torn down before it starts', () => {
    const socket = new FakeSocket();
    const feed = new LiveFeed('BG2024', socket);
    feed.preconnect();
    feed.stop();
    expect(socket.disconnectCalls).toBe(1);
  });

  it('falls back to the socket\'s snapshot when the read fails', async () => {
    const { calls, bootstrap } = reads();
    const { socket, feed } = setup({ bootstrap });
    calls[0].reject(new Error('offline'));
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.watches()).toEqual([{ contest: 'BG2024', compact: true }]);
    socket.deliver('snapshot', base());
    expect(feed.connection).toBe('live');
  });

  it('falls back to the socket when the read takes longer than a watch may, and ignores its late answer', async () => {
    const { calls, bootstrap } = reads();
    const { socket, feed } = setup({ bootstrap, watchRetryMs: 5000 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(socket.watches()).toEqual([{ contest: 'BG2024', compact: true }]);
    socket.deliver('snapshot', base());
    calls[0].resolve(snapshot(7, [standings('hair', [row('X1', 1, 1)])]));
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.seq).toBe(41);
    expect(socket.watches()).toHaveLength(1);
  });

  it('switching events reads the new event over HTTP; a read overtaken by another switch is read again', async () => {
    const { calls, bootstrap } = reads();
    const { socket, feed } = setup({ bootstrap, events: ['hair'] });
    calls[0].resolve(snapshot(41, [standings('hair', [row('A001', 1, 90)])]));
    await vi.advanceTimersByTimeAsync(0);
    feed.follow(['nail']);
    feed.follow(['beauty']);
    expect(calls.map((c) => c.events)).toEqual([['hair'], ['nail']]);
    calls[1].resolve(snapshot(43, [standings('nail', [row('B001', 1, 70)])]));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.events)).toEqual([['hair'], ['nail'], ['beauty']]);
    calls[2].resolve(snapshot(44, [standings('beauty', [row('C001', 1, 60)])]));
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.events.map((e) => e.event)).toEqual(['beauty']);
    expect(socket.watches().at(-1)).toEqual({ contest: 'BG2024', compact: true, events: ['beauty'], since: 44 });
  });

  it('a board read while the socket is down is not called live; the socket resumes from it', async () => {
    const { calls, bootstrap } = reads();
    const socket = new FakeSocket();
    const feed = new LiveFeed('BG2024', socket, { bootstrap });
    feed.start();
    calls[0].resolve(base());
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.connection).toBe('reconnecting');
    expect(feed.events).toHaveLength(2);
    socket.open();
    expect(socket.watches()).toEqual([{ contest: 'BG2024', compact: true, since: 41 }]);
    socket.deliver('resumed', { contest: 'BG2024', seq: 41 });
    expect(feed.connection).toBe('live');
    feed.stop();
  });
});

describe('teardown', () => {
  it('removes every listener, stops timers and closes the socket', () => {
    const { socket, feed } = setup({ offlineAfterMs: 1000 });
    expect(socket.listenerCount()).toBeGreaterThan(0);
    socket.drop();
    feed.stop();
    expect(socket.listenerCount()).toBe(0);
    expect(socket.disconnectCalls).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(feed.connection).toBe('connecting');
    expect(vi.getTimerCount()).toBe(0);
  });
});
