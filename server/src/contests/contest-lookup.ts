import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { Contest, ContestEvent, Entry, Judge } from '../database/entities';
import { sqlOne } from '../database/sql';

/** Finds contests, events, entries and judges by their human keys, with a 404 that names what was not found. */
@Injectable()
export class ContestLookup {
  constructor(
    @InjectRepository(Contest) private readonly contests: Repository<Contest>,
    @InjectRepository(ContestEvent) private readonly events: Repository<ContestEvent>,
    @InjectRepository(Entry) private readonly entries: Repository<Entry>,
    @InjectRepository(Judge) private readonly judges: Repository<Judge>,
  ) {}

  /**
   * Codes are unique regardless of case (creation refuses `bg2024` beside `BG2024`), so a code
   * typed in any case names one contest. The exact match comes first: it is the common case and
   * uses the index. Callers key rooms and caches by the stored `contest.code`, never the typed one.
   */
  async contest(code: string, em?: EntityManager): Promise<Contest> {
    const repo = em?.getRepository(Contest) ?? this.contests;
    const c = (await repo.findOneBy({ code })) ?? (await repo.createQueryBuilder('c').where('UPPER(c.code) = :code', { code: code.toUpperCase() }).getOne());
    if (!c) throw DomainError.notFound(`contest "${code}" not found`);
    return c;
  }

  async event(contest: Contest, key: string, em?: EntityManager): Promise<ContestEvent> {
    const e = await (em?.getRepository(ContestEvent) ?? this.events).findOneBy({ contestId: contest.id, key });
    if (!e) throw DomainError.notFound(`event "${key}" not found in contest ${contest.code}`);
    return e;
  }

  async contestEvent(code: string, key: string, em?: EntityManager): Promise<{ contest: Contest; event: ContestEvent }> {
    const contest = await this.contest(code, em);
    return { contest, event: await this.event(contest, key, em) };
  }

  async entry(event: ContestEvent, station: string, em?: EntityManager): Promise<Entry> {
    const e = await (em?.getRepository(Entry) ?? this.entries).findOneBy({ eventId: event.id, station });
    if (!e) throw DomainError.notFound(`station "${station}" not found in event ${event.key}`);
    return e;
  }

  async judge(contest: Contest, key: string, em?: EntityManager): Promise<Judge> {
    const j = await (em?.getRepository(Judge) ?? this.judges).findOneBy({ contestId: contest.id, key });
    if (!j) throw DomainError.notFound(`judge "${key}" not found in contest ${contest.code}`);
    return j;
  }

  /** An event's human keys and revision by its id, in one statement (null once it is gone). */
  async eventKeys(eventId: number): Promise<{ contest: string; event: string; revision: number } | null> {
    const r = await sqlOne<{ contest: string; event: string; revision: number }>(
      this.events.manager,
      `SELECT c."code" AS "contest", e."key" AS "event", e."revision" AS "revision" FROM "events" e JOIN "contests" c ON c."id" = e."contestId" WHERE e."id" = ?`,
      [eventId],
    );
    return r ? { ...r, revision: Number(r.revision) } : null;
  }

  eventsOf(contest: Contest): Promise<ContestEvent[]> {
    return this.events.find({ where: { contestId: contest.id }, order: { position: 'ASC' } });
  }
}
