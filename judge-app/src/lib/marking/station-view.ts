import type { SheetListItem } from '@skillscore/server/contracts';
import type { OutboxRecord } from '../outbox/types';

/**
 * What the judge sees for one station.
 * open: to be marked. reopened: the chief judge sent it back for marking again.
 * queued / sending: stored on the tablet, not yet confirmed by the server.
 * confirmed: the server has stored it. rejected: the server refused it; the judge must act.
 */
export type StationState = 'open' | 'reopened' | 'queued' | 'sending' | 'confirmed' | 'rejected';

export interface StationView {
  station: string;
  state: StationState;
  scores: Record<string, number> | null;
  version: number | null;
  submittedAt: string | null;
  /** why the chief judge sent the sheet back, when it was */
  reopenReason: string | null;
  /** the remarks of the latest version (or of the submission on the tablet) */
  comments: Record<string, string>;
  /** the tablet's latest submission for this station, if any is still relevant */
  record: OutboxRecord | null;
}

/** The newest record per station among one judge's records of one event. */
export function latestByStation(records: readonly OutboxRecord[], contest: string, event: string, judge: string): Map<string, OutboxRecord> {
  const out = new Map<string, OutboxRecord>();
  for (const r of records) {
    if (r.contest !== contest || r.event !== event || r.judge !== judge) continue;
    const prev = out.get(r.station);
    if (!prev || r.createdAt >= prev.createdAt) out.set(r.station, r);
  }
  return out;
}

/**
 * Merges the server's list with the tablet's outbox. Something waiting on the tablet always
 * shows; a confirmed record shows until the server's list knows the sheet, and after that the
 * list wins (so a reopen by the chief judge becomes visible).
 */
export function stationView(item: SheetListItem, record: OutboxRecord | undefined, listFetchedAt: number | null): StationView {
  const base = {
    station: item.station,
    scores: item.scores,
    version: item.version ?? null,
    submittedAt: item.submittedAt ?? null,
    reopenReason: item.status === 'open' ? (item.reopenReason ?? null) : null,
    comments: item.comments ?? {},
  };
  const fromServer: StationView = {
    ...base,
    state: item.status === 'submitted' ? 'confirmed' : (item.version ?? 0) > 0 ? 'reopened' : 'open',
    record: null,
  };
  if (!record) return fromServer;
  switch (record.state) {
    case 'queued':
    case 'sending':
      return { ...base, state: record.state, scores: record.scores, comments: record.comments ?? {}, record };
    case 'rejected':
      if (record.dismissed) return fromServer;
      return { ...fromServer, state: 'rejected', record };
    case 'confirmed': {
      const receipt = record.receipt!;
      const listKnowsIt = listFetchedAt !== null && record.confirmedAt !== null && listFetchedAt > record.confirmedAt;
      const serverNewer = (item.version ?? 0) > receipt.version;
      if (listKnowsIt || serverNewer) return fromServer;
      return {
        ...base,
        state: 'confirmed',
        scores: receipt.scores,
        version: receipt.version,
        submittedAt: receipt.submittedAt ?? null,
        comments: receipt.comments ?? record.comments ?? {},
        record,
      };
    }
  }
}
