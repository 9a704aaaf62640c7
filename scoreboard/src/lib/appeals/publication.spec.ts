import type { EventStandings } from '@skillscore/server/contracts';
import { describe, expect, it } from 'vitest';
import { publicationOf, publicationPhase } from './publication.svelte';

const close = '2026-05-01T10:00:00.000Z';
const at = (iso: string) => Date.parse(iso);

function standings(over: Partial<EventStandings> = {}): EventStandings {
  return { contest: 'BG', event: 'hair', seq: 5, final: true, frozen: false, rows: [], last: 5, ...over };
}

describe('publicationPhase', () => {
  it('nothing before publication or while the event is not final', () => {
    expect(publicationPhase(null, true, at(close))).toBeNull();
    expect(publicationPhase({ appealsClose: close, official: false }, false, at(close) - 1)).toBeNull();
  });

  it('open until the close, then under review, official once the server says so', () => {
    expect(publicationPhase({ appealsClose: close, official: false }, true, at(close) - 1)).toEqual({ kind: 'open', close: at(close) });
    expect(publicationPhase({ appealsClose: close, official: false }, true, at(close))).toEqual({ kind: 'review', close: at(close) });
    expect(publicationPhase({ appealsClose: close, official: true }, true, at(close) - 1)).toEqual({ kind: 'official' });
  });
});

describe('publicationOf', () => {
  it('reads the fields the feed merged into the event, nothing before publication', () => {
    expect(publicationOf(standings({ appealsClose: close, official: false }))).toEqual({ appealsClose: close, official: false });
    expect(publicationOf(standings({ appealsClose: close, official: true }))).toEqual({ appealsClose: close, official: true });
    expect(publicationOf(standings())).toBeNull();
    expect(publicationOf(undefined)).toBeNull();
  });
});
