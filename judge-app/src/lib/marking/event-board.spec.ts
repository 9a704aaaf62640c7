import { describe, expect, it, vi } from 'vitest';
import { Http, type FetchLike } from '../api/http';
import { JudgeApi } from '../api/judge-api';
import type { KeyValue } from '../storage';
import { EventBoard } from './event-board.svelte';

const scheme = { key: 'hair', name: '美发', role: 'judge', final: false, criteria: [{ key: 'design', name: '造型设计', kind: 'judged', max: 40, step: 0.5 }] };
const list = [
  { station: '10', status: 'open', scores: null },
  { station: '2', status: 'submitted', scores: { design: 30 }, version: 1, submittedAt: '2024-05-01T06:00:00.000Z' },
];

function memory(): KeyValue {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

function api(fetch: FetchLike) {
  return new JudgeApi(new Http({ fetch }), () => 'tok');
}

const online: FetchLike = async (url) => new Response(JSON.stringify(url.endsWith('/scheme') ? scheme : list), { status: 200 });
const offline: FetchLike = async () => Promise.reject(new TypeError('Failed to fetch'));
const ctx = { contest: 'BG2024', judge: 'J1', event: 'hair' };

describe('EventBoard', () => {
  it('loads the scheme and the stations in station order', async () => {
    const b = new EventBoard(ctx, api(online), () => {}, memory());
    await b.refresh();
    expect(b.scheme?.criteria.map((c) => c.key)).toEqual(['design']);
    expect(b.items.map((i) => i.station)).toEqual(['2', '10']);
    expect(b.stale).toBe(false);
    expect(b.fetchedAt).not.toBeNull();
  });

  it('shows the tablet’s last copy, marked stale, when the server cannot be reached', async () => {
    const store = memory();
    await new EventBoard(ctx, api(online), () => {}, store).refresh();
    const b = new EventBoard(ctx, api(offline), () => {}, store);
    await b.refresh();
    expect(b.ready).toBe(true);
    expect(b.items).toHaveLength(2);
    expect(b.stale).toBe(true);
  });

  it('takes a receipt into the list at once', async () => {
    const b = new EventBoard(ctx, api(online), () => {}, memory());
    await b.refresh();
    b.applyReceipt({ station: '10', judge: 'J1', status: 'submitted', scores: { design: 38 }, version: 1, submittedAt: '2024-05-01T07:00:00.000Z' });
    expect(b.items.find((i) => i.station === '10')).toMatchObject({ status: 'submitted', version: 1, scores: { design: 38 } });
  });

  it('gives a chief judge who marks nothing an empty list instead of an error', async () => {
    const chiefScheme = { ...scheme, role: 'chief', criteria: [] };
    const forbidden = { statusCode: 403, error: 'Forbidden', message: 'judge J6 is not on the panel of event hair' };
    const b = new EventBoard(
      ctx,
      api(async (url) => (url.endsWith('/scheme') ? new Response(JSON.stringify(chiefScheme)) : new Response(JSON.stringify(forbidden), { status: 403 }))),
      () => {},
      memory(),
    );
    await b.refresh();
    expect(b.ready).toBe(true);
    expect(b.items).toEqual([]);
    expect(b.error).toBeNull();
  });

  it('still reports a refused list for a judge who has criteria', async () => {
    const forbidden = { statusCode: 403, error: 'Forbidden', message: 'this login is for another contest' };
    const b = new EventBoard(ctx, api(async (url) => (url.endsWith('/scheme') ? new Response(JSON.stringify(scheme)) : new Response(JSON.stringify(forbidden), { status: 403 }))), () => {}, memory());
    await b.refresh();
    expect(b.ready).toBe(false);
    expect(b.error?.status).toBe(403);
  });

  it('sends the judge back to the login on 401', async () => {
    const onUnauthorized = vi.fn();
    const b = new EventBoard(ctx, api(async () => new Response('{"statusCode":401,"error":"Unauthorized","message":"expired"}', { status: 401 })), onUnauthorized, memory());
    await b.refresh();
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(b.ready).toBe(false);
  });
});
