import type { ContestFile, ImportReport } from '@skillscore/server/contracts';
import { ApiError } from '../../lib/api/http';
import type { ConsoleApi, CreatedContest, EditedContest } from '../api/console-api';
import type { UploadProgress } from '../api/transfer';

type Call = { method: string; args: unknown[] };

/**
 * The console's API answered from a script of replies, recording every call: state classes are
 * tested against it without a server.
 */
export class FakeConsoleApi {
  readonly calls: Call[] = [];
  private readonly replies = new Map<string, ((...args: unknown[]) => unknown)[]>();

  /** The next call of `method` answers with `reply` (a value, an ApiError to throw, or a function of the arguments). */
  on(method: string, reply: unknown): this {
    const list = this.replies.get(method) ?? [];
    list.push(typeof reply === 'function' ? (reply as (...a: unknown[]) => unknown) : () => reply);
    this.replies.set(method, list);
    return this;
  }

  private async answer(method: string, args: unknown[]): Promise<any> {
    this.calls.push({ method, args });
    const next = this.replies.get(method)?.shift();
    if (!next) throw new Error(`no reply scripted for ${method}`);
    const r = next(...args);
    if (r instanceof ApiError) throw r;
    return r;
  }

  create(file: ContestFile): Promise<CreatedContest> {
    return this.answer('create', [file]);
  }
  edit(code: string, file: ContestFile, opts: unknown): Promise<EditedContest> {
    return this.answer('edit', [code, file, opts]);
  }
  importSheet(code: string, file: Blob, type: string, dryRun: boolean, onProgress: (p: UploadProgress) => void, confirm = false): Promise<ImportReport> {
    onProgress({ sent: file.size, total: file.size });
    return this.answer('importSheet', [code, file, type, dryRun, confirm]);
  }
  draw(code: string, event: string, seed?: string) {
    return this.answer('draw', [code, event, seed]);
  }
  reveal(code: string, event: string, by: string) {
    return this.answer('reveal', [code, event, by]);
  }
  freeze(code: string, event: string) {
    return this.answer('freeze', [code, event]);
  }
  board(code: string, event: string) {
    return this.answer('board', [code, event]);
  }
  reopenEvent(code: string, event: string, reason: string) {
    return this.answer('reopenEvent', [code, event, reason]);
  }
  audit(code: string, filter: unknown, page: unknown) {
    return this.answer('audit', [code, filter, page]);
  }

  asApi(): ConsoleApi {
    return this as unknown as ConsoleApi;
  }
}

export function httpError(status: number, message: string, problems?: { path: string; message: string }[]): ApiError {
  return new ApiError('http', status, { statusCode: status, error: '', message, ...(problems ? { problems } : {}) });
}
