import type {
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
} from '@skillscore/server/contracts';
import { ApiError, type Http } from '../../lib/api/http';
import { fetchFile, uploadFile, type DownloadedFile, type UploadProgress } from './transfer';

export type { CreatedContest, EditedContest, JudgeCard } from '@skillscore/server/contracts';

const seg = encodeURIComponent;

export interface AuditFilter {
  event?: string;
  station?: string;
  judge?: string;
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

  login(password: string): Promise<OrganizerLoginResponse> {
    return this.http.json('POST', '/api/auth/organizer', { body: { password } });
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

  importSheet(code: string, file: Blob, contentType: string, dryRun: boolean, onProgress: (p: UploadProgress) => void): Promise<ImportReport> {
    return this.guard(uploadFile<ImportReport>(`/api/contests/${seg(code)}/import${dryRun ? '?dryRun=1' : ''}`, file, contentType, this.token(), onProgress));
  }

  draw(code: string, event: string, seed?: string): Promise<DrawResult> {
    return this.call('POST', `/api/contests/${seg(code)}/events/${seg(event)}/draw`, seed ? { seed } : {});
  }

  audit(code: string, f: AuditFilter): Promise<AuditRecordView[]> {
    const q = new URLSearchParams();
    for (const k of ['event', 'station', 'judge'] as const) if (f[k]) q.set(k, f[k]!);
    const qs = q.toString();
    return this.call('GET', `/api/contests/${seg(code)}/audit${qs ? `?${qs}` : ''}`);
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

  /** Exports and judge cards, by their path under the contest. */
  download(code: string, path: string, fallbackName: string): Promise<DownloadedFile> {
    return this.guard(fetchFile(`/api/contests/${seg(code)}/${path}`, this.token(), fallbackName));
  }
}
