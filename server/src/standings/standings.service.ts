import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ContestLookup } from '../contests/contest-lookup';
import { SchemeCache } from '../contests/scheme-cache';
import { comparePublicRows } from '../contracts/compact-feed';
import type { EventStandings, StaffStandingsRow, StandingsRow, TeamStandings } from '../contracts/standings';
import { Contest, ContestEvent } from '../database/entities';
import { FeedStateRepository } from './feed-state.repository';
import { unitsToNumber } from '../domain/scoring/decimal';
import { rankEntries } from '../domain/scoring/ranking';
import { computeEntry } from '../domain/scoring/entry';
import { computeStandings } from '../domain/scoring/standings';
import { computeTeams } from '../domain/scoring/teams';
import type { EntryInput, EntryResult, RankedEntry, Scheme } from '../domain/scoring/types';
import { EventInputsRepository, type EventInputs, type EntryPerson } from './event-inputs.repository';
import { AppealClock } from '../appeals/appeal-clock';
import { AppealsRepository } from '../appeals/appeals.repository';
import { publicAppealState } from '../appeals/publication';

export interface ComputedEvent {
  event: ContestEvent;
  scheme: Scheme;
  inputs: EventInputs;
  ranked: RankedEntry[];
  rows: StaffStandingsRow[];
}

export const DEFAULT_TEAM_SIZE = 3;

/** An entry's engine result and the fingerprint of the inputs it came from. */
interface KeptResult {
  fingerprint: string;
  result: EntryResult;
}

function toRow(r: RankedEntry, person: EntryPerson): StaffStandingsRow {
  const parts: Record<string, number> = {};
  for (const k in r.parts) parts[k] = unitsToNumber(r.parts[k]);
  return {
    rank: r.rank,
    bib: r.bib,
    name: person.name,
    organization: person.organization,
    station: r.station,
    total: unitsToNumber(r.total),
    parts,
    deductions: unitsToNumber(r.deductions),
    complete: r.complete,
    status: r.status,
    award: r.award,
    liftedByTie: r.liftedByTie,
    trimFallback: r.trimFallback,
  };
}

/**
 * Rows as the public may see them. Judges know entries only by station, so until the event is
 * final no public row names its station; and rows that share a rank (or have none) are ordered by
 * bib on every public surface, which says nothing about stations either.
 */
export function publicView(rows: readonly StandingsRow[], final: boolean): StandingsRow[] {
  return rows.map((r) => publicRow(r, final)).sort(comparePublicRows);
}

/**
 * One row as the public sees it. `liftedByTie` explains an award to organizers (the exports
 * print it); on the public board it only made updates heavier: when marks move an award cut-off
 * through a block of tied entries, each flag that flips would send that whole row again.
 */
function publicRow(r: StandingsRow, final: boolean): StandingsRow {
  const { liftedByTie: _, ...rest } = r;
  return final ? rest : { ...rest, station: null };
}

/**
 * Standings from stored marks through the scoring engine. Results are cached per event and
 * revision (a counter every write bumps in the database), so any process sees fresh results.
 */
@Injectable()
export class StandingsService {
  private readonly cache = new Map<number, { revision: number; results: Map<string, KeptResult>; computed: ComputedEvent }>();
  /** the public rows last made from a computation (told by the identity of its ranking), per board mode and finality */
  private readonly publicCache = new Map<number, { computed: readonly RankedEntry[]; mode: string; final: boolean; rows: StandingsRow[] }>();

  constructor(
    private readonly lookup: ContestLookup,
    private readonly inputs: EventInputsRepository,
    @InjectRepository(ContestEvent) private readonly events: Repository<ContestEvent>,
    private readonly states: FeedStateRepository,
    private readonly schemes: SchemeCache,
    private readonly appeals: AppealsRepository,
    private readonly clock: AppealClock,
  ) {}

  /**
   * Current results of one event, as staff see them. `known` is the event's row when the caller
   * has just read it. On a new revision every input is reloaded, but an entry whose fingerprint
   * (status, sheets, deductions) and rules are unchanged keeps its engine result; ranking is
   * always redone over all entries.
   */
  async compute(eventId: number, known?: ContestEvent): Promise<ComputedEvent> {
    const event = known ?? (await this.events.findOneByOrFail({ id: eventId }));
    const hit = this.cache.get(eventId);
    if (hit && hit.revision === event.revision) return { ...hit.computed, event };
    const scheme = this.schemes.ofEvent(event);
    const inputs = await this.inputs.load(eventId);
    const before = hit?.computed.scheme === scheme ? hit.results : new Map<string, KeptResult>();
    const results = new Map<string, KeptResult>();
    const kept = (s: Scheme, e: EntryInput): EntryResult => {
      const fingerprint = inputs.fingerprints.get(e.bib)!;
      const old = before.get(e.bib);
      const result = old?.fingerprint === fingerprint ? old.result : computeEntry(s, e);
      results.set(e.bib, { fingerprint, result });
      return result;
    };
    const ranked = computeStandings(scheme, inputs.entries, kept).rows as RankedEntry[];
    const rows = ranked.map((r) => toRow(r, inputs.people.get(r.bib)!));
    const computed: ComputedEvent = { event, scheme, inputs, ranked, rows };
    this.cache.set(eventId, { revision: event.revision, results, computed });
    return computed;
  }

  /**
   * Live results as the public may see them: every competing entry, or only complete ones ranked
   * among themselves; while the event is open, without stations (publicView).
   */
  async liveRows(event: ContestEvent): Promise<StandingsRow[]> {
    const computed = await this.compute(event.id, event);
    const kept = this.publicCache.get(event.id);
    if (kept && kept.computed === computed.ranked && kept.mode === event.boardMode && kept.final === event.final) return kept.rows;
    let rows = computed.rows;
    if (event.boardMode === 'complete') {
      const shown = computed.ranked.filter((r) => r.complete || r.status !== 'competing');
      rows = rankEntries(computed.scheme, shown).rows.map((r) => toRow(r, computed.inputs.people.get(r.bib)!));
    }
    const out = publicView(rows, event.final);
    this.publicCache.set(event.id, { computed: computed.ranked, mode: event.boardMode, final: event.final, rows: out });
    return out;
  }

  /**
   * What the public sees of an event: live results, or while it is frozen exactly what the feed
   * captured when it was frozen — never live rows, even where no capture exists (an event frozen
   * before captures were taken shows an empty board until it is unfrozen).
   */
  async publicRows(event: ContestEvent): Promise<StandingsRow[]> {
    if (event.frozen) {
      const state = await this.states.one(this.events.manager, event.id);
      return state ? (state.rows as StandingsRow[]) : [];
    }
    return this.liveRows(event);
  }

  /** Standings as the public sees them, or with `audience: 'staff'` the true current results (exports). */
  async eventStandings(contest: Contest, event: ContestEvent, audience: 'public' | 'staff' = 'public'): Promise<EventStandings> {
    const rows = audience === 'public' ? await this.publicRows(event) : (await this.compute(event.id)).rows;
    // published results carry their appeal window and whether they are official yet (§5), computed at read time
    const facts = await this.appeals.facts(this.events.manager, event.id);
    return {
      contest: contest.code,
      event: event.key,
      seq: contest.seq,
      final: event.final,
      frozen: event.frozen,
      rows,
      name: event.name,
      precision: event.scheme.precision ?? 2,
      criteria: event.scheme.criteria.map((c) => ({ key: c.key, name: c.name })),
      awards: (event.scheme.awards ?? []).map((a) => a.name),
      ...(facts ? publicAppealState(facts, this.clock.now()) : {}),
    };
  }

  async standings(code: string, eventKey: string): Promise<EventStandings> {
    const { contest, event } = await this.lookup.contestEvent(code, eventKey);
    return this.eventStandings(contest, event);
  }

  async teams(code: string): Promise<TeamStandings> {
    const contest = await this.lookup.contest(code);
    const all = await this.lookup.eventsOf(contest);
    const keys = contest.teams?.events ?? all.map((e) => e.key);
    const size = contest.teams?.size ?? DEFAULT_TEAM_SIZE;
    const counted = all.filter((e) => keys.includes(e.key));
    const perEvent = await Promise.all(
      counted.map(async (e) => ({
        event: e.key,
        rows: (await this.publicRows(e)).map((r) => ({ bib: r.bib, organization: r.organization, total: Math.round(r.total * 10_000), rank: r.rank })),
      })),
    );
    const rows = computeTeams(perEvent, size).map((t) => {
      const events: Record<string, number> = {};
      for (const k in t.events) events[k] = unitsToNumber(t.events[k]);
      return { rank: t.rank, organization: t.organization, total: unitsToNumber(t.total), members: [...t.members], events, full: t.full };
    });
    return { contest: contest.code, size, events: counted.map((e) => e.key), rows };
  }
}
