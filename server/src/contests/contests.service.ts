import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { actorOf, type Principal } from '../auth/principal';
import { hashPin, newPin, newSalt, seal, unseal } from '../auth/secrets';
import { ServerKey } from '../auth/server-key';
import { AuditService } from '../audit/audit.service';
import { DomainError, ErrorCode } from '../common/domain-error';
import { zodProblems } from '../common/parse-body';
import { contestFileSchema, type ContestFile } from '../contracts/contest-file';
import type { ContestSummary } from '../contracts/standings';
import type { CreatedContest, EditedChange, EditedContest, JudgeCard } from '../contracts/contests';
import { Contest, ContestEvent, Contestant, Entry, Judge } from '../database/entities';
import { Transactor } from '../database/transactor';
import { validateContestFile } from '../domain/scoring/validate-contest';
import type { Problem } from '../contracts/errors';
import { FeedStateRepository } from '../standings/feed-state.repository';
import { RESULTS_CHANGED } from '../common/results-changed';
import { applyEdit, editState, planJudges, storedMarkProblems } from './contest-apply';
import { diffContest, finalizedEventsOf, guardProblems, type ContestChange } from './contest-diff';
import { finalizedText, lockEvents } from './event-locks';
import { ContestLookup } from './contest-lookup';
import { loadSnapshot, snapshotToFile } from './contest-snapshot';
import { eventSetup, type SetupPayload } from '../audit/replay';

const CHUNK = 400;

/** How judges' PINs left the server: the judge list, the judge cards PDF, the contest file. */
export type PinRead = 'judge-list' | 'judge-cards' | 'contest-file';

const EDIT_FIELDS = new Set(['confirm', 'reason']);

/** The edit's own fields beside the contest file: `confirm` and an optional `reason` for the audit trail. */
function splitEditBody(body: unknown): { confirm: boolean; reason: string | null; file: unknown } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { confirm: false, reason: null, file: body };
  const o = body as Record<string, unknown>;
  const problems: Problem[] = [];
  if (o.confirm !== undefined && typeof o.confirm !== 'boolean') problems.push({ path: 'confirm', message: 'must be true or false' });
  const reason = typeof o.reason === 'string' ? o.reason.trim() : o.reason;
  if (reason !== undefined && reason !== null && (typeof reason !== 'string' || reason.length > 500)) problems.push({ path: 'reason', message: 'must be text of at most 500 characters' });
  if (problems.length) throw DomainError.invalid(problems);
  const file = Object.fromEntries(Object.entries(o).filter(([k]) => !EDIT_FIELDS.has(k)));
  return { confirm: o.confirm === true, reason: (reason as string | undefined) || null, file };
}

@Injectable()
export class ContestsService {
  constructor(
    private readonly tx: Transactor,
    private readonly lookup: ContestLookup,
    private readonly audit: AuditService,
    private readonly serverKey: ServerKey,
    private readonly bus: EventEmitter2,
    private readonly feedState: FeedStateRepository,
  ) {}

  /** Checks a contest file completely; every problem is reported, nothing is stored. */
  parseContestFile(body: unknown): ContestFile {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw DomainError.invalid([{ path: 'body', message: 'must be a contest file (a JSON object)' }]);
    }
    const parsed = contestFileSchema.safeParse(body);
    if (!parsed.success) throw DomainError.invalid([...zodProblems(parsed.error), ...crossReferenceProblems(body)]);
    const problems = validateContestFile(parsed.data);
    if (problems.length) throw DomainError.invalid(problems);
    return parsed.data;
  }

  async create(body: unknown, by: Principal): Promise<CreatedContest> {
    const file = this.parseContestFile(body);
    const created = await this.tx.run(async (em) => {
      // judges type the code in any letter case at login, so codes differing only in case would collide there
      const clash = await em.getRepository(Contest).createQueryBuilder('c').where('UPPER(c.code) = :code', { code: file.code.toUpperCase() }).getOne();
      if (clash) {
        throw DomainError.conflict(clash.code === file.code ? `contest code "${file.code}" already exists` : `contest code "${file.code}" already exists as "${clash.code}" (codes are not case-sensitive)`);
      }
      const salt = newSalt();
      const contest = await em.getRepository(Contest).save({
        code: file.code,
        title: file.title,
        venue: file.venue,
        locale: file.locale,
        teams: file.teams ?? null,
        seq: 0,
        pinSalt: salt,
        createdAt: new Date().toISOString(),
      });
      const taken = new Set(file.judges.map((j) => j.pin).filter((p): p is string => !!p));
      const judges = file.judges.map((j) => {
        const pin = j.pin ?? newPin(taken);
        taken.add(pin);
        return { key: j.key, name: j.name, pin };
      });
      await insertChunks(em.getRepository(Judge), judges.map((j) => ({
        contestId: contest.id,
        key: j.key,
        name: j.name,
        pinHash: hashPin(j.pin, salt),
        pinSealed: seal(j.pin, this.serverKey.key),
      })));
      await insertChunks(em.getRepository(Contestant), file.contestants.map((c) => ({ contestId: contest.id, ...c })));
      const contestantIds = new Map((await em.getRepository(Contestant).findBy({ contestId: contest.id })).map((c) => [c.bib, c.id]));
      for (const [position, ev] of file.events.entries()) {
        const { entries, ...scheme } = ev;
        const saved = await em.getRepository(ContestEvent).save({ contestId: contest.id, key: ev.key, name: ev.name, position, scheme, final: false, frozen: false, revision: 0 });
        await insertChunks(em.getRepository(Entry), entries.map((x) => ({ eventId: saved.id, contestantId: contestantIds.get(x.bib)!, station: x.station, status: 'competing' as const, statusReason: null })));
      }
      await this.audit.record(em, {
        contestId: contest.id,
        actor: actorOf(by),
        action: 'contest.create',
        after: {
          code: file.code,
          events: file.events.map((e) => e.key),
          contestants: file.contestants.length,
          judges: file.judges.length,
          setup: { judges: file.judges.map((j) => j.key), events: Object.fromEntries(file.events.map(({ entries, ...scheme }) => [scheme.key, eventSetup(scheme, entries)])) } satisfies SetupPayload,
        },
      });
      return { contest, judges };
    });
    const summary = await this.summary(created.contest.code);
    return { ...summary, judges: created.judges };
  }

  async summary(code: string): Promise<ContestSummary> {
    const contest = await this.lookup.contest(code);
    const events = await this.lookup.eventsOf(contest);
    const last = await this.feedState.lastOfContest(this.tx.manager, contest.id);
    return {
      code: contest.code,
      title: contest.title,
      venue: contest.venue,
      locale: contest.locale,
      events: events.map((e) => ({ key: e.key, name: e.name, final: e.final, frozen: e.frozen, last: last.get(e.id) ?? 0 })),
    };
  }

  async list(): Promise<ContestSummary[]> {
    const contests = await this.tx.manager.getRepository(Contest).find({ order: { id: 'ASC' } });
    return Promise.all(contests.map((c) => this.summary(c.code)));
  }

  /**
   * Judges with their PINs, for the organizer's judge cards. `reader` is who reads them and how
   * they leave the server (the judge list or the cards PDF), for the audit record every read of
   * PINs leaves; `demo` is the demo's simulated judges logging in, which is no person's read.
   */
  async judgeCards(code: string, reader: { who: Principal; read: PinRead } | 'demo'): Promise<JudgeCard[]> {
    const contest = await this.lookup.contest(code);
    const judges = await this.tx.manager.getRepository(Judge).find({ where: { contestId: contest.id }, order: { id: 'ASC' } });
    const events = await this.lookup.eventsOf(contest);
    if (reader !== 'demo') await this.auditPinRead(contest, reader.who, reader.read, judges.map((j) => j.key));
    return judges.map((j) => ({
      key: j.key,
      name: j.name,
      pin: unseal(j.pinSealed, this.serverKey.key),
      events: events
        .filter((e) => e.scheme.chiefJudge === j.key || e.scheme.panel.some((p) => p.judge === j.key))
        .map((e) => ({ key: e.key, name: e.name, role: e.scheme.chiefJudge === j.key ? ('chief' as const) : ('judge' as const) })),
    }));
  }

  /** The stored contest as a contest file; each judge's PIN only while the server can still read it. */
  async file(code: string, who: Principal): Promise<ContestFile> {
    const contest = await this.lookup.contest(code);
    const snap = await loadSnapshot(this.tx.manager, contest);
    const file = snapshotToFile(snap, (j) => unseal(j.pinSealed, this.serverKey.key));
    const withPin = file.judges.filter((j) => j.pin !== undefined).map((j) => j.key);
    if (withPin.length) await this.auditPinRead(contest, who, 'contest-file', withPin);
    return file;
  }

  /**
   * Every read of judges' PINs leaves one audit record naming who read them, how, and whose PINs
   * (never the PINs), committed before they are sent: a read that cannot be recorded is not answered.
   */
  private async auditPinRead(contest: Contest, who: Principal, read: PinRead, judges: string[]): Promise<void> {
    if (!judges.length) return;
    await this.tx.run((em) => this.audit.record(em, { contestId: contest.id, actor: actorOf(who), action: 'pins.read', after: { read, judges } }));
  }

  /**
   * Replaces the contest with an edited contest file, checked as on create. Once marking has
   * started, a change that alters results is applied only with `confirm: true`; a finalized event
   * must be reopened first. Each edit goes to the audit trail with what was before and after.
   */
  async edit(code: string, body: unknown, by: Principal): Promise<EditedContest> {
    const { confirm, reason, file: raw } = splitEditBody(body);
    const file = this.parseContestFile(raw);
    const contest = await this.lookup.contest(code);
    if (file.code !== contest.code) throw DomainError.invalid([{ path: 'code', message: `the contest code cannot change (this contest is "${contest.code}")` }]);
    const result = await this.tx.run(async (em) => {
      const stored = await this.lookup.contest(code, em);
      // every event of the contest, under the lock finalize takes: no event turns final between this read and the write
      await lockEvents(em, (await em.getRepository(ContestEvent).find({ select: { id: true }, where: { contestId: stored.id } })).map((e) => e.id));
      const snap = await loadSnapshot(em, stored);
      const current = snapshotToFile(snap, (j) => unseal(j.pinSealed, this.serverKey.key));
      const changes = diffContest(current, file, editState(snap));
      const { plan, problems } = planJudges(snap, file, this.serverKey.key);
      const invalid = [...problems, ...storedMarkProblems(snap, file)];
      if (invalid.length) throw DomainError.invalid(invalid);
      const guarded = changes.filter((c) => c.guard);
      const finals = finalizedEventsOf(guarded);
      // a finalized event refuses even a confirmed change; the other events' changes wait with it, so the edit is all or nothing
      const refused = finals.length ? guarded.filter((c) => c.guard === 'final') : confirm ? [] : guarded;
      if (refused.length) {
        const head = finals.length
          ? `${finalizedText(finals)}; the organizer must reopen ${finals.length === 1 ? 'it' : 'them'} before the contest file can change ${finals.length === 1 ? 'it' : 'them'}`
          : 'marking has started: these changes alter results; send "confirm": true to apply them';
        throw new DomainError(ErrorCode.Conflict, `${head} (${guardProblems(refused).map((p) => `${p.path}: ${p.message}`).join('; ')})`, guardProblems(refused));
      }
      if (!changes.length) return { changes, touched: [] as number[], plan };
      const touched = await applyEdit(em, snap, file, plan, changes, this.serverKey.key);
      const groups = new Map<string | null, ContestChange[]>();
      for (const c of changes) groups.set(c.event, [...(groups.get(c.event) ?? []), c]);
      for (const [event, list] of groups) {
        const confirmed = list.filter((c) => c.guard).map((c) => c.what);
        await this.audit.record(em, {
          contestId: contest.id,
          actor: actorOf(by),
          action: event ? 'event.edit' : 'contest.edit',
          event,
          before: Object.fromEntries(list.filter((c) => c.kind !== 'added').map((c) => [c.what, c.before])),
          after: { ...Object.fromEntries(list.filter((c) => c.kind !== 'removed').map((c) => [c.what, c.after])), ...(confirmed.length ? { confirmed } : {}), setup: setupAfterEdit(file, event) },
          reason,
        });
      }
      return { changes, touched, plan };
    });
    for (const eventId of result.touched) this.bus.emit(RESULTS_CHANGED, { contestId: contest.id, eventId });
    const summary = await this.summary(contest.code);
    return {
      ...summary,
      judges: result.plan.map((p) => ({ key: p.key, name: p.name, pin: p.pin })),
      changes: result.changes.map((c) => ({ event: c.event, what: c.what, path: c.path, kind: c.kind, confirmed: c.guard !== null })),
    };
  }

  /** Organizer reopens a finalized event, with a reason in the audit trail. */
  async reopenEvent(code: string, eventKey: string, reason: string, by: Principal): Promise<{ event: string; final: boolean }> {
    const { contest, event } = await this.lookup.contestEvent(code, eventKey);
    await this.tx.run(async (em) => {
      // the lock finalize takes, so a reopen and a finalize of one event take turns
      const [fresh] = await lockEvents(em, [event.id]);
      if (!fresh) throw DomainError.notFound(`event "${eventKey}" not found in contest ${code}`);
      if (!fresh.final) throw DomainError.conflict(`event ${eventKey} is not finalized`);
      await em.getRepository(ContestEvent).update({ id: event.id }, { final: false });
      await em.getRepository(ContestEvent).increment({ id: event.id }, 'revision', 1);
      await this.audit.record(em, { contestId: contest.id, actor: actorOf(by), action: 'event.reopen', event: eventKey, before: { final: true }, after: { final: false }, reason });
    });
    this.bus.emit(RESULTS_CHANGED, { contestId: contest.id, eventId: event.id });
    return { event: eventKey, final: false };
  }
}

/**
 * What an edit's audit record carries for the replay of results from the trail: the judges of the
 * contest after it, or the whole setup of the event it changed (null once the event is removed).
 */
function setupAfterEdit(file: ContestFile, event: string | null): SetupPayload {
  if (event === null) return { judges: file.judges.map((j) => j.key) };
  const ev = file.events.find((e) => e.key === event);
  if (!ev) return { events: { [event]: null } };
  const { entries, ...scheme } = ev;
  return { events: { [event]: eventSetup(scheme, entries) } };
}

async function insertChunks<T extends object>(repo: { insert: (rows: T[]) => Promise<unknown> }, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await repo.insert(rows.slice(i, i + CHUNK));
}

/**
 * The rule checks of a file whose shape is not right yet, so one answer lists every problem: the
 * cross-references are checked on the file as written, with missing lists taken as empty. Parts
 * too malformed for that are left to the shape problems already reported.
 */
function crossReferenceProblems(body: object): Problem[] {
  try {
    const f = structuredClone(body) as Record<string, unknown>;
    const list = (o: Record<string, unknown>, k: string) => (Array.isArray(o[k]) ? (o[k] as Record<string, unknown>[]) : (o[k] = []) as Record<string, unknown>[]);
    for (const k of ['judges', 'contestants', 'events']) list(f, k);
    for (const ev of f.events as Record<string, unknown>[]) {
      for (const k of ['criteria', 'panel', 'entries']) list(ev, k);
      for (const x of ev.entries as Record<string, unknown>[]) for (const k of ['bib', 'station']) if (typeof x[k] === 'number') x[k] = String(x[k]);
    }
    for (const c of f.contestants as Record<string, unknown>[]) if (typeof c.bib === 'number') c.bib = String(c.bib);
    return validateContestFile(f as unknown as ContestFile).filter((p) => p.message !== undefined);
  } catch {
    return [];
  }
}
