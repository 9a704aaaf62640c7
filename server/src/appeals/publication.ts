import type { PublicAppealState } from '../contracts/appeals';

/** What decides whether published results are official; no framework here. */
export interface PublicationFacts {
  closesAt: string;
  /** appeals not yet answered */
  open: number;
  final: boolean;
}

/**
 * Official once the window has closed and every appeal is answered, while the event is final: an
 * upheld appeal is answered only while the event is reopened for its correction, so results are
 * never official between an upheld answer and the sign-off that follows it.
 */
export function isOfficial(f: PublicationFacts, now: number): boolean {
  return f.final && f.open === 0 && now >= Date.parse(f.closesAt);
}

export function publicAppealState(f: PublicationFacts, now: number): PublicAppealState {
  return { appealsClose: f.closesAt, official: isOfficial(f, now) };
}

/** The fields as announced on the feed, one text so a process can tell whether they changed since. */
export function announcedKey(s: PublicAppealState): string {
  return `${s.appealsClose}|${s.official ? 1 : 0}`;
}
