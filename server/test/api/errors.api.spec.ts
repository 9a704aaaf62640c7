import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/** Contract, all surfaces: errors are JSON { statusCode, error, message } a person can act on. */
let t: TestApp;
let api: ReturnType<typeof client>;
let org: string;
let judge: string;

beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  org = await organizerToken(t.base);
  expect((await api('POST', '/api/contests', hairContest('ERRORS'), org)).status).toBe(201);
  judge = await judgeToken(t.base, 'ERRORS', '100001');
});
afterAll(() => t.close());

function expectErrorBody(body: unknown, statusCode: number): void {
  expect(body).toEqual(expect.objectContaining({ statusCode, error: expect.any(String), message: expect.any(String) }));
  expect((body as { message: string }).message.length).toBeGreaterThan(5);
}

async function raw(method: string, path: string, body: string, token?: string, contentType = 'application/json') {
  const res = await fetch(t.base + path, {
    method,
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: JSON.parse(text) as unknown };
}

describe('a body over 1 MB', () => {
  const big = JSON.stringify({ ...hairContest('HUGE'), venue: 'x'.repeat(1_100_000) });
  it('413 JSON on every surface, before anything else is looked at', async () => {
    for (const [method, path, token] of [
      ['POST', '/api/contests', org],
      ['POST', '/api/auth/judge', undefined],
      ['PUT', '/api/contests/ERRORS/events/hair/sheets/07', judge],
    ] as const) {
      const r = await raw(method, path, big, token);
      expect(r.status, path).toBe(413);
      expect(r.contentType).toContain('application/json');
      expectErrorBody(r.body, 413);
      expect((r.body as { message: string }).message).toMatch(/larger than|too large|limit/i);
    }
    expect((await api('GET', '/api/contests/HUGE')).status).toBe(404);
  });

  it('a contest file just under the limit is read', async () => {
    const file = hairContest('NEARLIMIT');
    const extra = Array.from({ length: 4700 }, (_, i) => ({ bib: `N${i}`, name: `选手${i}`, organization: '广安市总工会'.repeat(8) }));
    const body = JSON.stringify({ ...file, contestants: [...file.contestants!, ...extra] });
    expect(Buffer.byteLength(body)).toBeGreaterThan(900_000);
    expect(Buffer.byteLength(body)).toBeLessThan(1_000_000);
    const r = await raw('POST', '/api/contests', body, org);
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(201);
  });
});

describe('malformed JSON', () => {
  it('400 JSON { statusCode, error, message } on every surface', async () => {
    for (const [method, path, token] of [
      ['POST', '/api/auth/organizer', undefined],
      ['POST', '/api/auth/judge', undefined],
      ['POST', '/api/contests', org],
      ['PUT', '/api/contests/ERRORS/events/hair/sheets/07', judge],
      ['POST', '/api/contests/ERRORS/events/hair/deductions', judge],
    ] as const) {
      const r = await raw(method, path, '{"requestId": "abc", "scores": {"design": 3', token);
      expect(r.status, path).toBe(400);
      expect(r.contentType).toContain('application/json');
      expectErrorBody(r.body, 400);
      expect(r.body).toMatchObject({ error: 'Bad Request', message: expect.stringMatching(/JSON/) });
    }
  });

  it('400 naming the body when it is not JSON at all', async () => {
    const r = await raw('POST', '/api/auth/judge', 'contest=ERRORS&pin=100001', undefined, 'application/x-www-form-urlencoded');
    expect(r.status).toBe(400);
    expectErrorBody(r.body, 400);
    expect((r.body as { message: string }).message).toMatch(/body|JSON/);
  });
});

describe('a body the server cannot read', () => {
  it('415 JSON for a charset other than UTF-8', async () => {
    const r = await raw('POST', '/api/auth/judge', JSON.stringify({ contest: 'ERRORS', pin: '100001' }), undefined, 'application/json; charset=latin1');
    expect(r.status).toBe(415);
    expectErrorBody(r.body, 415);
    expect(r.body).toMatchObject({ error: 'Unsupported Media Type' });
  });
});

describe('messages name the field', () => {
  it('in nested contest-file paths', async () => {
    const file = hairContest('FIELDS');
    (file.events![0].criteria[1] as { max: unknown }).max = '30';
    (file.contestants![1] as { name: unknown }).name = '';
    const r = await api('POST', '/api/contests', file, org);
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('events[0].criteria[1].max');
    expect(r.body.message).toContain('contestants[1].name');
    expect(r.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'events[0].criteria[1].max' }), expect.objectContaining({ path: 'contestants[1].name' })]));
  });

  it('in sheet and chief bodies', async () => {
    const r = await api('PUT', '/api/contests/ERRORS/events/hair/sheets/07', { requestId: crypto.randomUUID(), scores: { design: 50, technique: 25, finish: 27 } }, judge);
    expect(r.body.message).toMatch(/scores\.design.*40/);
    const chief = await judgeToken(t.base, 'ERRORS', '100006');
    const d = await api('POST', '/api/contests/ERRORS/events/hair/deductions', { station: '07', points: 'lots', reason: '超时' }, chief);
    expect(d.status).toBe(400);
    expect(d.body.message).toContain('points');
  });
});

describe('other errors are JSON too', () => {
  it('401, 403, 404 and 409 bodies', async () => {
    expectErrorBody((await api('GET', '/api/contests/ERRORS/judges')).body, 401);
    expectErrorBody((await api('GET', '/api/contests/ERRORS/judges', undefined, judge)).body, 403);
    expectErrorBody((await api('GET', '/api/contests/NOPE')).body, 404);
    expectErrorBody((await api('POST', '/api/contests', hairContest('ERRORS'), org)).body, 409);
  });

  it('404 JSON for an unknown API path', async () => {
    const r = await api('GET', '/api/no-such-thing');
    expect(r.status).toBe(404);
    expectErrorBody(r.body, 404);
  });
});
