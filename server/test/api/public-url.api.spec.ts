import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ExportsService } from '../../src/exports/exports.service';
import { client, hairContest, organizerToken, startTestApp, type TestApp } from '../support/test-app';

const PUBLIC_URL = 'http://192.0.2.10:3000';

/** The address phones and tablets reach: served to the apps and used in the printed judge cards. */
describe('PUBLIC_URL', () => {
  let t: TestApp;
  let org: string;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: `${PUBLIC_URL}/` });
    org = await organizerToken(t.base);
    expect((await client(t.base)('POST', '/api/contests', hairContest('BG2024', 3), org)).status).toBe(201);
  });
  afterAll(() => t.close());

  it('is served publicly at /api/server, without the trailing slash', async () => {
    const r = await client(t.base)('GET', '/api/server');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ publicUrl: PUBLIC_URL, addresses: [PUBLIC_URL], configured: true });
  });

  it('is the judge cards’ address by default, not the loopback one the console asked on; an explicit origin still wins', async () => {
    const cards = vi.spyOn(t.app.get(ExportsService), 'judgeCards');
    const get = (q: string) => fetch(`${t.base}/api/contests/BG2024/judge-cards.pdf${q}`, { headers: { authorization: `Bearer ${org}` } });
    expect((await get('')).status).toBe(200);
    expect(cards.mock.calls.at(-1)?.[1]).toBe(PUBLIC_URL);
    expect((await get('?origin=https://score.example/')).status).toBe(200);
    expect(cards.mock.calls.at(-1)?.[1]).toBe('https://score.example');
    cards.mockRestore();
  });
});

describe('without PUBLIC_URL on a loopback-only server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('names no address rather than a loopback one', async () => {
    expect((await client(t.base)('GET', '/api/server')).body).toEqual({ publicUrl: null, addresses: [], configured: false });
  });
});
