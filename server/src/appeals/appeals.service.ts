import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { actorOf, type Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { ChiefService } from '../chief/chief.service';
import { DomainError } from '../common/domain-error';
import { parseBody } from '../common/parse-body';
import { ContestLookup } from '../contests/contest-lookup';
import { lockEvents } from '../contests/event-locks';
import type { AppealView, FiledAppeal, PublicAppealState, PublicationView } from '../contracts/appeals';
import { Appeal, AppealWindow, ContestEvent } from '../database/entities';
import { lockRow } from '../database/sql';
import { Transactor } from '../database/transactor';
import { appealNoticePdf } from '../exports/appeal-notice-pdf';
import { PublicFeed } from '../common/public-feed';
import { RESULTS_CHANGED, type ResultsChanged } from '../common/results-changed';
import { AppealClock } from './appeal-clock';
import { decisionSchema, fileAppealSchema, publishSchema } from './appeal-schemas';
import { appealId, AppealsRepository } from './appeals.repository';
import { announcedKey, isOfficial, publicAppealState } from './publication';

/** How long an announcement waits for the feed to publish the change that caused it. */
const SETTLE_WAIT_MS = 1500;

/** setTimeout's longest delay (about 24.8 days); a later close is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The appeals workflow (复核申请, contract §5). The organizer publishes an event's finalized
 * results with an appeal window; appeals are recorded against a station while it is open; the
 * event's chief judge answers each. An upheld appeal is corrected while the organizer has the
 * event reopened: the chief reopens sheets or deducts naming the appeal, answers it, and signs
 * the event off again. Public standings carry `appealsClose` and `official`, computed on read;
 * the live feed announces each change of them, and a timer announces the close.
 */
@Injectable()
export class AppealsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('appeals');
  private readonly timers = new Map<number, NodeJS.Timeout>();

  constructor(
    private readonly tx: Transactor,
    private readonly lookup: ContestLookup,
    private readonly audit: AuditService,
    private readonly chief: ChiefService,
    private readonly repo: AppealsRepository,
    private readonly feed: PublicFeed,
    private readonly clock: AppealClock,
    private readonly bus: EventEmitter2,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.rearm();
  }

  onModuleDestroy(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /**
   * Sets a timer for the close of every open window, and announces what changed while no process
   * was running (a window that closed meanwhile). Runs at start, and again when the clock moves.
   */
  async rearm(): Promise<void> {
    for (const w of await this.repo.windows()) {
      this.schedule(w);
      if (Date.parse(w.closesAt) <= this.clock.now()) await this.announce(w.contestId, w.eventId);
    }
  }

  /** `POST …/events/:event/publish` (organizer). */
  async publish(who: Principal, code: string, eventKey: string, body: unknown): Promise<PublicationView> {
    const { appealMinutes } = parseBody(publishSchema, body);
    const { contest, event } = await this.lookup.contestEvent(code, eventKey);
    const window = await this.tx.run(async (em) => {
      const [locked] = await lockEvents(em, [event.id]);
      if (!locked?.final) throw DomainError.conflict(`event ${eventKey} is not finalized: the chief judge signs the results off before they are published`);
      const fresh = await em.getRepository(ContestEvent).findOneByOrFail({ id: event.id });
      if (fresh.frozen) throw DomainError.conflict(`the board of event ${eventKey} is frozen: unfreeze it before publishing the results`);
      const before = await this.repo.window(em, event.id);
      const now = this.clock.now();
      if (before && Date.parse(before.closesAt) > now) throw DomainError.conflict(`the results of event ${eventKey} are already published; appeals close at ${before.closesAt}`);
      const next: AppealWindow = {
        eventId: event.id,
        contestId: contest.id,
        publishedAt: new Date(now).toISOString(),
        closesAt: new Date(now + appealMinutes * 60_000).toISOString(),
        minutes: appealMinutes,
        publishedBy: actorOf(who),
        announced: before?.announced ?? '',
      };
      await em.getRepository(AppealWindow).save(next);
      await this.audit.record(em, {
        contestId: contest.id,
        actor: actorOf(who),
        action: 'event.publish',
        event: eventKey,
        before: before ? { publishedAt: before.publishedAt, appealsClose: before.closesAt } : null,
        after: { publishedAt: next.publishedAt, appealsClose: next.closesAt, appealMinutes },
      });
      return next;
    });
    this.schedule(window);
    this.changed(contest.id, event.id);
    return this.publication(code, eventKey);
  }

  /** `GET …/appeal-state` (public): `{ appealsClose, official }` once published, `{}` before. */
  async publicState(code: string, eventKey: string): Promise<PublicAppealState | Record<string, never>> {
    const { event } = await this.lookup.contestEvent(code, eventKey);
    const facts = await this.repo.facts(this.tx.manager, event.id);
    return facts ? publicAppealState(facts, this.clock.now()) : {};
  }

  /** The publication of an event as the console shows it (organizer or the event's chief). */
  async publicationFor(who: Principal, code: string, eventKey: string): Promise<PublicationView> {
    await this.chief.authorize(who, code, eventKey);
    return this.publication(code, eventKey);
  }

  private async publication(code: string, eventKey: string): Promise<PublicationView> {
    const { event } = await this.lookup.contestEvent(code, eventKey);
    const w = await this.repo.window(this.tx.manager, event.id);
    const facts = await this.repo.facts(this.tx.manager, event.id);
    return {
      event: eventKey,
      publishedAt: w?.publishedAt ?? null,
      appealsClose: w?.closesAt ?? null,
      official: facts ? isOfficial(facts, this.clock.now()) : false,
      open: facts?.open ?? 0,
      final: event.final,
    };
  }

  /** `POST …/appeals` (organizer): records an appeal while the window is open. */
  async file(who: Principal, code: string, eventKey: string, body: unknown): Promise<FiledAppeal> {
    if (who.kind !== 'organizer') throw DomainError.forbidden('only the organizer records appeals');
    const { station, reason, filedBy } = parseBody(fileAppealSchema, body);
    const { contest, event } = await this.lookup.contestEvent(code, eventKey);
    const entry = await this.lookup.entry(event, station);
    const filed = await this.tx.run(async (em) => {
      await lockRow(em, 'events', event.id);
      const w = await this.repo.window(em, event.id);
      if (!w) throw DomainError.conflict(`the results of event ${eventKey} are not published yet: appeals are taken once the organizer publishes them`);
      const now = this.clock.now();
      if (now >= Date.parse(w.closesAt)) throw DomainError.conflict(`the appeal window of event ${eventKey} closed at ${w.closesAt}`);
      const filedAt = new Date(now).toISOString();
      const saved = await em.getRepository(Appeal).save({
        eventId: event.id,
        entryId: entry.id,
        no: await this.repo.nextNo(em, event.id),
        reason,
        filedBy,
        filedAt,
        recordedBy: actorOf(who),
        status: 'open',
        outcome: null,
        answer: null,
        decidedAt: null,
        decidedBy: null,
        acts: [],
      } satisfies Omit<Appeal, 'id'>);
      await this.audit.record(em, { contestId: contest.id, actor: actorOf(who), action: 'appeal.file', event: eventKey, station, after: { id: appealId(saved), status: 'open', filedBy }, reason });
      // the chief judge's desk follows the event's revision on the staff channel
      await em.getRepository(ContestEvent).increment({ id: event.id }, 'revision', 1);
      return { id: appealId(saved), status: 'open' as const, filedAt };
    });
    this.changed(contest.id, event.id);
    return filed;
  }

  /** `GET …/appeals` (organizer or the event's chief). */
  async list(who: Principal, code: string, eventKey: string): Promise<AppealView[]> {
    const { event } = await this.chief.authorize(who, code, eventKey);
    return this.repo.list(event);
  }

  async one(who: Principal, code: string, eventKey: string, id: string): Promise<AppealView> {
    const { event } = await this.chief.authorize(who, code, eventKey);
    const a = await this.repo.byId(this.tx.manager, event, id);
    return (await this.repo.list(event, a.id))[0];
  }

  /**
   * `POST …/appeals/:id/decision` (the event's chief judge). A rejection may be given at any time;
   * an upheld appeal only while the event is reopened, after the correction, so the sign-off that
   * follows covers it.
   */
  async decide(who: Principal, code: string, eventKey: string, id: string, body: unknown): Promise<AppealView> {
    const { contest, event } = await this.chief.authorize(who, code, eventKey);
    if (who.kind !== 'judge') throw DomainError.forbidden(`only the chief judge of event ${eventKey} answers appeals`);
    const { outcome, answer } = parseBody(decisionSchema, body);
    const decided = await this.tx.run(async (em) => {
      const [locked] = await lockEvents(em, [event.id]);
      if (!locked) throw DomainError.notFound(`event "${eventKey}" not found in contest ${code}`);
      const a = await this.repo.byId(em, event, id);
      if (a.status !== 'open') throw DomainError.conflict(`appeal ${id} was already answered (${a.outcome}) at ${a.decidedAt}`);
      if (outcome === 'upheld' && locked.final) {
        throw DomainError.conflict(`event ${eventKey} is finalized: to uphold appeal ${id} the organizer reopens the event, you correct the result naming the appeal, answer it, then finalize again`);
      }
      const decidedAt = new Date(this.clock.now()).toISOString();
      const by = actorOf(who);
      await em.getRepository(Appeal).update({ id: a.id }, { status: 'decided', outcome, answer, decidedAt, decidedBy: by });
      const station = (await this.repo.list(event, a.id, em))[0].station;
      await this.audit.record(em, {
        contestId: contest.id,
        actor: by,
        action: 'appeal.decide',
        event: eventKey,
        station,
        before: { id, status: 'open' },
        after: { id, status: 'decided', outcome, answer, acts: a.acts.length },
      });
      await em.getRepository(ContestEvent).increment({ id: event.id }, 'revision', 1);
      return a.id;
    });
    this.changed(contest.id, event.id);
    return (await this.repo.list(event, decided))[0];
  }

  /** The 复核结果通知 of an answered appeal (organizer or the event's chief); 409 while it is unanswered. */
  async notice(who: Principal, code: string, eventKey: string, id: string): Promise<{ filename: string; body: Buffer }> {
    const { contest, event } = await this.chief.authorize(who, code, eventKey);
    const a = await this.repo.byId(this.tx.manager, event, id);
    if (a.status !== 'decided') throw DomainError.conflict(`appeal ${id} is not answered yet: the notice is printed once the chief judge has answered it`);
    const appeal = (await this.repo.list(event, a.id))[0];
    const chiefKey = event.scheme.chiefJudge;
    const chief = chiefKey ? await this.lookup.judge(contest, chiefKey).catch(() => null) : null;
    const body = await appealNoticePdf({
      contestTitle: contest.title,
      venue: contest.venue,
      eventName: event.name,
      locale: contest.locale,
      appeal,
      chiefName: chief?.name ?? null,
      generatedAt: new Date(),
    });
    return { filename: `${contest.code}-${event.key}-appeal-${appeal.id}.pdf`, body };
  }

  /** Tells the staff channel and the feed; the public appeal fields follow through onResultsChanged. */
  private changed(contestId: number, eventId: number): void {
    this.bus.emit(RESULTS_CHANGED, { contestId, eventId } satisfies ResultsChanged);
  }

  /**
   * Any change of a published event may change whether it is official (a reopen, a sign-off, an
   * answer): once the feed has published the change itself, the appeal fields follow if they moved.
   */
  @OnEvent(RESULTS_CHANGED)
  onResultsChanged(change: ResultsChanged): void {
    void (async () => {
      if (!(await this.repo.window(this.tx.manager, change.eventId))) return;
      // after the change's own update where possible, but never held up by marking elsewhere in the contest
      await Promise.race([this.feed.settle(change.contestId), new Promise((r) => setTimeout(r, SETTLE_WAIT_MS).unref())]);
      await this.announce(change.contestId, change.eventId);
    })().catch((e: unknown) => this.log.error(e instanceof Error ? (e.stack ?? e.message) : String(e)));
  }

  /** One feed update carrying the event's appeal fields, when they differ from the last announced. */
  async announce(contestId: number, eventId: number): Promise<void> {
    await this.feed.announce(contestId, eventId, async (em) => {
      const facts = await this.repo.facts(em, eventId);
      if (!facts) return null;
      const state = publicAppealState(facts, this.clock.now());
      const key = announcedKey(state);
      const w = await this.repo.window(em, eventId);
      if (!w || w.announced === key) return null;
      await em.getRepository(AppealWindow).update({ eventId }, { announced: key });
      return { ...state };
    });
  }

  private schedule(w: Pick<AppealWindow, 'contestId' | 'eventId' | 'closesAt'>): void {
    clearTimeout(this.timers.get(w.eventId));
    this.timers.delete(w.eventId);
    const wait = Date.parse(w.closesAt) - this.clock.now();
    if (wait <= 0) return;
    const timer = setTimeout(() => {
      this.timers.delete(w.eventId);
      if (wait > MAX_TIMER_MS) return this.schedule(w);
      void this.announce(w.contestId, w.eventId).catch((e: unknown) => this.log.error(e instanceof Error ? (e.stack ?? e.message) : String(e)));
    }, Math.min(wait + 50, MAX_TIMER_MS));
    timer.unref();
    this.timers.set(w.eventId, timer);
  }
}
