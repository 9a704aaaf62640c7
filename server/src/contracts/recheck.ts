/** One field in which the published results and those recomputed from the audit trail disagree. */
export interface RecheckDifference {
  bib: string;
  /** rank, total, deductions, complete, status, award, `parts.KEY`, or `entry` for an entry only one side has */
  field: string;
  published: string | number | boolean | null;
  recomputed: string | number | boolean | null;
}

/**
 * `GET /api/contests/:code/events/:event/recheck` (organizer or the event's chief judge): the
 * event's results recomputed from the audit trail alone and compared with the live results.
 * `head` is the hash of the chain's last record the replay read; `message` says why the trail
 * could not be replayed (a contest created before its setup was recorded, a record it cannot place).
 */
export interface RecheckResult {
  event: string;
  checked: number;
  differences: RecheckDifference[];
  head: string;
  /** audit records replayed for this event */
  replayed: number;
  message?: string;
  /** the trail holds no setup for the event (its contest was created before setups were recorded): nothing could be recomputed */
  setupMissing?: true;
}
