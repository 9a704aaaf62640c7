import { Injectable } from '@nestjs/common';
import type { ContestEvent, StoredScheme } from '../database/entities/contest-event.entity';
import { schemeFromEventFile } from '../domain/scoring/scheme';
import type { Scheme } from '../domain/scoring/types';

/**
 * The scoring scheme of each event, built once per version of its stored text: every sheet checks
 * its marks against it and every recomputation of standings ranks by it, and the text only changes
 * when an organizer edits the contest. The same text gives the same object, so a caller can tell
 * that the rules are unchanged by identity.
 */
@Injectable()
export class SchemeCache {
  private readonly byEvent = new Map<number, { json: string; scheme: Scheme }>();

  of(eventId: number, json: string): Scheme {
    const hit = this.byEvent.get(eventId);
    if (hit && hit.json === json) return hit.scheme;
    const stored = JSON.parse(json) as StoredScheme;
    const scheme = schemeFromEventFile({ ...stored, entries: [] });
    this.byEvent.set(eventId, { json, scheme });
    return scheme;
  }

  /** The scheme of an event row already read (its scheme column parsed). */
  ofEvent(event: Pick<ContestEvent, 'id' | 'scheme'>): Scheme {
    return this.of(event.id, JSON.stringify(event.scheme));
  }
}
