import type { ChiefProgress } from '@skillscore/server/contracts';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../lib/testing/fake-clock';
import { FakeStaffSocket } from '../../lib/testing/fake-staff-socket';
import { ProgressWatch } from './progress-watch.svelte';

const CODE = 'BG2024';
const EVENTS = ['hair', 'nails'];

function progressOf(event: string, submitted: number): ChiefProgress {
  return { event, name: event, final: false, criteria: [], judges: [], stations: [], submitted, expected: 10, alerts: [] } as unknown as ChiefProgress;
}

/** Answers every progress request at once with the count set for the event, and records it. */
class FakeApi {
  readonly calls: string[] = [];
  readonly submitted: Record<string, number> = { hair: 1, nails: 2 };
  progress(code: string, event: string): Promise<ChiefProgress> {
    this.calls.push(`${code}/${event}`);
    return Promise.resolve(progressOf(event, this.submitted[event]));
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const api = new FakeApi();
  const socket = new FakeStaffSocket();
  const clock = new FakeClock();
  const watch = new ProgressWatch({ api, code: CODE, events: () => EVENTS, socket, scheduler: clock, fallbackMs: 60_000, firstLoadMs: 2_000 });
  return { api, socket, clock, watch };
}

/** the server accepts every watch the page sent, at the given revisions */
function accept(socket: FakeStaffSocket, revisions: Record<string, number>): void {
  for (const [event, revision] of Object.entries(revisions)) socket.fire('watching', { contest: CODE, event, revision });
}

describe('console progress watch', () => {
  it('watches every event on one socket and fetches each once on load', async () => {
    const { api, socket, watch } = setup();
    watch.start();
    expect(socket.connectCalls).toBe(1);
    socket.open();
    expect(socket.emitted).toEqual(EVENTS.map((event) => ({ event: 'watch-event', payload: { contest: CODE, event } })));
    accept(socket, { hair: 3, nails: 5 });
    await settle();
    expect(api.calls.sort()).toEqual([`${CODE}/hair`, `${CODE}/nails`]);
    expect(watch.live).toBe('live');
    expect(watch.progress.hair.submitted).toBe(1);
    expect(watch.progress.nails.submitted).toBe(2);
    watch.stop();
  });

  it('makes no request while nothing changes, and fetches only the event that changed', async () => {
    const { api, socket, clock, watch } = setup();
    watch.start();
    socket.open();
    accept(socket, { hair: 3, nails: 5 });
    await settle();
    api.calls.length = 0;

    clock.advance(10 * 60_000);
    await settle();
    expect(api.calls).toEqual([]);

    api.submitted.nails = 3;
    socket.fire('event-changed', { contest: CODE, event: 'nails', revision: 6 });
    await settle();
    expect(api.calls).toEqual([`${CODE}/nails`]);
    expect(watch.progress.nails.submitted).toBe(3);
    // the same notice twice (two processes, a replay) is fetched once
    socket.fire('event-changed', { contest: CODE, event: 'nails', revision: 6 });
    // another contest's notice is none of this page's business
    socket.fire('event-changed', { contest: 'OTHER', event: 'hair', revision: 9 });
    await settle();
    expect(api.calls).toEqual([`${CODE}/nails`]);
    watch.stop();
  });

  it('folds notices that arrive during a fetch into one more fetch', async () => {
    const socket = new FakeStaffSocket();
    let resolve: (() => void) | null = null;
    const calls: string[] = [];
    const slow = {
      progress(_code: string, event: string): Promise<ChiefProgress> {
        calls.push(event);
        return new Promise((r) => (resolve = () => r(progressOf(event, calls.length))));
      },
    };
    const w = new ProgressWatch({ api: slow, code: CODE, events: () => ['hair'], socket, scheduler: new FakeClock() });
    w.start();
    socket.open();
    socket.fire('watching', { contest: CODE, event: 'hair', revision: 1 });
    for (let r = 2; r <= 5; r++) socket.fire('event-changed', { contest: CODE, event: 'hair', revision: r });
    resolve!();
    await settle();
    resolve!();
    await settle();
    expect(calls).toEqual(['hair', 'hair']);
    w.stop();
  });

  it('polls slowly only while the channel is down, and on return fetches only what changed meanwhile', async () => {
    const { api, socket, clock, watch } = setup();
    watch.start();
    socket.open();
    accept(socket, { hair: 3, nails: 5 });
    await settle();
    api.calls.length = 0;

    socket.drop();
    expect(watch.live).toBe('polling');
    clock.advance(59_000);
    await settle();
    expect(api.calls).toEqual([]);
    clock.advance(1_000);
    await settle();
    expect(api.calls.sort()).toEqual([`${CODE}/hair`, `${CODE}/nails`]);
    api.calls.length = 0;

    socket.open();
    expect(socket.emitted.filter((e) => e.event === 'watch-event')).toHaveLength(4);
    // hair changed while the channel was down; nails did not
    accept(socket, { hair: 4, nails: 5 });
    await settle();
    expect(api.calls).toEqual([`${CODE}/hair`]);
    expect(watch.live).toBe('live');
    clock.advance(10 * 60_000);
    await settle();
    expect(api.calls).toEqual([`${CODE}/hair`]);
    watch.stop();
  });

  it('loads over REST when the channel does not come up, and keeps polling', async () => {
    const { api, socket, clock, watch } = setup();
    watch.start();
    socket.fire('connect_error', new Error('websocket error'));
    await settle();
    expect(api.calls.sort()).toEqual([`${CODE}/hair`, `${CODE}/nails`]);
    expect(watch.progress.hair.submitted).toBe(1);
    clock.advance(2_000);
    await settle();
    // the first-load timer finds nothing missing
    expect(api.calls).toHaveLength(2);
    clock.advance(60_000);
    await settle();
    expect(api.calls).toHaveLength(4);
    watch.stop();
  });

  it('loads over REST after a moment when the channel is slow to answer', async () => {
    const { api, socket, clock, watch } = setup();
    watch.start();
    clock.advance(1_999);
    await settle();
    expect(api.calls).toEqual([]);
    clock.advance(1);
    await settle();
    expect(api.calls.sort()).toEqual([`${CODE}/hair`, `${CODE}/nails`]);
    watch.stop();
  });

  it('falls back to the poll when the server refuses the watch', async () => {
    const { api, socket, clock, watch } = setup();
    watch.start();
    socket.open();
    socket.fire('staff-error', { statusCode: 403, error: 'Forbidden', message: 'no' });
    await settle();
    expect(watch.live).toBe('polling');
    expect(api.calls.sort()).toEqual([`${CODE}/hair`, `${CODE}/nails`]);
    clock.advance(60_000);
    await settle();
    expect(api.calls).toHaveLength(4);
    watch.stop();
  });

  it('removes every listener and timer and closes the socket on stop', async () => {
    const { api, socket, clock, watch } = setup();
    watch.start();
    socket.open();
    socket.drop();
    await settle();
    const before = api.calls.length;
    watch.stop();
    expect(socket.listenerCount).toBe(0);
    expect(socket.disconnectCalls).toBe(1);
    expect(clock.nextTimerIn()).toBeNull();
    clock.advance(10 * 60_000);
    await settle();
    expect(api.calls).toHaveLength(before);
  });
});
