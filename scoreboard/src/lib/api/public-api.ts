import type { ContestSummary, FeedSnapshot, TeamStandings } from '@skillscore/server/contracts';

/** An answer from the server that is not 2xx, with the server's own message when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Fetch = typeof fetch;

async function getJson<T>(doFetch: Fetch, path: string): Promise<T> {
  const res = await doFetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) {
    let message = res.statusText;
    try {
      const body = (await res.json()) as { message?: unknown };
      if (typeof body.message === 'string') message = body.message;
      else if (Array.isArray(body.message)) message = body.message.join('; ');
    } catch {
      // keep the status text
    }
    throw new ApiError(res.status, message);
  }
  return (await res.json()) as T;
}

/** The public results endpoints the board reads (integration contract §3). */
export function publicApi(doFetch: Fetch = (...args) => fetch(...args)) {
  const base = (code: string) => `/api/contests/${encodeURIComponent(code)}`;
  return {
    contest: (code: string) => getJson<ContestSummary>(doFetch, base(code)),
    teams: (code: string) => getJson<TeamStandings>(doFetch, `${base(code)}/teams`),
    /** the live feed's snapshot, compressed over HTTP: a phone's first board (§4a, `since` follows) */
    snapshot: (code: string, events: readonly string[] | null) =>
      getJson<FeedSnapshot>(doFetch, `${base(code)}/snapshot${events?.length ? `?events=${encodeURIComponent(events.join(','))}` : ''}`),
  };
}

export type PublicApi = ReturnType<typeof publicApi>;
