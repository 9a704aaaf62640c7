import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { actorOf, type Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-error';
import { parseBody } from '../common/parse-body';
import { ContestLookup } from '../contests/contest-lookup';
import { boardModeSchema, revealSchema, type BoardState } from '../contracts/chief';
import { ContestEvent } from '../database/entities';
import type { BoardMode } from '../database/entities/contest-event.entity';
import { Transactor } from '../database/transactor';
import { nextRevealStep, revealGroups, revealTotal } from '../domain/scoring/reveal';
import { PublicFeed } from '../common/public-feed';
import { RESULTS_CHANGED, type ResultsChanged } from '../common/results-changed';
import { StandingsService } from '../standings/standings.service';

/** The organizer's controls of the public board: provisional or complete-only, freeze, ceremony reveal. */
@Injectable()
export class BoardService {
  constructor(
    private readonly tx: Transactor,
    private readonly lookup: ContestLookup,
    private readonly audit: AuditService,
    private readonly standings: StandingsService,
    private readonly feed: PublicFeed,
    private readonly bus: EventEmitter2,
  ) {}

  async state(code: string, eventKey: string, step?: BoardState['step']): Promise<BoardState> {
    const { event } = await this.lookup.contestEvent(code, eventKey);
    const live = await this.standings.liveRows(event);
    const tiers = (event.scheme.awards ?? []).map((a) => a.name);
    return {
      event: event.key,
      mode: event.boardMode,
      frozen: event.frozen,
      final: event.final,
      revealed: event.revealed,
      revealTotal: revealTotal(revealGroups(live, tiers)),
      ...(step ? { step } : {}),
    };
  }

  private async change(code: string, eventKey: string, who: Principal, action: string, apply: (e: ContestEvent) => Partial<ContestEvent> | null): Promise<BoardState> {
    const { contest, event } = await this.lookup.contestEvent(code, eventKey);
    await this.tx.run(async (em) => {
      const fresh = await em.getRepository(ContestEvent).findOneByOrFail({ id: event.id });
      const patch = apply(fresh);
      if (!patch) return;
      await em.getRepository(ContestEvent).update({ id: event.id }, patch);
      const before = Object.fromEntries(Object.keys(patch).map((k) => [k, fresh[k as keyof ContestEvent]]));
      await this.audit.record(em, { contestId: contest.id, actor: actorOf(who), action, event: eventKey, before, after: patch });
    });
    this.bus.emit(RESULTS_CHANGED, { contestId: contest.id, eventId: event.id } satisfies ResultsChanged);
    return this.state(code, eventKey);
  }

  setMode(code: string, eventKey: string, who: Principal, body: unknown): Promise<BoardState> {
    const { mode } = parseBody(boardModeSchema, body);
    return this.change(code, eventKey, who, 'board.mode', (e) => (e.boardMode === mode ? null : { boardMode: mode as BoardMode }));
  }

  /** Freezes the public board of an event: what the public sees now is captured in the same transaction (PublicFeed.freeze). */
  async freeze(code: string, eventKey: string, who: Principal): Promise<BoardState> {
    const { contest, event } = await this.lookup.contestEvent(code, eventKey);
    await this.feed.freeze(contest.id, event.id, async (em, fresh) => {
      if (fresh.frozen) throw DomainError.conflict(`the board of event ${eventKey} is already frozen`);
      const patch = { frozen: true, revealed: 0 };
      await em.getRepository(ContestEvent).update({ id: event.id }, patch);
      await this.audit.record(em, { contestId: contest.id, actor: actorOf(who), action: 'board.freeze', event: eventKey, before: { frozen: false, revealed: fresh.revealed }, after: patch });
    });
    return this.state(code, eventKey);
  }

  unfreeze(code: string, eventKey: string, who: Principal): Promise<BoardState> {
    return this.change(code, eventKey, who, 'board.unfreeze', (e) => {
      if (!e.frozen) throw DomainError.conflict(`the board of event ${eventKey} is not frozen`);
      return { frozen: false, revealed: 0 };
    });
  }

  /** One reveal step, published as one feed update. */
  async reveal(code: string, eventKey: string, who: Principal, body: unknown): Promise<BoardState> {
    const { by } = parseBody(revealSchema, body ?? {});
    const { contest, event } = await this.lookup.contestEvent(code, eventKey);
    if (!event.frozen) throw DomainError.conflict(`freeze the board of event ${eventKey} before revealing it`);
    const tiers = (event.scheme.awards ?? []).map((a) => a.name);
    const step = await this.feed.reveal(
      contest.id,
      event.id,
      (live, revealed) => {
        const groups = revealGroups(live, tiers);
        const next = nextRevealStep(groups, revealed, by);
        return next ? { ...next, total: revealTotal(groups) } : null;
      },
      (em, s) => this.audit.record(em, { contestId: contest.id, actor: actorOf(who), action: 'board.reveal', event: eventKey, after: { award: s.award, bibs: s.bibs, revealed: s.revealed } }),
    );
    if (!step) throw DomainError.conflict(`every result of event ${eventKey} is already revealed`);
    return this.state(code, eventKey, { award: step.award, bibs: step.bibs });
  }
}
