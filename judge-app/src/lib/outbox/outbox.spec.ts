import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Http } from '../api/http';
import { createSheetSender } from '../api/sheet-sender';
import { FakeClock } from '../testing/fake-clock';
import { FakeSheetServer } from '../testing/fake-server';
import { backoffDelay } from './backoff';
import { Outbox, DuplicateSubmissionError } from './outbox';
import { OutboxStore } from './outbox-store';
import type { SheetSubmission } from './types';

let dbSeq = 0;
const open: { outbox: Outbox; store: OutboxStore }[] = [];

const sheet = (station = '07', scores: Record<string, number> = { design: 37.5, finish: 27 }): SheetSubmission => ({
  contest: 'BG2024',
  event: 'hair',
  station,
  judge: 'J1',
  scores,
});

async function setup(opts: { server?: FakeSheetServer; clock?: FakeClock; db?: string; token?: () => string | null; timeoutMs?: number } = {}) {
  const server = opts.server ?? new FakeSheetServer();
  const clock = opts.clock ?? new FakeClock();
  const db = opts.db ?? `outbox-test-${++dbSeq}`;
  const store = await OutboxStore.open(db);
  const onUnauthorized = vi.fn();
  const http = new Http({ fetch: server.fetch, timeoutMs: opts.timeoutMs ?? 15_000 });
  const outbox = new Outbox({
    store,
    send: createSheetSender(http, opts.token ?? (() => 'tok-1')),
    scheduler: clock,
    random: () => 0.5, // no jitter: delays are exactly base × 2^n
    onUnauthorized,
  });
  open.push({ outbox, store });
  outbox.setScope({ contest: 'BG2024', judge: 'J1' });
  await outbox.start();
  return { server, clock, db, store, outbox, onUnauthorized };
}

/** Lets the outbox finish whatever the clock set off. */
async function settle(outbox: Outbox) {
  await outbox.drain();
}

afterEach(() => {
  for (const o of open.splice(0)) {
    o.outbox.stop();
    o.store.close();
  }
});

describe('outbox: write before send', () => {
  it('has the record with its requestId on disk before the request leaves', async () => {
    const server = new FakeSheetServer();
    const { outbox, db } = await setup({ server });
    const seen: unknown[] = [];
    server.onRequest = async (call) => {
      const other = await OutboxStore.open(db);
      const rows = await other.all();
      other.close();
      seen.push(rows.map((r) => ({ id: r.requestId, state: r.state, scores: r.scores })));
      expect(rows.map((r) => r.requestId)).toContain(call.body!.requestId);
    };
    const rec = await outbox.submit(sheet());
    await settle(outbox);
    expect(server.calls).toHaveLength(1);
    expect(seen).toEqual([[{ id: rec.requestId, state: 'sending', scores: { design: 37.5, finish: 27 } }]]);
  });

  it('resolves submit with the record queued even when the network is down', async () => {
    const server = new FakeSheetServer().next({ kind: 'network' });
    const { outbox, db } = await setup({ server });
    const rec = await outbox.submit(sheet());
    expect(rec.state).toBe('queued');
    await settle(outbox);
    const other = await OutboxStore.open(db);
    const rows = await other.all();
    other.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ requestId: rec.requestId, state: 'queued', attempts: 1, lastError: { kind: 'network' } });
  });
});

describe('outbox: confirmation', () => {
  it('is confirmed only after the server answers 200 with the stored sheet', async () => {
    const server = new FakeSheetServer().next({ kind: 'status', status: 503 }, { kind: 'store' });
    const { outbox, clock } = await setup({ server });
    const rec = await outbox.submit(sheet());
    await settle(outbox);
    expect(outbox.list()[0].state).toBe('queued');
    expect(outbox.list()[0].receipt).toBeNull();
    expect(outbox.list()[0].lastError).toMatchObject({ kind: 'server', status: 503 });
    clock.advance(1000);
    await settle(outbox);
    const done = outbox.list()[0];
    expect(done.state).toBe('confirmed');
    expect(done.receipt).toEqual(server.stored.get(rec.requestId));
    expect(done.confirmedAt).toBe(clock.now());
    expect(done.lastError).toBeNull();
  });

  it('does not take a 200 that is not a receipt (a captive portal page) as confirmation', async () => {
    const server = new FakeSheetServer().next({ kind: 'status', status: 200, text: '<html>Wi-Fi login</html>' });
    const { outbox, clock } = await setup({ server });
    await outbox.submit(sheet());
    await settle(outbox);
    expect(outbox.list()[0]).toMatchObject({ state: 'queued', lastError: { kind: 'badResponse', status: 200 } });
    clock.advance(1000);
    await settle(outbox);
    expect(outbox.list()[0].state).toBe('confirmed');
  });

  it('tells the caller about each confirmation', async () => {
    const server = new FakeSheetServer();
    const clock = new FakeClock();
    const store = await OutboxStore.open(`outbox-test-${++dbSeq}`);
    const onConfirmed = vi.fn();
    const outbox = new Outbox({ store, send: createSheetSender(new Http({ fetch: server.fetch }), () => 't'), scheduler: clock, onConfirmed });
    open.push({ outbox, store });
    outbox.setScope({ contest: 'BG2024', judge: 'J1' });
    await outbox.start();
    await outbox.submit(sheet('12'));
    await settle(outbox);
    expect(onConfirmed).toHaveBeenCalledTimes(1);
    expect(onConfirmed.mock.calls[0][0]).toMatchObject({ station: '12', state: 'confirmed', receipt: { version: 1 } });
  });
});

describe('outbox: retries', () => {
  it('backs off exponentially on network errors, capped at 30 s, with the same requestId every time', async () => {
    const server = new FakeSheetServer();
    server.fallback = { kind: 'network' };
    const { outbox, clock } = await setup({ server });
    const rec = await outbox.submit(sheet());
    await settle(outbox);
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      const d = clock.nextTimerIn()!;
      delays.push(d);
      clock.advance(d - 1);
      await settle(outbox);
      expect(server.calls).toHaveLength(i + 1); // not a moment early
      clock.advance(1);
      await settle(outbox);
      expect(server.calls).toHaveLength(i + 2);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(new Set(server.calls.map((c) => c.body!.requestId))).toEqual(new Set([rec.requestId]));
    expect(new Set(server.calls.map((c) => c.url))).toEqual(new Set(['/api/contests/BG2024/events/hair/sheets/07']));
    expect(server.calls.every((c) => c.auth === 'Bearer tok-1')).toBe(true);
    server.fallback = { kind: 'store' };
    clock.advance(clock.nextTimerIn()!);
    await settle(outbox);
    expect(outbox.list()[0]).toMatchObject({ state: 'confirmed', attempts: 9 });
    expect(server.writes).toBe(1);
  });

  it('retries 5xx and 429, honouring Retry-After', async () => {
    const server = new FakeSheetServer().next(
      { kind: 'status', status: 500 },
      { kind: 'status', status: 429, headers: { 'Retry-After': '12' } },
      { kind: 'store' },
    );
    const { outbox, clock } = await setup({ server });
    await outbox.submit(sheet());
    await settle(outbox);
    expect(clock.nextTimerIn()).toBe(1000);
    clock.advance(1000);
    await settle(outbox);
    expect(outbox.list()[0].lastError).toMatchObject({ kind: 'busy', status: 429 });
    expect(clock.nextTimerIn()).toBe(12_000);
    clock.advance(12_000);
    await settle(outbox);
    expect(outbox.list()[0].state).toBe('confirmed');
    expect(server.calls).toHaveLength(3);
  });

  it('holds the whole queue on a 429 until Retry-After, then sends the rest with their own requestIds', async () => {
    // the server's budget is per login: one 429 speaks for every sheet behind it
    const server = new FakeSheetServer().next({ kind: 'store' }, { kind: 'status', status: 429, headers: { 'Retry-After': '9' } });
    const { outbox, clock } = await setup({ server });
    const sent = [];
    for (const station of ['07', '08', '09', '10']) sent.push(await outbox.submit(sheet(station)));
    await settle(outbox);
    expect(server.calls).toHaveLength(2);
    expect(outbox.list().map((r) => r.state)).toEqual(['confirmed', 'queued', 'queued', 'queued']);
    expect(clock.nextTimerIn()).toBe(9000);
    clock.advance(8999);
    await settle(outbox);
    expect(server.calls).toHaveLength(2);
    clock.advance(1);
    await settle(outbox);
    expect(outbox.list().map((r) => r.state)).toEqual(['confirmed', 'confirmed', 'confirmed', 'confirmed']);
    expect(server.calls.map((c) => c.body!.requestId)).toEqual([sent[0], sent[1], sent[1], sent[2], sent[3]].map((r) => r.requestId));
    expect(server.writes).toBe(4);
  });

  it('treats a request that hangs past its deadline as a network failure and retries it', async () => {
    const server = new FakeSheetServer().next({ kind: 'hang' }, { kind: 'store' });
    const { outbox, clock } = await setup({ server, timeoutMs: 20 });
    await outbox.submit(sheet());
    await settle(outbox);
    expect(outbox.list()[0]).toMatchObject({ state: 'queued', lastError: { kind: 'timeout' } });
    clock.advance(1000);
    await settle(outbox);
    expect(outbox.list()[0].state).toBe('confirmed');
  });

  it('stores a sheet once although the answer was lost and the tablet sent it again', async () => {
    const server = new FakeSheetServer();
    let first = true;
    // The server stores the first request, but the answer never reaches the tablet.
    server.onRequest = async (call) => {
      if (!first) return;
      first = false;
      await server.fetch(call.url, { method: 'PUT', body: JSON.stringify(call.body) });
      server.calls.pop();
      server.answers.unshift({ kind: 'network' });
    };
    const { outbox, clock } = await setup({ server });
    await outbox.submit(sheet());
    await settle(outbox);
    expect(outbox.list()[0].state).toBe('queued');
    clock.advance(1000);
    await settle(outbox);
    expect(outbox.list()[0].state).toBe('confirmed');
    expect(server.calls).toHaveLength(2);
    expect(server.calls[0].body!.requestId).toBe(server.calls[1].body!.requestId);
    expect(server.writes).toBe(1);
  });

  it('tries again at once when the network comes back', async () => {
    const server = new FakeSheetServer();
    server.fallback = { kind: 'network' };
    const { outbox, clock } = await setup({ server });
    await outbox.submit(sheet());
    await settle(outbox);
    clock.advance(1000);
    await settle(outbox);
    expect(clock.nextTimerIn()).toBe(2000);
    server.fallback = { kind: 'store' };
    outbox.retryNow();
    await settle(outbox);
    expect(outbox.list()[0].state).toBe('confirmed');
    expect(server.calls).toHaveLength(3);
  });

  it('holds the whole queue while the link is down instead of trying every sheet', async () => {
    const server = new FakeSheetServer();
    server.fallback = { kind: 'network' };
    const { outbox, clock } = await setup({ server });
    await outbox.submit(sheet('01'));
    await outbox.submit(sheet('02'));
    await outbox.submit(sheet('03'));
    await settle(outbox);
    expect(server.calls).toHaveLength(1);
    server.fallback = { kind: 'store' };
    clock.advance(1000);
    await settle(outbox);
    expect(outbox.list().map((r) => r.state)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    expect(server.calls.map((c) => c.url.split('/').pop())).toEqual(['01', '01', '02', '03']);
  });
});

describe('outbox: refusals', () => {
  it.each([400, 403, 404, 409])('never resends a sheet the server refused with %i', async (status) => {
    const body = { statusCode: status, error: 'Refused', message: 'design: must be a multiple of 0.5 (got 37.3)', problems: [{ path: 'scores.design', message: 'must be a multiple of 0.5 (got 37.3)' }] };
    const server = new FakeSheetServer().next({ kind: 'status', status, body });
    const { outbox, clock } = await setup({ server });
    await outbox.submit(sheet());
    await settle(outbox);
    const r = outbox.list()[0];
    expect(r.state).toBe('rejected');
    expect(r.rejection).toEqual({ status, body });
    expect(clock.nextTimerIn()).toBeNull();
    clock.advance(10 * 60_000);
    outbox.retryNow();
    await settle(outbox);
    expect(server.calls).toHaveLength(1);
  });

  it('keeps an error answer that is not JSON readable', async () => {
    const server = new FakeSheetServer().next({ kind: 'status', status: 409, text: 'Conflict' });
    const { outbox } = await setup({ server });
    await outbox.submit(sheet());
    await settle(outbox);
    expect(outbox.list()[0].rejection).toMatchObject({ status: 409, body: { statusCode: 409, message: '' } });
  });

  it('pauses on 401 and sends the same request after the judge signs in again', async () => {
    const server = new FakeSheetServer().next({ kind: 'status', status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'token expired' } });
    let token = 'old';
    const { outbox, clock, onUnauthorized } = await setup({ server, token: () => token });
    const rec = await outbox.submit(sheet());
    await settle(outbox);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(outbox.isPaused).toBe(true);
    expect(outbox.list()[0]).toMatchObject({ state: 'queued', rejection: null });
    clock.advance(60_000);
    await settle(outbox);
    expect(server.calls).toHaveLength(1);
    token = 'new';
    outbox.setScope({ contest: 'BG2024', judge: 'J1' });
    await settle(outbox);
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]).toMatchObject({ auth: 'Bearer new', body: { requestId: rec.requestId } });
    expect(outbox.list()[0].state).toBe('confirmed');
  });

  it('lets a corrected sheet replace a refused one, with a new requestId', async () => {
    const server = new FakeSheetServer().next({ kind: 'status', status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'x' } });
    const { outbox } = await setup({ server });
    const bad = await outbox.submit(sheet('07', { design: 37.3 }));
    await settle(outbox);
    const good = await outbox.submit(sheet('07', { design: 37.5 }));
    await settle(outbox);
    expect(good.requestId).not.toBe(bad.requestId);
    const rows = outbox.list();
    expect(rows.find((r) => r.requestId === bad.requestId)).toMatchObject({ state: 'rejected', dismissed: true });
    expect(rows.find((r) => r.requestId === good.requestId)).toMatchObject({ state: 'confirmed' });
  });

  it('refuses a second submission of a sheet that is still waiting to be sent', async () => {
    const server = new FakeSheetServer();
    server.fallback = { kind: 'network' };
    const { outbox } = await setup({ server });
    await outbox.submit(sheet('07'));
    await expect(outbox.submit(sheet('07', { design: 1 }))).rejects.toBeInstanceOf(DuplicateSubmissionError);
    await settle(outbox);
    expect(outbox.list()).toHaveLength(1);
  });
});

describe('outbox: reloads and judges', () => {
  it('survives a reload: a new outbox on the same database sends the same request', async () => {
    const down = new FakeSheetServer();
    down.fallback = { kind: 'network' };
    const first = await setup({ server: down });
    const rec = await first.outbox.submit(sheet());
    await settle(first.outbox);
    first.outbox.stop();
    first.store.close();

    const up = new FakeSheetServer();
    const second = await setup({ server: up, db: first.db });
    await settle(second.outbox);
    expect(up.calls).toHaveLength(1);
    expect(up.calls[0].body).toEqual({ requestId: rec.requestId, scores: { design: 37.5, finish: 27 } });
    expect(second.outbox.list()).toMatchObject([{ requestId: rec.requestId, state: 'confirmed', attempts: 2 }]);
  });

  it('resends a request that was in flight when the page went away', async () => {
    const hanging = new FakeSheetServer().next({ kind: 'hang' });
    const first = await setup({ server: hanging });
    const rec = await first.outbox.submit(sheet());
    // The request is on its way; the tablet reloads before any answer.
    await vi.waitFor(() => expect(hanging.calls).toHaveLength(1));
    first.outbox.stop();
    first.store.close();

    const up = new FakeSheetServer();
    const second = await setup({ server: up, db: first.db });
    await settle(second.outbox);
    expect(up.calls.map((c) => c.body!.requestId)).toEqual([rec.requestId]);
    expect(second.outbox.list()[0].state).toBe('confirmed');
  });

  it('keeps confirmed and refused records across a reload without sending them again', async () => {
    const server = new FakeSheetServer().next({ kind: 'store' }, { kind: 'status', status: 409, body: { statusCode: 409, error: 'Conflict', message: 'finalized' } });
    const first = await setup({ server });
    await first.outbox.submit(sheet('01'));
    await settle(first.outbox);
    await first.outbox.submit(sheet('02'));
    await settle(first.outbox);
    first.outbox.stop();
    first.store.close();

    const again = new FakeSheetServer();
    const second = await setup({ server: again, db: first.db });
    await settle(second.outbox);
    expect(again.calls).toHaveLength(0);
    expect(second.outbox.list().map((r) => [r.station, r.state])).toEqual([
      ['01', 'confirmed'],
      ['02', 'rejected'],
    ]);
  });

  it('sends only the signed-in judge’s sheets; another judge’s wait for that judge', async () => {
    const server = new FakeSheetServer();
    const { outbox } = await setup({ server });
    outbox.setScope({ contest: 'BG2024', judge: 'J2' });
    await outbox.submit(sheet('07'));
    await settle(outbox);
    expect(server.calls).toHaveLength(0);
    expect(outbox.list()[0].state).toBe('queued');
    outbox.setScope({ contest: 'BG2024', judge: 'J1' });
    await settle(outbox);
    expect(server.calls).toHaveLength(1);
    expect(outbox.list()[0].state).toBe('confirmed');
  });
});

describe('backoffDelay', () => {
  it('doubles from 1 s to a 30 s cap and spreads by at most ±20 %', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((n) => backoffDelay(n, undefined, () => 0.5))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(backoffDelay(1, undefined, () => 0)).toBe(800);
    expect(backoffDelay(1, undefined, () => 1)).toBe(1200);
    expect(backoffDelay(10, undefined, () => 1)).toBe(30000);
    expect(backoffDelay(10, undefined, () => 0)).toBe(24000);
  });
});
