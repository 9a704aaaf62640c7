import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { parseBody } from '../common/parse-body';
import { ContestLookup } from '../contests/contest-lookup';
import { sheetPutSchema, type JudgeEventScheme, type SheetListItem, type StoredSheet } from '../contracts/sheets';
import { AuditRecord, Entry, Sheet } from '../database/entities';
import { lockRow } from '../database/sql';
import { Transactor } from '../database/transactor';
import { hundredthsToNumber } from '../domain/scoring/decimal';
import { checkSheet } from '../domain/scoring/marks';
import { criteriaOfJudge } from '../domain/scoring/scheme';
import { RESULTS_CHANGED, type ResultsChanged } from '../common/results-changed';
import { SchemeCache } from '../contests/scheme-cache';
import { checkComments, readComments, storedComments } from './sheet-comments';
import { SheetStoreRepository } from './sheet-store.repository';

type JudgePrincipal = Extract<Principal, { kind: 'judge' }>;

function marksToNumbers(scores: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k in scores) out[k] = hundredthsToNumber(scores[k]);
  return out;
}

/** Judges' sheets: blind lists, idempotent versioned submission. */
@Injectable()
export class SheetsService {
  constructor(
    private readonly tx: Transactor,
    private readonly lookup: ContestLookup,
    private readonly bus: EventEmitter2,
    @InjectRepository(Entry) private readonly entries: Repository<Entry>,
    @InjectRepository(Sheet) private readonly sheets: Repository<Sheet>,
    @InjectRepository(AuditRecord) private readonly audits: Repository<AuditRecord>,
    private readonly store: SheetStoreRepository,
    private readonly schemes: SchemeCache,
  ) {}

  /** The event, its scheme and the caller's criteria; 403 unless the caller marks in this event. */
  private async panelContext(judge: JudgePrincipal, code: string, eventKey: string) {
    const { contest, event } = await this.lookup.contestEvent(code, eventKey);
    if (judge.contestId !== contest.id) throw DomainError.forbidden(`this login is for another contest, not ${code}`);
    const scheme = this.schemes.ofEvent(event);
    const mine = criteriaOfJudge(scheme, judge.judgeKey);
    if (mine.length === 0) throw DomainError.forbidden(`judge ${judge.judgeKey} is not on the panel of event ${eventKey}`);
    return { contest, event, scheme, mine };
  }

  async scheme(judge: JudgePrincipal, code: string, eventKey: string): Promise<JudgeEventScheme> {
    const { contest, event } = await this.lookup.contestEvent(code, eventKey);
    if (judge.contestId !== contest.id) throw DomainError.forbidden(`this login is for another contest, not ${code}`);
    const scheme = this.schemes.ofEvent(event);
    const chief = event.scheme.chiefJudge === judge.judgeKey;
    const mine = criteriaOfJudge(scheme, judge.judgeKey);
    if (!chief && mine.length === 0) throw DomainError.forbidden(`judge ${judge.judgeKey} is not on the panel of event ${eventKey}`);
    return {
      key: event.key,
      name: event.name,
      role: chief ? 'chief' : 'judge',
      final: event.final,
      criteria: mine.map((c) => ({
        key: c.key,
        name: event.scheme.criteria.find((x) => x.key === c.key)!.name,
        kind: c.kind,
        max: hundredthsToNumber(c.max),
        step: hundredthsToNumber(c.step),
      })),
    };
  }

  async list(judge: JudgePrincipal, code: string, eventKey: string): Promise<SheetListItem[]> {
    const { event } = await this.panelContext(judge, code, eventKey);
    const entries = await this.entries.find({ where: { eventId: event.id, status: 'competing' } });
    const mine = await this.sheets
      .createQueryBuilder('s')
      .innerJoin(Entry, 'e', 'e.id = s.entryId')
      .where('e.eventId = :eventId AND s.judgeId = :judgeId', { eventId: event.id, judgeId: judge.judgeId })
      .getMany();
    const byEntry = new Map(mine.map((s) => [s.entryId, s]));
    const reasons = new Map<string, string | null>();
    if (mine.some((s) => s.status === 'open')) {
      const reopens = await this.audits.find({ where: { contestId: judge.contestId, event: eventKey, judge: judge.judgeKey, action: 'sheet.reopen' }, order: { id: 'ASC' } });
      for (const a of reopens) if (a.station) reasons.set(a.station, a.reason);
    }
    const order = new Intl.Collator('en', { numeric: true }).compare;
    return entries
      .sort((a, b) => order(a.station, b.station))
      .map((e) => {
        const s = byEntry.get(e.id);
        return s
          ? {
              station: e.station,
              status: s.status,
              scores: marksToNumbers(s.scores),
              version: s.version,
              submittedAt: s.updatedAt,
              comments: readComments(s.comments),
              ...(s.status === 'open' ? { reopenReason: reasons.get(e.station) ?? null } : {}),
            }
          : { station: e.station, status: 'open' as const, scores: null, version: 0, submittedAt: null };
      });
  }

  async submit(judge: JudgePrincipal, code: string, eventKey: string, station: string, body: unknown): Promise<StoredSheet> {
    const result = await this.tx.run(async (em) => {
      let ctx = await this.store.context(em, code, eventKey, station, judge.judgeId);
      // read again under the event's lock, so two tablets of one judge or a finalize cannot interleave with this sheet
      if (ctx?.eventId && (await lockRow(em, 'events', ctx.eventId))) ctx = await this.store.context(em, code, eventKey, station, judge.judgeId);
      if (!ctx) throw DomainError.notFound(`contest "${code}" not found`);
      if (judge.contestId !== ctx.contestId) throw DomainError.forbidden(`this login is for another contest, not ${code}`);
      if (ctx.eventId === null || ctx.schemeJson === null) throw DomainError.notFound(`event "${eventKey}" not found in contest ${code}`);
      const scheme = this.schemes.of(ctx.eventId, ctx.schemeJson);
      if (criteriaOfJudge(scheme, judge.judgeKey).length === 0) throw DomainError.forbidden(`judge ${judge.judgeKey} is not on the panel of event ${eventKey}`);
      if (ctx.entryId === null) throw DomainError.notFound(`station "${station}" not found in event ${eventKey}`);
      const { requestId, scores, comments: rawComments } = parseBody(sheetPutSchema, body);

      const replay = await this.store.replay(em, judge.judgeId, requestId);
      if (replay) {
        if (replay.entryId !== ctx.entryId) throw DomainError.conflict(`requestId ${requestId} was already used for another station; send a new requestId`);
        const stored: StoredSheet = {
          station,
          judge: judge.judgeKey,
          status: 'submitted',
          scores: marksToNumbers(replay.scores),
          version: replay.version,
          submittedAt: replay.createdAt,
          comments: readComments(replay.comments),
        };
        return { stored, changed: null };
      }

      const check = checkSheet(scheme, judge.judgeKey, scores);
      const remarks = checkComments(
        rawComments,
        scheme.criteria.map((c) => c.key),
        criteriaOfJudge(scheme, judge.judgeKey).map((c) => c.key),
      );
      if (!check.ok || !remarks.ok) throw DomainError.invalid([...(check.ok ? [] : check.problems), ...(remarks.ok ? [] : remarks.problems)]);
      const comments = remarks.comments;
      const commented = Object.keys(comments).length > 0;
      if (ctx.final) throw DomainError.conflict(`event ${eventKey} is finalized; marks can no longer change`);
      if (ctx.entryStatus !== 'competing') throw DomainError.conflict(`station ${station} is ${ctx.entryStatus}; it is not marked`);
      if (ctx.sheetStatus === 'submitted') {
        throw DomainError.conflict(`station ${station} is already submitted (version ${ctx.sheetVersion}); only the chief judge can reopen it`);
      }
      const at = new Date().toISOString();
      const version = (ctx.sheetVersion ?? 0) + 1;
      const before = ctx.sheetId !== null && ctx.sheetScores !== null ? { version: ctx.sheetVersion, scores: marksToNumbers(JSON.parse(ctx.sheetScores)) } : null;
      await this.store.store(
        em,
        { eventId: ctx.eventId, entryId: ctx.entryId, judgeId: judge.judgeId, sheetId: ctx.sheetId, version, scores: check.scores, comments: storedComments(comments), requestId, at },
        {
          contestId: ctx.contestId,
          actor: `judge:${judge.judgeKey}`,
          action: 'sheet.submit',
          event: eventKey,
          station,
          judge: judge.judgeKey,
          before,
          // remarks only when there are some: a sheet without them is recorded as it always was
          after: { version, scores: marksToNumbers(check.scores), ...(commented ? { comments } : {}) },
        },
      );
      const stored: StoredSheet = { station, judge: judge.judgeKey, status: 'submitted', scores: marksToNumbers(check.scores), version, submittedAt: at, comments };
      return { stored, changed: { contestId: ctx.contestId, eventId: ctx.eventId } satisfies ResultsChanged };
    });
    if (result.changed) this.bus.emit(RESULTS_CHANGED, result.changed);
    return result.stored;
  }
}
