import type { JudgeEventScheme, JudgeLoginResponse, SheetListItem } from '@skillscore/server/contracts';
import type { Http } from './http';

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

  login(contest: string, pin: string): Promise<JudgeLoginResponse> {
    return this.http.json('POST', '/api/auth/judge', { body: { contest, pin } });
  }

  scheme(contest: string, event: string): Promise<JudgeEventScheme> {
    return this.http.json('GET', `${eventPath(contest, event)}/scheme`, { token: this.token() });
  }

  sheets(contest: string, event: string): Promise<SheetListItem[]> {
    return this.http.json('GET', `${eventPath(contest, event)}/sheets`, { token: this.token() });
  }
}
