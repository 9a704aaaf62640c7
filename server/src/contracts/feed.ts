import type { WatchRequest } from './watch-request';
import type { EventStandings, StandingsRow } from './standings';

/** Live feed (integration contract §4): socket.io namespace and event names. */
export const LIVE_NAMESPACE = '/live';

export const FEED = {
  watch: 'watch',
  snapshot: 'snapshot',
  update: 'update',
  /** a watch that could not be served (unknown contest, bad payload): `{ statusCode, message }` as the contract names it (§4a) */
  contractError: 'error',
  /** the same answer under the name earlier boards listen for; both are sent */
  error: 'feed-error',
  /** the answer to a compact watch with `since`, after the missed updates: no snapshot follows */
  resumed: 'resumed',
} as const;

/** Sent after the updates a returning watcher missed: it is up to date at `seq`. */
export interface FeedResumed {
  contest: string;
  seq: number;
}

export type { WatchRequest } from './watch-request';

export interface FeedSnapshot {
  seq: number;
  contest: string;
  events: EventStandings[];
}

export interface FeedUpdate {
  seq: number;
  /** the seq of the message before this one for the same event (0 before its first), §4a */
  prev?: number;
  event: string;
  rows: StandingsRow[];
  final: boolean;
  frozen: boolean;
  /** the contest the update belongs to */
  contest?: string;
  /** bibs that left the event (entry removed); rarely sent */
  removed?: string[];
  /** set on a ceremony reveal step: the rows of this update are the ones just revealed */
  reveal?: FeedReveal;
  /** carried when the publication of the event's results changes (§5); absent: unchanged */
  appealsClose?: string;
  official?: boolean;
}

export interface FeedReveal {
  /** the award tier being revealed, null for the entries without an award */
  award: string | null;
  bibs: string[];
  /** entries revealed so far, of `total` */
  revealed: number;
  total: number;
}

export interface FeedError {
  statusCode: number;
  error: string;
  message: string;
}

export interface LiveServerToClient {
  [FEED.snapshot]: (s: FeedSnapshot) => void;
  [FEED.update]: (u: FeedUpdate) => void;
  [FEED.contractError]: (e: FeedError) => void;
  [FEED.error]: (e: FeedError) => void;
  [FEED.resumed]: (r: FeedResumed) => void;
}

export interface LiveClientToServer {
  [FEED.watch]: (w: WatchRequest) => void;
}
