import { describe, expect, it } from 'vitest';
import { ApiError, Http, parseRetryAfter } from './http';

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30_000);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('Http.json', () => {
  it('throws the error body with the status and Retry-After', async () => {
    const http = new Http({
      fetch: async () =>
        new Response(JSON.stringify({ statusCode: 429, error: 'Too Many Requests', message: 'too many failed logins' }), { status: 429, headers: { 'Retry-After': '600' } }),
    });
    const err = (await http.json('POST', '/api/auth/judge', { body: {} }).catch((e) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ kind: 'http', status: 429, retryAfterMs: 600_000, body: { message: 'too many failed logins' } });
    expect(err.offline).toBe(false);
  });

  it('reports a failed connection as offline', async () => {
    const http = new Http({ fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    const err = await http.json('GET', '/x').catch((e) => e);
    expect(err).toMatchObject({ kind: 'network', status: 0, offline: true });
  });

  it('sends the bearer token and JSON body', async () => {
    let seen: RequestInit | undefined;
    const http = new Http({
      fetch: async (_url, init) => {
        seen = init;
        return new Response('{"ok":true}', { status: 200 });
      },
    });
    expect(await http.json('PUT', '/x', { body: { a: 1 }, token: 'tok' })).toEqual({ ok: true });
    expect(new Headers(seen!.headers).get('Authorization')).toBe('Bearer tok');
    expect(seen!.body).toBe('{"a":1}');
  });
});
