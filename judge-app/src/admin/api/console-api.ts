import type {
  AppealView,
  FileAppealBody,
  FiledAppeal,
  PublicationView,
  AuditRecordView,
  BoardState,
  ChiefProgress,
  ContestFile,
  ContestSummary,
  CreatedContest,
  EditedContest,
  JudgeCard,
  DrawResult,
  EventStandings,
  ImportReport,
  OrganizerLoginResponse,
  OrganizerPasswordChangeBody,
} from '@skillscore/server/contracts';
import type { AuditVerification, RecheckResult } from '@skillscore/server/contracts';
import { ApiError, parseRetryAfter, readErrorBody, type Http } from '../../lib/api/http';
import { fetchFile, uploadFile, type DownloadedFile, type UploadProgress } from './transfer';

export type { CreatedContest, EditedContest, JudgeCard } from '@skillscore/server/contracts';

const seg = encodeURIComponent;

export interface AuditFilter {
  event?: string;
  station?: string;
  judge?: string;
}

/** One page of the audit trail, newest first, and the `before` of the page after it (null on the last page). */
export interface AuditPage {
  records: AuditRecordView[];
  next: number | null;
}

/** The `before` of the next page, from the trail's `Link: <…?before=N…>; rel="next"` header. */
export function nextBefore(link: string | null): number | null {
  const url = link && /<([^>]+)>\s*;\s*rel="next"/.exec(link)?.[1];
  if (!url) return null;
  const before = Number(new URL(url, 'http://x').searchParams.get('before'));
  return Number.isInteger(before) && before > 0 ? before : null;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Every call the organizer's console makes. Screens and state classes never touch fetch. */
export class ConsoleApi {
  constructor(
    private readonly http: Http,
    private readonly token: () => string | null,
    /** a 401: the organizer's login has ended */
    private readonly onUnauthorized: () => void,
  ) {}

  private async guard<T>(p: Promise<T>): Promise<T> {
    try {
      return await p;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) this.onUnauthorized();
      throw e;
    }
  }

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.guard(this.http.json<T>(method, path, { body, token: this.token() }));
  }

  /** A call answered with 204 No Content. */
  private async send(method: string, path: string, body: unknown, token: string | null): Promise<void> {
    const { res } = await this.http.raw(method, path, { body, token });
    if (!res.ok) throw new ApiError('http', res.status, await readErrorBody(res));
  }

  login(password: string): Promise<OrganizerLoginResponse> {
    return this.http.json('POST', '/api/auth/organizer', { body: { password } });
  }

  /** Revokes the login's token on the server; `token` is passed in because the console has already forgotten it. */
  async logout(token: string): Promise<void> {
    try {
      await this.send('POST', '/api/auth/logout', undefined, token);
    } catch (e) {
      // 401: it had already ended, which is what was asked
      if (!(e instanceof ApiError && e.status === 401)) throw e;
    }
  }

  /** Ends every other organizer login; this one stays. 409 when ORGANIZER_PASSWORD fixes the password. */
  changePassword(body: OrganizerPasswordChangeBody): Promise<void> {
    return this.guard(this.send('POST', '/api/auth/organizer/password', body, this.token()));
  }

  contests(): Promise<ContestSummary[]> {
    return this.call('GET', '/api/contests');
  }

  summary(code: string): Promise<ContestSummary> {
    return this.call('GET', `/api/contests/${seg(code)}`);
  }

  contestFile(code: string): Promise<ContestFile> {
    return this.call('GET', `/api/contests/${seg(code)}/file`);
  }

  create(file: ContestFile): Promise<CreatedContest> {
    return this.call('POST', '/api/contests', file);
  }

  edit(code: string, file: ContestFile, opts: { confirm?: boolean; reason?: string } = {}): Promise<EditedContest> {
    return this.call('PUT', `/api/contests/${seg(code)}`, { ...file, ...(opts.confirm ? { confirm: true } : {}), ...(opts.reason ? { reason: opts.reason } : {}) });
  }

  judges(code: string): Promise<JudgeCard[]> {
    return this.call('GET', `/api/contests/${seg(code)}/judges`);
  }

  /** `confirm`: the organizer has seen that marking has started in an event the file adds entries to. */
  importSheet(code: string, file: Blob, contentType: string, dryRun: boolean, onProgress: (p: UploadProgress) => void, confirm = false): Promise<ImportReport> {
    const query = dryRun ? '?dryRun=1' : confirm ? '?confirm=1' : '';
    return this.guard(uploadFile<ImportReport>(`/api/contests/${seg(code)}/import${query}`, file, contentType, this.token(), onProgress));
  }

  draw(code: string, event: string, seed?: string): Promise<DrawResult> {
    return this.call('POST', `/api/contests/${seg(code)}/events/${seg(event)}/draw`, seed ? { seed } : {});
  }

  /** One page of the trail: `before` is the `next` of the page before (none for the newest page). */
  audit(code: string, f: AuditFilter, page: { before?: number | null; limit: number }): Promise<AuditPage> {
    const q = new URLSearchParams();
    for (const k of ['event', 'station', 'judge'] as const) if (f[k]) q.set(k, f[k]!);
    if (page.before) q.set('before', String(page.before));
    q.set('limit', String(page.limit));
    return this.guard(
      (async () => {
        // the answer stays a plain list; where the next page starts is in the Link header
        const { res, json } = await this.http.raw('GET', `/api/contests/${seg(code)}/audit?${q}`, { token: this.token() });
        if (!res.ok) throw new ApiError('http', res.status, await readErrorBody(res), parseRetryAfter(res.headers.get('Retry-After')));
        if (!Array.isArray(json)) throw new ApiError('http', res.status, { statusCode: res.status, error: 'Bad response', message: 'the answer was not a list' });
        return { records: json as AuditRecordView[], next: nextBefore(res.headers.get('Link')) };
      })(),
    );
  }

  /** The contest's audit chain checked record by record from the first. */
  verifyAudit(code: string): Promise<AuditVerification> {
    return this.call('GET', `/api/contests/${seg(code)}/audit/verify`);
  }

  /** An event's results recomputed from the audit trail and compared with the live results. */
  recheck(code: string, event: string): Promise<RecheckResult> {
    return this.call('GET', `/api/contests/${seg(code)}/events/${seg(event)}/recheck`);
  }

  progress(code: string, event: string): Promise<ChiefProgress> {
    return this.call('GET', `/api/contests/${seg(code)}/events/${seg(event)}/progress`);
  }

  standings(code: string, event: string): Promise<EventStandings> {
    return this.call('GET', `/api/contests/${seg(code)}/events/${seg(event)}/standings`);
  }

  board(code: string, event: string): Promise<BoardState> {
    return this.call('GET', `/api/contests/${seg(code)}/events/${seg(event)}/board`);
  }

  setBoardMode(code: string, event: string, mode: BoardState['mode']): Promise<BoardState> {
    return this.call('POST', `/api/contests/${seg(code)}/events/${seg(event)}/board`, { mode });
  }

  freeze(code: string, event: string): Promise<BoardState> {
    return this.call('POST', `/api/contests/${seg(code)}/events/${seg(event)}/freeze`, {});
  }

  unfreeze(code: string, event: string): Promise<BoardState> {
    return this.call('POST', `/api/contests/${seg(code)}/events/${seg(event)}/unfreeze`, {});
  }

  reveal(code: string, event: string, by: 'entry' | 'tier'): Promise<BoardState> {
    return this.call('POST', `/api/contests/${seg(code)}/events/${seg(event)}/reveal`, { by });
  }

  reopenEvent(code: string, event: string, reason: string): Promise<{ event: string; final: boolean }> {
    return this.call('POST', `/api/contests/${seg(code)}/events/${seg(event)}/reopen`, { reason });
  }

  /** The publication of an event's results and its appeal window. */
  publication(code: string, event: string): Promise<PublicationView> {
    return this.call('GET', `/api/contests/${seg(code)}/events/${seg(event)}/publication`);
  }

  publish(code: string, event: string, appealMinutes: number): Promise<PublicationView> {
    return this.call('POST', `/api/contests/${seg(code)}/events/${seg(event)}/publish`, { appealMinutes });
  }

  appeals(code: string, event: string): Promise<AppealView[]> {
    return this.call('GET', `/api/contests/${seg(code)}/events/${seg(event)}/appeals`);
  }

  fileAppeal(code: string, event: string, body: FileAppealBody): Promise<FiledAppeal> {
    return this.call('POST', `/api/contests/${seg(code)}/events/${seg(event)}/appeals`, body);
  }

  /** Exports and judge cards, by their path under the contest. */
  download(code: string, path: string, fallbackName: string): Promise<DownloadedFile> {
    return this.guard(fetchFile(`/api/contests/${seg(code)}/${path}`, this.token(), fallbackName));
  }
}
