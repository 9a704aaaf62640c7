import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContestInfo } from './contest-info.svelte';
import { ApiError, publicApi } from './public-api';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('publicApi', () => {
  it('reads the contest and team paths of the public API', async () => {
    const calls: string[] = [];
    const api = publicApi(async (url) => {
      calls.push(String(url));
      return json(200, { rows: [] });
    });
    await api.contest('BG 2024');
    await api.teams('BG2024');
    expect(calls).toEqual(['/api/contests/BG%202024', '/api/contests/BG2024/teams']);
  });

  it('turns an error answer into an ApiError with the server message', async () => {
    const api = publicApi(async () => json(404, { statusCode: 404, error: 'Not Found', message: 'no contest XX' }));
    await expect(api.contest('XX')).rejects.toMatchObject({ status: 404, message: 'no contest XX' });
    await expect(api.contest('XX')).rejects.toBeInstanceOf(ApiError);
  });
});

describe('ContestInfo', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reports an unknown contest', async () => {
    const info = new ContestInfo('XX', publicApi(async () => json(404, { message: 'unknown contest' })));
    await info.loadSummary();
    expect(info.error).toEqual({ status: 404, message: 'unknown contest' });
    expect(info.summary).toBeNull();
  });

  it('has no team table when the contest has no team scoring', async () => {
    const info = new ContestInfo('BG', publicApi(async () => json(404, { message: 'no teams' })));
    await info.loadTeams();
    expect(info.teams).toBeNull();
  });

  it('keeps the last team table through a network error', async () => {
    let fail = false;
    const info = new ContestInfo(
      'BG',
      publicApi(async () => {
        if (fail) throw new TypeError('network');
        return json(200, { rows: [{ rank: 1, organization: 'X', total: 1, members: [] }] });
      }),
    );
    await info.loadTeams();
    fail = true;
    await info.loadTeams();
    expect(info.teams?.rows).toHaveLength(1);
  });

  it('re-reads teams at most once per gap however many updates arrive', async () => {
    let reads = 0;
    const info = new ContestInfo(
      'BG',
      publicApi(async () => {
        reads += 1;
        return json(200, { rows: [] });
      }),
      8000,
    );
    await info.loadTeams();
    expect(reads).toBe(1);
    for (let i = 0; i < 20; i++) info.refreshTeamsSoon();
    await vi.advanceTimersByTimeAsync(7999);
    expect(reads).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(reads).toBe(2);
    info.refreshTeamsSoon();
    info.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reads).toBe(2);
  });
});
