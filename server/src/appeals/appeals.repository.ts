import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import type { AppealLinkedAct, AppealView } from '../contracts/appeals';
import { Appeal, AppealWindow, Contestant, ContestEvent, Entry } from '../database/entities';
import { asBool, sqlOne } from '../database/sql';
import { Transactor } from '../database/transactor';
import type { PublicationFacts } from './publication';

/** The appeal's id as people see it: its number within the event. */
export const appealId = (a: Pick<Appeal, 'no'>): string => String(a.no);

/** Appeals and appeal windows in the database. */
@Injectable()
export class AppealsRepository {
  constructor(private readonly tx: Transactor) {}

  get manager(): EntityManager {
    return this.tx.manager;
  }

  window(em: EntityManager, eventId: number): Promise<AppealWindow | null> {
    return em.getRepository(AppealWindow).findOneBy({ eventId });
  }

  /** One statement for the public surfaces: the window, the open appeals and finality; null before publication. */
  async facts(em: EntityManager, eventId: number): Promise<PublicationFacts | null> {
    const r = await sqlOne<{ closesAt: string; open: unknown; final: unknown }>(
      em,
      `SELECT w."closesAt" AS "closesAt", e."final" AS "final", (SELECT COUNT(*) FROM "appeals" a WHERE a."eventId" = w."eventId" AND a."status" = 'open') AS "open"
         FROM "appeal_windows" w JOIN "events" e ON e."id" = w."eventId" WHERE w."eventId" = ?`,
      [eventId],
    );
    return r ? { closesAt: r.closesAt, open: Number(r.open), final: asBool(r.final) } : null;
  }

  async windows(): Promise<AppealWindow[]> {
    return this.tx.manager.getRepository(AppealWindow).find();
  }

  async nextNo(em: EntityManager, eventId: number): Promise<number> {
    const r = await em.getRepository(Appeal).createQueryBuilder('a').select('MAX(a.no)', 'max').where('a.eventId = :eventId', { eventId }).getRawOne<{ max: unknown }>();
    return Number(r?.max ?? 0) + 1;
  }

  /** The appeal `id` of an event; 404 naming it when there is none. */
  async byId(em: EntityManager, event: Pick<ContestEvent, 'id' | 'key'>, id: string): Promise<Appeal> {
    const no = /^\d{1,9}$/.test(id) ? Number(id) : NaN;
    const a = Number.isFinite(no) ? await em.getRepository(Appeal).findOneBy({ eventId: event.id, no }) : null;
    if (!a) throw DomainError.notFound(`appeal "${id}" not found in event ${event.key}`);
    return a;
  }

  /**
   * Links a reopen or deduction of the chief judge to the appeal it is made for, in the act's
   * transaction (the event's lock is held). The appeal must be about the same station and not
   * have been rejected.
   */
  async link(em: EntityManager, event: Pick<ContestEvent, 'id' | 'key'>, id: string, station: string, act: AppealLinkedAct): Promise<void> {
    const a = await this.byId(em, event, id);
    const entry = await em.getRepository(Entry).findOneByOrFail({ id: a.entryId });
    if (entry.station !== station) throw DomainError.invalid([{ path: 'appeal', message: `appeal ${id} is about station ${entry.station}, not ${station}` }]);
    if (a.outcome === 'rejected') throw DomainError.conflict(`appeal ${id} was rejected; an act cannot be made for it`);
    await em.getRepository(Appeal).update({ id: a.id }, { acts: [...a.acts, act] });
  }

  /** Every appeal of an event with its entry, oldest first. */
  async list(event: Pick<ContestEvent, 'id' | 'key'>, only?: number, em: EntityManager = this.tx.manager): Promise<AppealView[]> {
    const q = em
      .getRepository(Appeal)
      .createQueryBuilder('a')
      .innerJoin(Entry, 'n', 'n.id = a.entryId')
      .innerJoin(Contestant, 'c', 'c.id = n.contestantId')
      .addSelect(['n.station AS "station"', 'c.bib AS "bib"', 'c.name AS "name"', 'c.organization AS "organization"'])
      .where('a.eventId = :eventId', { eventId: event.id })
      .orderBy('a.no', 'ASC');
    if (only !== undefined) q.andWhere('a.id = :only', { only });
    const { entities, raw } = await q.getRawAndEntities<{ station: string; bib: string; name: string; organization: string }>();
    return entities.map((a, i) => ({
      id: appealId(a),
      event: event.key,
      station: raw[i].station,
      bib: raw[i].bib,
      name: raw[i].name,
      organization: raw[i].organization,
      reason: a.reason,
      filedBy: a.filedBy,
      filedAt: a.filedAt,
      status: a.status,
      outcome: a.outcome,
      answer: a.answer,
      decidedAt: a.decidedAt,
      decidedBy: a.decidedBy,
      acts: a.acts ?? [],
    }));
  }
}
