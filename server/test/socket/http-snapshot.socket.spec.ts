import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRowChanges, type CompactFeedUpdate } from '../../src/contracts/compact-feed';
import type { FeedSnapshot } from '../../src/contracts/feed';
import type { EventStandings, StandingsRow } from '../../src/contracts/standings';
import { panelContest, stationOf } from '../support/contests';
import { LiveClient } from '../support/live-client';
import { putSheet } from '../support/sheets';
import { client, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/**
 * A phone reads its first board over HTTP, where it travels compressed, then watches with
 * `since` that board's seq: it receives only what came after, and its board stays equal to the
 * standings. The socket sends nothing compressed, so this is what keeps a 300-entry first board small.
 */
let t: TestApp;
let api: ReturnType<typeof client>;
let org: string;

beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  org = await organizerToken(t.base);
});
afterAll(() => t.close());

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET with the given Accept-Encoding, body left as it came on the wire. */
function rawGet(path: string, acceptEncoding?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${t.base}${path}`, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(r: Raw): FeedSnapshot {
  const enc = r.headers['content-encoding'];
  const plain = enc === 'br' ? brotliDecompressSync(r.body) : enc === 'gzip' ? gunzipSync(r.body) : r.body;
  return JSON.parse(plain.toString('utf8')) as FeedSnapshot;
}

async function standings(code: string, event: string): Promise<EventStandings> {
  return (await api('GET', `/api/contests/${code}/events/${event}/standings`)).body;
}

describe('GET /api/contests/:code/snapshot', () => {
  it('is the snapshot a watch gets, filtered to the events asked for, brotli or gzip as the client accepts', async () => {
    const code = 'BOOT1';
    expect((await api('POST', '/api/contests', panelContest(code, { judges: 1, stations: 30, events: 2, firstPin: 240001 }), org)).status).toBe(201);
    const judge = await judgeToken(t.base, code, '240001');
    for (let s = 0; s < 5; s++) expect((await putSheet(api, judge, code, 'e1', stationOf(s), { score: 50 + s })).status).toBe(200);
    await t.settle();

    const watcher = new LiveClient(t.base);
    await watcher.connect();
    watcher.socket.emit('watch', { contest: code, compact: true, events: ['e1'] });
    const viaSocket = await watcher.snapshot();
    watcher.disconnect();

    const br = await rawGet(`/api/contests/${code}/snapshot?events=e1`, 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(br.headers['cache-control']).toBe('no-store');
    expect(decode(br)).toEqual(viaSocket);

    const gz = await rawGet(`/api/contests/${code}/snapshot?events=e1`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decode(gz)).toEqual(viaSocket);
    const plain = await rawGet(`/api/contests/${code}/snapshot?events=e1`, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(decode(plain)).toEqual(viaSocket);
    expect(br.body.length).toBeLessThan(plain.body.length / 3);

    const all = decode(await rawGet(`/api/contests/${code}/snapshot`, 'gzip'));
    expect(all.events.map((e) => e.event)).toEqual(['e1', 'e2']);
    // the same public view as the standings: no stations while marking is open
    expect(all.events[0].rows.every((r) => r.station === null)).toBe(true);
    expect(all.events[0].rows).toEqual((await standings(code, 'e1')).rows);
  });

  it('answers a bad filter with 400 naming events, an unknown contest with 404, case-insensitively', async () => {
    const code = 'BOOT2';
    expect((await api('POST', '/api/contests', panelContest(code, { judges: 1, stations: 3, events: 1, firstPin: 241001 }), org)).status).toBe(201);
    const unknownEvent = await api('GET', `/api/contests/${code}/snapshot?events=e1,nope`);
    expect(unknownEvent.status).toBe(400);
    expect(unknownEvent.body.message).toMatch(/events/);
    expect(unknownEvent.body.message).toMatch(/nope/);
    const empty = await api('GET', `/api/contests/${code}/snapshot?events=`);
    expect(empty.status).toBe(400);
    expect(empty.body.message).toMatch(/events/);
    const twice = await api('GET', `/api/contests/${code}/snapshot?events=e1&events=e1`);
    expect(twice.status).toBe(400);
    const stray = await api('GET', `/api/contests/${code}/snapshot?form=whole`);
    expect(stray.status).toBe(400);
    expect((await api('GET', `/api/contests/NOPE/snapshot`)).status).toBe(404);
    const lower = await api('GET', `/api/contests/${code.toLowerCase()}/snapshot?events=e1`);
    expect(lower.status).toBe(200);
    expect(lower.body.contest).toBe(code);
  });

  it('a board read over HTTP and resumed over the socket from its seq stays equal to the standings', async () => {
    const code = 'BOOT3';
    expect((await api('POST', '/api/contests', panelContest(code, { judges: 1, stations: 12, events: 2, firstPin: 242001 }), org)).status).toBe(201);
    const judge = await judgeToken(t.base, code, '242001');
    expect((await putSheet(api, judge, code, 'e1', stationOf(0), { score: 70 })).status).toBe(200);
    await t.settle();
    const board = decode(await rawGet(`/api/contests/${code}/snapshot?events=e1`, 'br'));
    let rows: StandingsRow[] = board.events[0].rows;
    let last = board.events[0].last!;
    expect(last).toBeGreaterThan(0);

    // marks land between the read and the watch: the resume brings them
    expect((await putSheet(api, judge, code, 'e1', stationOf(1), { score: 80 })).status).toBe(200);
    expect((await putSheet(api, judge, code, 'e2', stationOf(1), { score: 40 })).status).toBe(200);
    await t.settle();
    const phone = new LiveClient(t.base);
    await phone.connect();
    phone.socket.emit('watch', { contest: code, compact: true, events: ['e1'], since: board.seq });
    await phone.waitFor('resumed');
    expect(phone.messages('snapshot')).toHaveLength(0);
    for (const m of phone.messages('update') as CompactFeedUpdate[]) {
      expect(m.event).toBe('e1');
      expect(m.prev).toBe(last);
      rows = applyRowChanges(rows, m);
      last = m.seq;
    }
    expect(rows).toEqual((await standings(code, 'e1')).rows);

    // and it keeps following
    const from = phone.log.length;
    for (let s = 2; s < 6; s++) expect((await putSheet(api, judge, code, 'e1', stationOf(s), { score: 60 + s })).status).toBe(200);
    await t.settle();
    const want = (await standings(code, 'e1')).rows;
    while (JSON.stringify(rows) !== JSON.stringify(want)) {
      const u = (await phone.update((m) => m.seq > last, { from })) as CompactFeedUpdate;
      expect(u.prev).toBe(last);
      rows = applyRowChanges(rows, u);
      last = u.seq;
    }
    expect(rows).toEqual(want);
    phone.disconnect();
  });
});
