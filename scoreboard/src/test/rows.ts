import type { EventStandings, FeedSnapshot, StandingsRow } from '@skillscore/server/contracts';

export function row(bib: string, rank: number | null, total: number, extra: Partial<StandingsRow> = {}): StandingsRow {
  return {
    rank,
    bib,
    name: `选手${bib}`,
    organization: '广安市总工会',
    // public rows name no station while marking is open
    station: null,
    total,
    parts: { design: total },
    deductions: 0,
    complete: true,
    status: rank === null ? 'absent' : 'competing',
    award: null,
    ...extra,
  };
}

export function standings(event: string, rows: StandingsRow[], extra: Partial<EventStandings> = {}): EventStandings {
  return { contest: 'BG2024', event, seq: 0, final: false, frozen: false, rows, ...extra };
}

/** A snapshot whose events' latest message is the snapshot's seq, unless an event says otherwise. */
export function snapshot(seq: number, events: EventStandings[], contest = 'BG2024'): FeedSnapshot {
  return { seq, contest, events: events.map((e) => ({ last: seq, ...e })) };
}
