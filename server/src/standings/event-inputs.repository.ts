import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { Contestant, Deduction, Entry, Judge, Sheet } from '../database/entities';
import type { EntryInput } from '../domain/scoring/types';

export interface EntryPerson {
  bib: string;
  name: string;
  organization: string;
}

export interface EventInputs {
  entries: EntryInput[];
  people: Map<string, EntryPerson>;
  /** entry id by station, for staff views */
  entryIds: Map<string, number>;
}

/** Loads what the scoring engine needs for one event: entries, submitted sheets, live deductions. */
@Injectable()
export class EventInputsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async load(eventId: number): Promise<EventInputs> {
    const em = this.ds.manager;
    const entries = await em.getRepository(Entry).find({ where: { eventId }, order: { id: 'ASC' } });
    const ids = entries.map((e) => e.id);
    const contestantIds = [...new Set(entries.map((e) => e.contestantId))];
    const [contestants, sheets, deductions] = await Promise.all([
      contestantIds.length ? em.getRepository(Contestant).createQueryBuilder('c').where('c.id IN (:...ids)', { ids: contestantIds }).getMany() : [],
      ids.length
        ? em
            .getRepository(Sheet)
            .createQueryBuilder('s')
            .innerJoin(Entry, 'e', 'e.id = s.entryId')
            .innerJoin(Judge, 'j', 'j.id = s.judgeId')
            .select(['s.entryId AS "entryId"', 's.scores AS "scores"', 'j.key AS "judge"'])
            .where('e.eventId = :eventId AND s.status = :status', { eventId, status: 'submitted' })
            .getRawMany<{ entryId: number; scores: string; judge: string }>()
        : [],
      ids.length
        ? em
            .getRepository(Deduction)
            .createQueryBuilder('d')
            .innerJoin(Entry, 'e', 'e.id = d.entryId')
            .where('e.eventId = :eventId', { eventId })
            .andWhere({ voidedAt: IsNull() })
            .getMany()
        : [],
    ]);
    const byContestant = new Map(contestants.map((c) => [c.id, c]));
    const sheetsByEntry = new Map<number, { judge: string; scores: Record<string, number> }[]>();
    for (const s of sheets) {
      const list = sheetsByEntry.get(s.entryId) ?? [];
      list.push({ judge: s.judge, scores: JSON.parse(s.scores) });
      sheetsByEntry.set(s.entryId, list);
    }
    const deductionsByEntry = new Map<number, number[]>();
    for (const d of deductions) {
      const list = deductionsByEntry.get(d.entryId) ?? [];
      list.push(d.points);
      deductionsByEntry.set(d.entryId, list);
    }
    const people = new Map<string, EntryPerson>();
    const entryIds = new Map<string, number>();
    const inputs: EntryInput[] = entries.map((e) => {
      const c = byContestant.get(e.contestantId)!;
      people.set(c.bib, { bib: c.bib, name: c.name, organization: c.organization });
      entryIds.set(e.station, e.id);
      return { bib: c.bib, station: e.station, status: e.status, sheets: sheetsByEntry.get(e.id) ?? [], deductions: deductionsByEntry.get(e.id) ?? [] };
    });
    return { entries: inputs, people, entryIds };
  }
}
