import type { SheetPutBody, StoredSheet } from '@skillscore/server/contracts';
import type { OutboxRecord, SendOutcome } from '../outbox/types';
import { ApiError, parseRetryAfter, readErrorBody, type Http } from './http';
import { sheetPath } from './judge-api';

function isStoredSheet(x: unknown, station: string): x is StoredSheet {
  const s = x as Partial<StoredSheet> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    s.station === station &&
    s.status === 'submitted' &&
    typeof s.version === 'number' &&
    typeof s.scores === 'object' &&
    s.scores !== null
  );
}

/**
 * Sorts the answer to one sheet PUT into what the outbox does next. A 2xx counts only when it
 * carries the stored sheet: a captive portal or proxy page answering 200 is not a receipt.
 */
export async function classifySheetAnswer(res: Response, json: unknown, record: OutboxRecord, now: number = Date.now()): Promise<SendOutcome> {
  if (res.ok) {
    if (isStoredSheet(json, record.station)) return { kind: 'confirmed', sheet: json };
    return { kind: 'retry', error: { kind: 'badResponse', status: res.status }, retryAfterMs: null };
  }
  const retryAfterMs = parseRetryAfter(res.headers.get('Retry-After'), now);
  if (res.status === 401) return { kind: 'unauthorized' };
  if (res.status === 408 || res.status === 429) return { kind: 'retry', error: { kind: 'busy', status: res.status }, retryAfterMs };
  if (res.status >= 500) return { kind: 'retry', error: { kind: 'server', status: res.status }, retryAfterMs };
  return { kind: 'rejected', rejection: { status: res.status, body: await readErrorBody(res) } };
}

/** The outbox's way to the server: one PUT per attempt, always with the record's own requestId. */
export function createSheetSender(http: Http, token: () => string | null) {
  return async (record: OutboxRecord): Promise<SendOutcome> => {
    const t = token();
    if (!t) return { kind: 'unauthorized' };
    const body: SheetPutBody = { requestId: record.requestId, scores: record.scores, ...(record.comments ? { comments: record.comments } : {}) };
    try {
      const { res, json } = await http.raw('PUT', sheetPath(record.contest, record.event, record.station), { body, token: t });
      return await classifySheetAnswer(res, json, record);
    } catch (e) {
      const kind = e instanceof ApiError && e.kind === 'timeout' ? 'timeout' : 'network';
      return { kind: 'retry', error: { kind, status: null }, retryAfterMs: null };
    }
  };
}
