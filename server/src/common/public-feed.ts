import type { EntityManager } from 'typeorm';
import type { FeedReveal } from '../contracts/feed';
import type { StandingsRow } from '../contracts/standings';
import type { ContestEvent } from '../database/entities';

/**
 * What a use case may ask of the public feed when its own write has to go out in the same
 * transaction as the feed update (a freeze, a reveal step, an appeal window's fields). Services
 * depend on this port; the live feed (`live/feed.service.ts`) implements it, so nothing below
 * live/ imports live/.
 */
export abstract class PublicFeed {
  /** Runs `act` and publishes the event's frozen board, both in one transaction. */
  abstract freeze(contestId: number, eventId: number, act: (em: EntityManager, event: ContestEvent) => Promise<void>): Promise<void>;

  /** One reveal step chosen by `step` from the live rows, published with `record`'s audit record; null when nothing is left. */
  abstract reveal(
    contestId: number,
    eventId: number,
    step: (live: StandingsRow[], revealed: number) => { award: string | null; bibs: string[]; total: number } | null,
    record: (em: EntityManager, step: FeedReveal) => Promise<void>,
  ): Promise<FeedReveal | null>;

  /** One update of fields other than the rows, answered by `fields` in the publishing transaction (null sends nothing). */
  abstract announce(contestId: number, eventId: number, fields: (em: EntityManager) => Promise<Record<string, unknown> | null>): Promise<void>;

  /** Resolves once the changes already raised for the contest (or every contest) are published. */
  abstract settle(contestId?: number): Promise<void>;
}
