import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomBytes } from 'node:crypto';
import { actorOf, type Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-error';
import { parseBody } from '../common/parse-body';
import type { DrawResult } from '../contracts/importer';
import { z } from 'zod';
import { Contestant, ContestEvent, Entry, SheetVersion, Sheet } from '../database/entities';
import { Transactor } from '../database/transactor';
import { drawStations } from '../domain/scoring/draw';
import { RESULTS_CHANGED } from '../common/results-changed';
import { ContestLookup } from './contest-lookup';
import { lockEvents, refuseFinalized } from './event-locks';

const drawSchema = z.object({ seed: z.string().trim().min(1).max(64).optional() });

/** The station draw (抽签): random stations from a recorded seed, so anyone can repeat it. */
@Injectable()
export class StationDrawService {
  constructor(
    private readonly tx: Transactor,
    private readonly lookup: ContestLookup,
    private readonly audit: AuditService,
    private readonly bus: EventEmitter2,
  ) {}

  async draw(code: string, eventKey: string, body: unknown, who: Principal): Promise<DrawResult> {
    const { seed: given } = parseBody(drawSchema, body ?? {});
    const seed = given ?? randomBytes(8).toString('hex');
    const { contest, event } = await this.lookup.contestEvent(code, eventKey);
    const result = await this.tx.run(async (em) => {
      refuseFinalized(await lockEvents(em, [event.id]), 'stations can be drawn');
      const entries = await em.getRepository(Entry).findBy({ eventId: event.id });
      if (!entries.length) throw DomainError.conflict(`event ${eventKey} has no entries to draw`);
      const marked = await em.getRepository(Sheet).createQueryBuilder('s').innerJoin(SheetVersion, 'v', 'v.sheetId = s.id').where('s.entryId IN (:...ids)', { ids: entries.map((e) => e.id) }).getCount();
      if (marked > 0) throw DomainError.conflict(`marking has started in event ${eventKey}; stations can no longer be drawn`);
      const people = new Map((await em.getRepository(Contestant).findBy({ contestId: contest.id })).map((c) => [c.id, c.bib]));
      const bibs = entries.map((e) => people.get(e.contestantId)!);
      const drawn = drawStations(bibs, seed);
      const byBib = new Map(drawn.map((d) => [d.bib, d.station]));
      // two passes: stations are unique per event, so clear them before assigning the drawn ones
      for (const e of entries) await em.getRepository(Entry).update({ id: e.id }, { station: `~${e.id}` });
      for (const e of entries) await em.getRepository(Entry).update({ id: e.id }, { station: byBib.get(people.get(e.contestantId)!)! });
      await em.getRepository(ContestEvent).increment({ id: event.id }, 'revision', 1);
      await this.audit.record(em, {
        contestId: contest.id,
        actor: actorOf(who),
        action: 'stations.draw',
        event: eventKey,
        before: entries.map((e) => ({ bib: people.get(e.contestantId), station: e.station })),
        after: drawn,
        reason: `seed ${seed}`,
      });
      return drawn;
    });
    this.bus.emit(RESULTS_CHANGED, { contestId: contest.id, eventId: event.id });
    return { event: eventKey, seed, stations: result };
  }
}
