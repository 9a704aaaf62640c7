import type { JudgeEventScheme, JudgeLoginResponse, SheetListItem } from '@skillscore/server/contracts';
import { ApiError, readErrorBody, type Http } from './http';

const seg = encodeURIComponent;

export function eventPath(contest: string, event: string): string {
  return `/api/contests/${seg(contest)}/events/${seg(event)}`;
}

export function sheetPath(contest: string, event: string, station: string): string {
  return `${eventPath(contest, event)}/sheets/${seg(station)}`;
}

/** The judge's side of the sheet API (integration contract §2). */
export class JudgeApi {
  constructor(
    readonly http: Http,
    private readonly token: () => string | null,
  ) {}

  /** With `judge`, the PIN is checked against that judge alone, in budgets of its own (docs/security.md, "Logins"). */
  login(contest: string, pin: string, judge?: string): Promise<JudgeLoginResponse> {
    return this.http.json('POST', '/api/auth/judge', { body: judge ? { contest, judge, pin } : { contest, pin } });
  }

  /** Revokes a token on the server (contract §2): a tablet handed on keeps no live login. */
  async logout(token: string): Promise<void> {
    const { res } = await this.http.raw('POST', '/api/auth/logout', { token });
    // 401: the token had already ended, which is what was asked
    if (!res.ok && res.status !== 401) throw new ApiError('http', res.status, await readErrorBody(res));
  }

  scheme(contest: string, event: string): Promise<JudgeEventScheme> {
    return this.http.json('GET', `${eventPath(contest, event)}/scheme`, { token: this.token() });
  }

  sheets(contest: string, event: string): Promise<SheetListItem[]> {
    return this.http.json('GET', `${eventPath(contest, event)}/sheets`, { token: this.token() });
  }
}
