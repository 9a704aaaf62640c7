import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { ContestLookup } from '../contests/contest-lookup';
import { SchemeCache } from '../contests/scheme-cache';
import type { RecheckResult } from '../contracts/recheck';
import { In } from 'typeorm';
import { ContestEvent } from '../database/entities';
import { sqlAll, sqlOne } from '../database/sql';
import { Transactor } from '../database/transactor';
import { computeStandings } from '../domain/scoring/standings';
import { EventInputsRepository } from '../standings/event-inputs.repository';
import { GENESIS } from './audit-chain';
import { compareResults, CONTEST_WIDE_ACTIONS, REPLAYED_ACTIONS, TrailReplay, type ReplayRecord } from './replay';

/** Records read per statement while replaying. */
const PAGE = 5000;
/** A write that lands between reading the results and reading the trail makes them disagree for a moment: read both again. */
const ATTEMPTS = 5;

const list = (xs: readonly string[]) => xs.map((a) => `'${a}'`).join(', ');

const TRAIL = `SELECT "id", "position", "action", "event", "station", "judge", "before", "after" FROM "audit_log"
WHERE "contestId" = ? AND ("position", "id") > (?, ?) AND "position" <= ? AND "action" IN (${list(REPLAYED_ACTIONS)})`;
const ONE_EVENT = ` AND ("event" = ? OR ("event" IS NULL AND "action" IN (${list(CONTEST_WIDE_ACTIONS)})))`;
const ORDER = ` ORDER BY "position", "id" LIMIT ?`;

interface TrailRow {
  id: number;
  position: number;
  action: string;
  event: string | null;
  station: string | null;
  judge: string | null;
  before: string | null;
  after: string | null;
}

function parsed(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Recomputes an event's results from the audit trail alone and compares them with the results
 * computed from the stored sheets, deductions and statuses (the live, unfrozen standings), read
 * afresh from the database so that a change made there behind the server's back is seen.
 */
@Injectable()
export class RecheckService {
  constructor(
    private readonly tx: Transactor,
    private readonly lookup: ContestLookup,
    private readonly inputs: EventInputsRepository,
    private readonly schemes: SchemeCache,
  ) {}

  /** The organizer, or the event's chief judge. */
  async recheck(who: Principal, code: string, eventKey: string): Promise<RecheckResult> {
    const { contest, event } = await this.lookup.contestEvent(code, eventKey);
    if (who.kind !== 'organizer') {
      if (who.contestId !== contest.id) throw DomainError.forbidden(`this login is for another contest, not ${code}`);
      if (event.scheme.chiefJudge !== who.judgeKey) throw DomainError.forbidden(`only the organizer or the chief judge of event ${eventKey} may recheck it`);
    }
    return (await this.events(contest.id, [event]))[0];
  }

  /** Every event of a contest, replaying its trail once. */
  async contest(contestId: number): Promise<RecheckResult[]> {
    const events = await this.tx.manager.getRepository(ContestEvent).find({ where: { contestId }, order: { position: 'ASC', id: 'ASC' } });
    return this.events(contestId, events);
  }

  /** The given events of one contest, replaying its trail once (no rights are checked here). */
  async events(contestId: number, events: ContestEvent[]): Promise<RecheckResult[]> {
    if (!events.length) return [];
    const ids = events.map((e) => e.id);
    for (let attempt = 1; ; attempt++) {
      const before = await this.revisions(ids);
      // read again each time: an edit between attempts may have changed an event's scheme
      const rows = new Map((await this.tx.manager.getRepository(ContestEvent).findBy({ id: In(ids) })).map((e) => [e.id, e]));
      events = events.map((e) => rows.get(e.id) ?? e);
      const head = await sqlOne<{ position: number; hash: string }>(this.tx.manager, `SELECT "position", "hash" FROM "audit_heads" WHERE "contestId" = ?`, [contestId]);
      const replay = await this.replay(contestId, head ? Number(head.position) : 0, events.length === 1 ? events[0].key : null);
      const published = await Promise.all(events.map(async (e) => computeStandings(this.schemes.ofEvent(e), (await this.inputs.load(e.id)).entries).rows));
      const after = await this.revisions(ids);
      if (before !== after && attempt < ATTEMPTS) continue;
      return events.map((e, i) => {
        const recomputed = replay.standings(e.key);
        const messages = replay.problems.filter((p) => p.event === e.key || p.event === null).map((p) => p.message);
        if (!recomputed) messages.unshift(`the audit trail holds no setup for event ${e.key} (its contest was created before setups were recorded): its results cannot be recomputed from the trail`);
        return {
          event: e.key,
          checked: published[i].length,
          differences: compareResults(published[i], recomputed ?? []),
          head: head?.hash ?? GENESIS,
          replayed: replay.replayedFor(e.key),
          ...(messages.length ? { message: messages.join('; ') } : {}),
          ...(recomputed ? {} : { setupMissing: true as const }),
        };
      });
    }
  }

  private async revisions(ids: number[]): Promise<string> {
    const rows = await sqlAll<{ id: number; revision: number }>(this.tx.manager, `SELECT "id", "revision" FROM "events" WHERE "id" IN (${ids.map(() => '?').join(', ')}) ORDER BY "id"`, ids);
    return rows.map((r) => `${r.id}:${r.revision}`).join(',');
  }

  /** The trail up to `upTo`, a page at a time, fed to the replay in chain order. */
  private async replay(contestId: number, upTo: number, event: string | null): Promise<TrailReplay> {
    const replay = new TrailReplay(event === null ? null : new Set([event]));
    const text = TRAIL + (event === null ? '' : ONE_EVENT) + ORDER;
    let at: [number, number] = [0, 0];
    for (;;) {
      const rows = await sqlAll<TrailRow>(this.tx.manager, text, [contestId, at[0], at[1], upTo, ...(event === null ? [] : [event]), PAGE]);
      for (const r of rows) {
        const record: ReplayRecord = { action: r.action, event: r.event, station: r.station, judge: r.judge, before: parsed(r.before), after: parsed(r.after) };
        replay.feed(record, Number(r.position));
      }
      if (rows.length < PAGE) return replay;
      const last = rows[rows.length - 1];
      at = [Number(last.position), Number(last.id)];
    }
  }
}
