import type { EventStandings, PublicAppealState } from '@skillscore/server/contracts';

/** What the board says about published results. */
export type PublicationPhase = { kind: 'open'; close: number } | { kind: 'review'; close: number } | { kind: 'official' };

/** The phase at `now`: open until the close, then under review until the results are official. */
export function publicationPhase(s: PublicAppealState | null, final: boolean, now: number): PublicationPhase | null {
  if (!s || !final) return null;
  if (s.official) return { kind: 'official' };
  const close = Date.parse(s.appealsClose);
  if (Number.isNaN(close)) return null;
  return now < close ? { kind: 'open', close } : { kind: 'review', close };
}

/** The fields the board shows for published results: the feed carries them in snapshots and in the updates that change them. */
export function publicationOf(e: EventStandings | undefined): PublicAppealState | null {
  return e?.appealsClose ? { appealsClose: e.appealsClose, official: e.official === true } : null;
}
