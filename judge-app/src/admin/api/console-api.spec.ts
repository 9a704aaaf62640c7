import { describe, expect, it } from 'vitest';
import { Http, type FetchLike } from '../../lib/api/http';
import { ConsoleApi } from './console-api';

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

describe('ConsoleApi sessions', () => {
  it('logout revokes the token it is given, and does not count as the login running out', async () => {
    const s = server(401);
    let expired = 0;
    await new ConsoleApi(new Http({ fetch: s.fetch }), () => null, () => expired++).logout('old-token');
    expect(s.calls[0]).toMatchObject({ url: '/api/auth/logout', method: 'POST', auth: 'Bearer old-token' });
    expect(expired).toBe(0);
  });

  it('changePassword sends current and next with the console\u2019s token and takes a 204', async () => {
    const s = server(204);
    await new ConsoleApi(new Http({ fetch: s.fetch }), () => 'org-token', () => undefined).changePassword({ current: 'old-password', next: 'new-password' });
    expect(s.calls).toEqual([{ url: '/api/auth/organizer/password', method: 'POST', auth: 'Bearer org-token', body: { current: 'old-password', next: 'new-password' } }]);
  });

  it('a 401 from changePassword (the login was ended) signs the console out', async () => {
    let expired = 0;
    const api = new ConsoleApi(new Http({ fetch: server(401).fetch }), () => 'org-token', () => expired++);
    await expect(api.changePassword({ current: 'a-wrong-one', next: 'new-password' })).rejects.toMatchObject({ status: 401 });
    expect(expired).toBe(1);
  });
});
