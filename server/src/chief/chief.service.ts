import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { EntityManager } from 'typeorm';
import { actorOf, type Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-error';
import { parseBody } from '../common/parse-body';
import { ContestLookup } from '../contests/contest-lookup';
import { deductionSchema, entryStatusSchema, reopenSheetSchema, type DeductionView } from '../contracts/chief';
import { Contest, ContestEvent, Deduction, Entry, Sheet } from '../database/entities';
import { lockRow } from '../database/sql';
import { Transactor } from '../database/transactor';
import { hundredthsToNumber, toHundredths } from '../domain/scoring/decimal';
import { RESULTS_CHANGED, type ResultsChanged } from '../common/results-changed';
import { StandingsService } from '../standings/standings.service';
import { AppealsRepository } from '../appeals/appeals.repository';

/** The most one deduction item may take off: more than any plausible penalty, less than a typo of 1000. */
export const MAX_DEDUCTION = 100;

/** Chief judge's acts on one event: reopen sheets, deductions, entry statuses, finalize. */
@Injectable()
export class ChiefService {
  constructor(
    private readonly tx: Transactor,
    private readonly lookup: ContestLookup,
    private readonly audit: AuditService,
    private readonly standings: StandingsService,
    private readonly bus: EventEmitter2,
    private readonly appeals: AppealsRepository,
  ) {}

  /** 403 unless the caller is this event's chief judge (or the organizer). */
  async authorize(who: Principal, code: string, eventKey: string): Promise<{ contest: Contest; event: ContestEvent }> {
    const ctx = await this.lookup.contestEvent(code, eventKey);
    if (who.kind === 'organizer') return ctx;
    if (who.contestId !== ctx.contest.id) throw DomainError.forbidden(`this login is for another contest, not ${code}`);
    if (ctx.event.scheme.chiefJudge !== who.judgeKey) throw DomainError.forbidden(`only the chief judge of event ${eventKey} may do this`);
    return ctx;
  }

  /** Runs an act in a transaction after checking the event is not finalized, then tells the live feed. */
  private async act<T>(contest: Contest, event: ContestEvent, work: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.tx.run(async (em) => {
      await lockRow(em, 'events', event.id);
      const fresh = await em.getRepository(ContestEvent).findOneByOrFail({ id: event.id });
      if (fresh.final) throw DomainError.conflict(`event ${event.key} is finalized; the organizer must reopen it first`);
      const r = await work(em);
      await em.getRepository(ContestEvent).increment({ id: event.id }, 'revision', 1);
      return r;
    });
    this.bus.emit(RESULTS_CHANGED, { contestId: contest.id, eventId: event.id } satisfies ResultsChanged);
    return result;
  }

  async reopenSheet(who: Principal, code: string, eventKey: string, station: string, judgeKey: string, body: unknown) {
    const { contest, event } = await this.authorize(who, code, eventKey);
    const entry = await this.lookup.entry(event, station);
    const judge = await this.lookup.judge(contest, judgeKey);
    const { reason, appeal } = parseBody(reopenSheetSchema, body);
    return this.act(contest, event, async (em) => {
      const sheet = await em.getRepository(Sheet).findOneBy({ entryId: entry.id, judgeId: judge.id });
      if (!sheet || sheet.status !== 'submitted') throw DomainError.conflict(`judge ${judgeKey} has no submitted sheet for station ${station} to reopen`);
      const at = new Date().toISOString();
      if (appeal) await this.appeals.link(em, event, appeal, station, { action: 'sheet.reopen', at, by: actorOf(who), judge: judgeKey });
      await em.getRepository(Sheet).update({ id: sheet.id }, { status: 'open', updatedAt: at });
      await this.audit.record(em, {
        contestId: contest.id,
        actor: actorOf(who),
        action: 'sheet.reopen',
        event: eventKey,
        station,
        judge: judgeKey,
        before: { status: 'submitted', version: sheet.version },
        after: { status: 'open', version: sheet.version, ...(appeal ? { appeal } : {}) },
        reason,
      });
      return { station, judge: judgeKey, status: 'open' as const, version: sheet.version, ...(appeal ? { appeal } : {}) };
    });
  }

  async addDeduction(who: Principal, code: string, eventKey: string, body: unknown): Promise<DeductionView> {
    const { contest, event } = await this.authorize(who, code, eventKey);
    const { station, points, reason, appeal } = parseBody(deductionSchema, body);
    const entry = await this.lookup.entry(event, station);
    const h = toHundredths(points);
    if (h === null || h <= 0 || h > MAX_DEDUCTION * 100) {
      throw DomainError.invalid([{ path: 'points', message: `must be above 0 and at most ${MAX_DEDUCTION}, with at most two decimals (got ${points})` }]);
    }
    const by = actorOf(who);
    return this.act(contest, event, async (em) => {
      const now = new Date().toISOString();
      const saved = await em.getRepository(Deduction).save({ entryId: entry.id, points: h, reason, createdBy: by, createdAt: now, voidedAt: null, voidReason: null });
      if (appeal) await this.appeals.link(em, event, appeal, station, { action: 'deduction.add', at: now, by, deduction: saved.id, points: hundredthsToNumber(h) });
      await this.audit.record(em, { contestId: contest.id, actor: by, action: 'deduction.add', event: eventKey, station, after: { id: saved.id, points, ...(appeal ? { appeal } : {}) }, reason });
      return { id: saved.id, station, points: hundredthsToNumber(h), reason, createdAt: now, by, ...(appeal ? { appeal } : {}) };
    });
  }

  async voidDeduction(who: Principal, code: string, eventKey: string, id: number, body: unknown) {
    const { contest, event } = await this.authorize(who, code, eventKey);
    const { reason } = parseBody(reopenSheetSchema, body);
    return this.act(contest, event, async (em) => {
      const d = await em.getRepository(Deduction).findOneBy({ id });
      const entry = d ? await em.getRepository(Entry).findOneBy({ id: d.entryId }) : null;
      if (!d || !entry || entry.eventId !== event.id) throw DomainError.notFound(`deduction ${id} not found in event ${eventKey}`);
      if (d.voidedAt) throw DomainError.conflict(`deduction ${id} is already withdrawn`);
      await em.getRepository(Deduction).update({ id }, { voidedAt: new Date().toISOString(), voidReason: reason });
      await this.audit.record(em, { contestId: contest.id, actor: actorOf(who), action: 'deduction.void', event: eventKey, station: entry.station, before: { id, points: hundredthsToNumber(d.points), reason: d.reason }, after: null, reason });
      return { id, station: entry.station, voided: true };
    });
  }

  async listDeductions(who: Principal, code: string, eventKey: string): Promise<(DeductionView & { voided: boolean })[]> {
    const { event } = await this.authorize(who, code, eventKey);
    const rows = await this.tx.manager
      .getRepository(Deduction)
      .createQueryBuilder('d')
      .innerJoin(Entry, 'e', 'e.id = d.entryId')
      .addSelect('e.station', 'station')
      .where('e.eventId = :id', { id: event.id })
      .orderBy('d.id')
      .getRawAndEntities();
    return rows.entities.map((d, i) => ({
      id: d.id,
      station: (rows.raw[i] as { station: string }).station,
      points: hundredthsToNumber(d.points),
      reason: d.reason,
      createdAt: d.createdAt,
      by: d.createdBy,
      voided: d.voidedAt !== null,
    }));
  }

  async setStatus(who: Principal, code: string, eventKey: string, station: string, body: unknown) {
    const { contest, event } = await this.authorize(who, code, eventKey);
    const entry = await this.lookup.entry(event, station);
    const { status, reason } = parseBody(entryStatusSchema, body);
    if (status === 'disqualified' && !reason) throw DomainError.invalid([{ path: 'reason', message: 'a disqualification needs a reason' }]);
    return this.act(contest, event, async (em) => {
      const before = await em.getRepository(Entry).findOneByOrFail({ id: entry.id });
      await em.getRepository(Entry).update({ id: entry.id }, { status, statusReason: reason ?? null });
      await this.audit.record(em, {
        contestId: contest.id,
        actor: actorOf(who),
        action: 'entry.status',
        event: eventKey,
        station,
        before: { status: before.status, reason: before.statusReason },
        after: { status, reason: reason ?? null },
        reason: reason ?? null,
      });
      return { station, status, reason: reason ?? null };
    });
  }

  async finalize(who: Principal, code: string, eventKey: string) {
    const { contest, event } = await this.authorize(who, code, eventKey);
    return this.act(contest, event, async (em) => {
      // checked inside the write transaction, so no reopen or status change can slip in between
      const { rows } = await this.standings.compute(event.id);
      const incomplete = rows.filter((r) => r.status === 'competing' && !r.complete).map((r) => r.station);
      if (incomplete.length) {
        const list = incomplete.slice(0, 12).join(', ') + (incomplete.length > 12 ? ` and ${incomplete.length - 12} more` : '');
        throw DomainError.conflict(`cannot finalize: ${incomplete.length} competing entr${incomplete.length === 1 ? 'y is' : 'ies are'} incomplete (stations ${list})`);
      }
      await em.getRepository(ContestEvent).update({ id: event.id }, { final: true });
      await this.audit.record(em, { contestId: contest.id, actor: actorOf(who), action: 'event.finalize', event: eventKey, before: { final: false }, after: { final: true } });
      return { event: eventKey, final: true };
    });
  }
}
