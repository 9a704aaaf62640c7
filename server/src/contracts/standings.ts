/** Public results (integration contract §3) and what the live feed carries (§4). Numbers are already rounded. */
export type EntryStatus = 'competing' | 'absent' | 'withdrawn' | 'disqualified';

export interface StandingsRow {
  /** null for entries that are not competing */
  rank: number | null;
  bib: string;
  name: string;
  organization: string;
  /** null on every public surface until the event is final: judges know entries by station only */
  station: string | null;
  total: number;
  /** criterion key → rounded part; "panel" + measured keys when the event aggregates over totals */
  parts: Record<string, number>;
  deductions: number;
  complete: boolean;
  status: EntryStatus;
  award: string | null;
  /** in its award tier only because it ties with an entry inside the cut-off */
  liftedByTie?: boolean;
  /** trimming was configured but too few marks were in, so the plain mean was used */
  trimFallback?: boolean;
}

/** A row as staff see it (exports, the chief judge's desk): the station is always there. */
export interface StaffStandingsRow extends StandingsRow {
  station: string;
}

export interface EventStandings {
  contest: string;
  event: string;
  seq: number;
  final: boolean;
  frozen: boolean;
  rows: StandingsRow[];
  /** in a feed snapshot: the seq of the latest message for this event (0 before its first), §4a */
  last?: number;
  /** event name, criteria names and award tiers, for boards and exports */
  name?: string;
  /** decimals every number of this event is rounded to */
  precision?: number;
  criteria?: { key: string; name: string }[];
  awards?: string[];
  /** once the organizer has published the results (§5): when the appeal window closes, ISO time */
  appealsClose?: string;
  /** published results only: true once the window has closed, every appeal is decided and the event is final */
  official?: boolean;
}

export interface ContestSummary {
  code: string;
  title: string;
  venue: string;
  locale: string;
  /** `last`: the feed `seq` of the event's latest message (0 before the first), so a phone can open on the event being marked */
  events: { key: string; name: string; final: boolean; frozen?: boolean; last?: number }[];
}

export interface TeamStandingsRow {
  rank: number;
  organization: string;
  total: number;
  members: string[];
  /** event key → that event's team score */
  events?: Record<string, number>;
  /** false when the team has fewer ranked members than the team size in a counted event */
  full?: boolean;
}

export interface TeamStandings {
  contest?: string;
  size?: number;
  events?: string[];
  rows: TeamStandingsRow[];
}
