import { describe, expect, it } from 'vitest';
import { ApiError, Http, type FetchLike } from './http';
import { JudgeApi } from './judge-api';

/** A fetch that answers `status` and records each request. */
function server(status: number, body = ''): { fetch: FetchLike; calls: { url: string; method: string; auth: string | null; body: unknown }[] } {
  const calls: { url: string; method: string; auth: string | null; body: unknown }[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push({ url, method: init?.method ?? 'GET', auth: new Headers(init?.headers).get('Authorization'), body: typeof init?.body === 'string' ? JSON.parse(init.body) : null });
      return new Response(status === 204 ? null : body || JSON.stringify({ statusCode: status, error: '', message: 'm' }), { status });
    },
  };
}

describe('JudgeApi.logout', () => {
  it('revokes the given token, not the session\u2019s current one', async () => {
    const s = server(204);
    await new JudgeApi(new Http({ fetch: s.fetch }), () => 'someone-else').logout('old-token');
    expect(s.calls).toEqual([{ url: '/api/auth/logout', method: 'POST', auth: 'Bearer old-token', body: null }]);
  });

  it('a token that had already ended is no error; a server failure is', async () => {
    await expect(new JudgeApi(new Http({ fetch: server(401).fetch }), () => null).logout('t')).resolves.toBeUndefined();
    await expect(new JudgeApi(new Http({ fetch: server(503).fetch }), () => null).logout('t')).rejects.toBeInstanceOf(ApiError);
  });
});
