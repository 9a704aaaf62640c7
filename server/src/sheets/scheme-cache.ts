import { Injectable } from '@nestjs/common';
import type { StoredScheme } from '../database/entities/contest-event.entity';
import { schemeFromEventFile } from '../domain/scoring/scheme';
import type { Scheme } from '../domain/scoring/types';

/**
 * The scoring scheme of each event, parsed once per version of its stored text: every sheet
 * checks its marks against it, and the text only changes when an organizer edits the contest.
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
}
