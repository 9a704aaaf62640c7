import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-error';
import { parseBody } from '../common/parse-body';
import { ContestLookup } from '../contests/contest-lookup';
import { sheetPutSchema, type JudgeEventScheme, type SheetListItem, type StoredSheet } from '../contracts/sheets';
import { AuditRecord, Contest, ContestEvent, Entry, Sheet, SheetVersion } from '../database/entities';
import { Transactor } from '../database/transactor';
import { hundredthsToNumber } from '../domain/scoring/decimal';
import { checkSheet } from '../domain/scoring/marks';
import { criteriaOfJudge, schemeFromEventFile } from '../domain/scoring/scheme';
import type { Scheme } from '../domain/scoring/types';
import { RESULTS_CHANGED, type ResultsChanged } from '../live/results-changed';

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
    private readonly audit: AuditService,
    private readonly bus: EventEmitter2,
    @InjectRepository(Entry) private readonly entries: Repository<Entry>,
    @InjectRepository(Sheet) private readonly sheets: Repository<Sheet>,
    @InjectRepository(AuditRecord) private readonly audits: Repository<AuditRecord>,
  ) {}

  /** The event, its scheme and the caller's criteria; 403 unless the caller marks in this event. */
  private async panelContext(judge: JudgePrincipal, code: string, eventKey: string) {
    const { contest, event } = await this.lookup.contestEvent(code, eventKey);
    if (judge.contestId !== contest.id) throw DomainError.forbidden(`this login is for another contest, not ${code}`);
    const scheme = schemeFromEventFile({ ...event.scheme, entries: [] });
    const mine = criteriaOfJudge(scheme, judge.judgeKey);
    if (mine.length === 0) throw DomainError.forbidden(`judge ${judge.judgeKey} is not on the panel of event ${eventKey}`);
    return { contest, event, scheme, mine };
  }

  async scheme(judge: JudgePrincipal, code: string, eventKey: string): Promise<JudgeEventScheme> {
    const { contest, event } = await this.lookup.contestEvent(code, eventKey);
    if (judge.contestId !== contest.id) throw DomainError.forbidden(`this login is for another contest, not ${code}`);
    const scheme = schemeFromEventFile({ ...event.scheme, entries: [] });
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
              ...(s.status === 'open' ? { reopenReason: reasons.get(e.station) ?? null } : {}),
            }
          : { station: e.station, status: 'open' as const, scores: null, version: 0, submittedAt: null };
      });
  }

  async submit(judge: JudgePrincipal, code: string, eventKey: string, station: string, body: unknown): Promise<StoredSheet> {
    const { contest, event, scheme } = await this.panelContext(judge, code, eventKey);
    const entry = await this.lookup.entry(event, station);
    const { requestId, scores } = parseBody(sheetPutSchema, body);
    const result = await this.tx.run(async (em) => {
      const replay = await em.getRepository(SheetVersion).findOneBy({ judgeId: judge.judgeId, requestId });
      if (replay) return { stored: await this.replayed(em.getRepository(Sheet), replay, entry, station, judge), changed: false };
      return { stored: await this.store(em, contest, event, scheme, entry, judge, requestId, scores), changed: true };
    });
    if (result.changed) this.bus.emit(RESULTS_CHANGED, { contestId: contest.id, eventId: event.id } satisfies ResultsChanged);
    return result.stored;
  }

  private async replayed(sheets: Repository<Sheet>, v: SheetVersion, entry: Entry, station: string, judge: JudgePrincipal): Promise<StoredSheet> {
    const sheet = await sheets.findOneByOrFail({ id: v.sheetId });
    if (sheet.entryId !== entry.id) throw DomainError.conflict(`requestId ${v.requestId} was already used for another station; send a new requestId`);
    return { station, judge: judge.judgeKey, status: 'submitted', scores: marksToNumbers(v.scores), version: v.version, submittedAt: v.createdAt };
  }

  private async store(
    em: import('typeorm').EntityManager,
    contest: Contest,
    event: ContestEvent,
    scheme: Scheme,
    entry: Entry,
    judge: JudgePrincipal,
    requestId: string,
    scores: Record<string, unknown>,
  ): Promise<StoredSheet> {
    const check = checkSheet(scheme, judge.judgeKey, scores);
    if (!check.ok) throw DomainError.invalid(check.problems);
    const fresh = await em.getRepository(ContestEvent).findOneByOrFail({ id: event.id });
    if (fresh.final) throw DomainError.conflict(`event ${event.key} is finalized; marks can no longer change`);
    const current = await em.getRepository(Entry).findOneByOrFail({ id: entry.id });
    if (current.status !== 'competing') throw DomainError.conflict(`station ${entry.station} is ${current.status}; it is not marked`);
    const sheets = em.getRepository(Sheet);
    const existing = await sheets.findOneBy({ entryId: entry.id, judgeId: judge.judgeId });
    if (existing?.status === 'submitted') {
      throw DomainError.conflict(`station ${entry.station} is already submitted (version ${existing.version}); only the chief judge can reopen it`);
    }
    const now = new Date().toISOString();
    const version = (existing?.version ?? 0) + 1;
    let sheetId: number;
    if (existing) {
      await sheets.update({ id: existing.id }, { status: 'submitted', version, scores: check.scores, updatedAt: now });
      sheetId = existing.id;
    } else {
      sheetId = (await sheets.save({ entryId: entry.id, judgeId: judge.judgeId, status: 'submitted', version, scores: check.scores, updatedAt: now })).id;
    }
    await em.getRepository(SheetVersion).insert({ sheetId, judgeId: judge.judgeId, version, scores: check.scores, requestId, createdAt: now });
    await em.getRepository(ContestEvent).increment({ id: event.id }, 'revision', 1);
    await this.audit.record(em, {
      contestId: contest.id,
      actor: `judge:${judge.judgeKey}`,
      action: 'sheet.submit',
      event: event.key,
      station: entry.station,
      judge: judge.judgeKey,
      before: existing ? { version: existing.version, scores: marksToNumbers(existing.scores) } : null,
      after: { version, scores: marksToNumbers(check.scores) },
    });
    return { station: entry.station, judge: judge.judgeKey, status: 'submitted', scores: marksToNumbers(check.scores), version, submittedAt: now };
  }
}
