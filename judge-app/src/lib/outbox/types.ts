import type { ErrorBody, StoredSheet } from '@skillscore/server/contracts';

/**
 * queued: stored on the tablet, waiting for its next attempt.
 * sending: an attempt is in flight (stored as such so a reload knows to send again).
 * confirmed: the server answered 200 with the stored sheet.
 * rejected: the server refused it (4xx other than 401/408/429); it is never sent again.
 */
export type OutboxState = 'queued' | 'sending' | 'confirmed' | 'rejected';

export interface SheetSubmission {
  contest: string;
  event: string;
  station: string;
  judge: string;
  scores: Record<string, number>;
  /** the judge's remarks per criterion, sent in the same PUT as the marks; absent when there are none */
  comments?: Record<string, string>;
}

export interface OutboxRecord extends SheetSubmission {
  requestId: string;
  state: OutboxState;
  /** ms since epoch */
  createdAt: number;
  attempts: number;
  /** ms since epoch; when the next attempt may start */
  nextAttemptAt: number;
  /** why the last attempt did not land, for the judge: network, timeout, http status */
  lastError: TransientError | null;
  rejection: Rejection | null;
  receipt: StoredSheet | null;
  confirmedAt: number | null;
  /** a rejection the judge has read and put aside */
  dismissed: boolean;
}

export interface TransientError {
  kind: 'network' | 'timeout' | 'server' | 'busy' | 'badResponse';
  status: number | null;
  at: number;
}

export interface Rejection {
  status: number;
  body: ErrorBody;
}

/** What one attempt to send a sheet came to. */
export type SendOutcome =
  | { kind: 'confirmed'; sheet: StoredSheet }
  | { kind: 'retry'; error: Omit<TransientError, 'at'>; retryAfterMs: number | null }
  | { kind: 'unauthorized' }
  | { kind: 'rejected'; rejection: Rejection };

export function sheetKey(s: Pick<SheetSubmission, 'contest' | 'event' | 'station' | 'judge'>): string {
  return `${s.contest}\u0000${s.event}\u0000${s.judge}\u0000${s.station}`;
}
