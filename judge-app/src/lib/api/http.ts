import type { ErrorBody } from '@skillscore/server/contracts';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** A request that did not get a usable answer: no connection, too slow, or an error status. */
export class ApiError extends Error {
  constructor(
    readonly kind: 'network' | 'timeout' | 'http',
    readonly status: number,
    readonly body: ErrorBody | null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(body?.message || (kind === 'http' ? `HTTP ${status}` : kind));
  }

  get offline(): boolean {
    return this.kind !== 'http';
  }
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const s = value.trim();
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const at = Date.parse(s);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export async function readErrorBody(res: Response): Promise<ErrorBody> {
  let parsed: unknown = null;
  try {
    parsed = await res.json();
  } catch {
    // not JSON (a proxy's page): fall back to the status line
  }
  const p = parsed as Partial<ErrorBody> | null;
  return {
    statusCode: typeof p?.statusCode === 'number' ? p.statusCode : res.status,
    error: typeof p?.error === 'string' ? p.error : res.statusText,
    message: typeof p?.message === 'string' ? p.message : Array.isArray(p?.message) ? (p!.message as string[]).join('; ') : '',
    ...(Array.isArray(p?.problems) ? { problems: p!.problems } : {}),
  };
}

export interface HttpOptions {
  fetch?: FetchLike;
  /** prefix of every path, '' for the same origin */
  base?: string;
  timeoutMs?: number;
}

export interface RequestOptions {
  body?: unknown;
  token?: string | null;
}

/** Venue Wi-Fi often hangs instead of failing, so every request has a deadline. */
export class Http {
  private readonly fetchFn: FetchLike;
  readonly base: string;
  readonly timeoutMs: number;

  constructor(opts: HttpOptions = {}) {
    this.fetchFn = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.base = opts.base ?? '';
    this.timeoutMs = opts.timeoutMs ?? 15_000;
  }

  /** The raw answer, or ApiError('network' | 'timeout') when there is none. */
  async raw(method: string, path: string, opts: RequestOptions = {}): Promise<{ res: Response; json: unknown }> {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), this.timeoutMs);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    try {
      const res = await this.fetchFn(this.base + path, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: ctrl.signal,
        cache: 'no-store',
        credentials: 'same-origin',
      });
      let json: unknown = undefined;
      if (res.ok) {
        try {
          json = await res.json();
        } catch {
          json = undefined;
        }
      }
      return { res, json };
    } catch {
      throw new ApiError(ctrl.signal.aborted ? 'timeout' : 'network', 0, null);
    } finally {
      clearTimeout(timer);
    }
  }

  async json<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const { res, json } = await this.raw(method, path, opts);
    if (!res.ok) throw new ApiError('http', res.status, await readErrorBody(res), parseRetryAfter(res.headers.get('Retry-After')));
    if (json === undefined) throw new ApiError('http', res.status, { statusCode: res.status, error: 'Bad response', message: 'the answer was not JSON' });
    return json as T;
  }
}
