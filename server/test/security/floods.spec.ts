import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FeedService } from '../../src/live/feed.service';
import { LiveClient } from '../support/live-client';
import { client, hairContest, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/**
 * Floods cost the attacker, not the judges: the public feed needs no login, so each socket gets
 * one watch in flight and one a second at most, each address a bounded number of connections,
 * and no key of any length is echoed back.
 */
let t: TestApp;
const clients: LiveClient[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function connected(base = t.base): Promise<LiveClient> {
  const live = new LiveClient(base);
  clients.push(live);
  await live.connect();
  return live;
}

beforeAll(async () => {
  t = await startTestApp();
  const org = await organizerToken(t.base);
  expect((await client(t.base)('POST', '/api/contests', hairContest('FLOOD', 40), org)).status).toBe(201);
});
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});
afterAll(() => t.close());

describe('watch is paced per socket', () => {
  it('fifty watches sent at once: one is served at a time, and the one in flight answers the rest', async () => {
    // count the snapshots the server builds for this socket, and how many are under way at once
    const feed = t.app.get(FeedService);
    const original = feed.watch.bind(feed);
    let served = 0;
    let inFlight = 0;
    let most = 0;
    feed.watch = async (code, socket) => {
      served++;
      most = Math.max(most, ++inFlight);
      try {
        return await original(code, socket);
      } finally {
        inFlight--;
      }
    };
    try {
      const live = await connected();
      for (let i = 0; i < 50; i++) live.watch('FLOOD');
      await live.snapshot();
      await sleep(1500);
      expect(most).toBe(1);
      expect(served).toBeLessThanOrEqual(2);
      expect(live.messages('snapshot').length).toBeLessThanOrEqual(2);
    } finally {
      feed.watch = original;
    }
  });

  it('a socket re-watching flat out gets at most one snapshot a second', async () => {
    const live = await connected();
    live.socket.on('snapshot', () => live.watch('FLOOD'));
    live.watch('FLOOD');
    const timer = setInterval(() => live.watch('FLOOD'), 2);
    await sleep(3000);
    clearInterval(timer);
    const snapshots = live.messages('snapshot').length;
    expect(snapshots).toBeGreaterThanOrEqual(2);
    expect(snapshots).toBeLessThanOrEqual(4);
  });

  it('a board that re-watches after a gap still gets its snapshot, within a second', async () => {
    const live = await connected();
    live.watch('FLOOD');
    await live.snapshot();
    const mark = live.log.length;
    const asked = Date.now();
    live.watch('FLOOD');
    const again = await live.snapshot({ from: mark, timeoutMs: 3000 });
    expect(again.contest).toBe('FLOOD');
    expect(Date.now() - asked).toBeLessThan(1500);
  });

  it('the latest of several waiting watches is the one served', async () => {
    const org = await organizerToken(t.base);
    expect((await client(t.base)('POST', '/api/contests', hairContest('FLOOD-B', 2), org)).status).toBe(201);
    const live = await connected();
    live.watch('FLOOD');
    await live.snapshot();
    const mark = live.log.length;
    live.watch('FLOOD');
    live.watch('FLOOD-B');
    const next = await live.snapshot({ from: mark, timeoutMs: 3000 });
    expect(next.contest).toBe('FLOOD-B');
    await sleep(1200);
    expect(live.messages('snapshot', mark)).toHaveLength(1);
  });
});

describe('watch input is bounded and never echoed', () => {
  it('a 900 KB contest code: error (and feed-error) 400 with a short message, and the socket stays usable', async () => {
    const live = await connected();
    live.watch('X'.repeat(900_000));
    const e = await live.waitFor('error');
    const legacy = await live.feedError();
    expect(e).toEqual(legacy);
    expect(e.statusCode).toBe(400);
    expect(e.message).toContain('contest');
    expect(e.message).toContain('64');
    expect(JSON.stringify(e).length).toBeLessThan(400);
    live.watch('FLOOD');
    expect((await live.snapshot()).contest).toBe('FLOOD');
  });

  it('an unknown contest of 60 characters is named in the 404, whole; bad compact and events are 400s naming the field', async () => {
    const live = await connected();
    const code = 'N'.repeat(60);
    live.watch(code);
    const e = await live.waitFor('error');
    expect(e).toMatchObject({ statusCode: 404, message: expect.stringContaining(code) });
    let mark = live.log.length;
    live.socket.emit('watch', { contest: 'FLOOD', compact: 'yes' });
    expect(await live.waitFor('error', () => true, { from: mark })).toMatchObject({ statusCode: 400, message: expect.stringContaining('compact') });
    mark = live.log.length;
    live.socket.emit('watch', { contest: 'FLOOD', events: [] });
    expect(await live.waitFor('error', () => true, { from: mark })).toMatchObject({ statusCode: 400, message: expect.stringContaining('events') });
    mark = live.log.length;
    live.socket.emit('watch', { contest: 'FLOOD', events: ['e'.repeat(100_000)] });
    const long = await live.waitFor('error', () => true, { from: mark });
    expect(long).toMatchObject({ statusCode: 400, message: expect.stringContaining('events[0]') });
    expect(long.message.length).toBeLessThan(200);
  });

  it('a 900 KB contest code in a REST path: 4xx with a short answer', async () => {
    const r = await fetch(`${t.base}/api/contests/${'X'.repeat(900_000)}/events/hair/standings`);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect((await r.text()).length).toBeLessThan(400);
  });

  it('a 10 KB key in any route parameter: 400 naming the parameter and the limit, without the key', async () => {
    const api = client(t.base);
    const long = 'K'.repeat(10_000);
    for (const path of [`/api/contests/${long}`, `/api/contests/FLOOD/events/${long}/standings`, `/api/contests/${long}/teams`]) {
      const r = await api('GET', path);
      expect(r.status).toBe(400);
      expect(r.body.message).toMatch(/(code|event): at most 64 characters/);
      expect(JSON.stringify(r.body).length).toBeLessThan(300);
    }
  });

  it('a long key the route accepts is still echoed at most 64 characters long', async () => {
    const r = await client(t.base)('GET', `/api/contests/${'Q'.repeat(64)}/teams`);
    expect(r.status).toBe(404);
    expect(r.body.message).toContain('Q'.repeat(64));
    const unknownRoute = await client(t.base)('GET', `/api/${'R'.repeat(5000)}`);
    expect(unknownRoute.status).toBe(404);
    expect(JSON.stringify(unknownRoute.body).length).toBeLessThan(300);
  });
});

describe('connections per address are capped', () => {
  it('the N+1th socket from one address is refused; a place freed is taken again', async () => {
    const capped = await startTestApp({ FEED_MAX_CONNECTIONS_PER_ADDRESS: '5' });
    try {
      const five = await Promise.all(Array.from({ length: 5 }, () => connected(capped.base)));
      await expect(connected(capped.base)).rejects.toThrow();
      five[0].disconnect();
      await sleep(200);
      const again = await connected(capped.base);
      expect(again.socket.connected).toBe(true);
    } finally {
      for (const c of clients.splice(0)) c.disconnect();
      await capped.close();
    }
  });

  it('the default cap leaves room for a venue behind one NAT: 300 sockets from one address', async () => {
    const many = await Promise.all(Array.from({ length: 300 }, () => connected()));
    expect(many.every((c) => c.socket.connected)).toBe(true);
  });
});
