import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { ChiefProgress } from '../contracts/chief';
import { Entry, Judge, Sheet } from '../database/entities';
import { toleranceAlerts, judgeDeviations } from '../domain/scoring/consistency';
import { hundredthsToNumber } from '../domain/scoring/decimal';
import { toNumber } from '../domain/scoring/ratio';
import { StandingsService } from '../standings/standings.service';
import { readComments } from '../sheets/sheet-comments';
import { ChiefService } from './chief.service';

/** What the chief judge watches while marking goes on. */
@Injectable()
export class ChiefDeskService {
  constructor(
    private readonly chief: ChiefService,
    private readonly standings: StandingsService,
    @InjectRepository(Sheet) private readonly sheets: Repository<Sheet>,
    @InjectRepository(Judge) private readonly judges: Repository<Judge>,
  ) {}

  async progress(who: Principal, code: string, eventKey: string): Promise<ChiefProgress> {
    const { contest, event } = await this.chief.authorize(who, code, eventKey);
    const computed = await this.standings.compute(event.id);
    const { scheme, inputs } = computed;
    const judges = await this.judges.findBy({ contestId: contest.id });
    const judgeById = new Map(judges.map((j) => [j.id, j]));
    // Columns in the contest file's panel order, whatever order the database returns judges in.
    const seat = new Map(event.scheme.panel.map((p, i) => [p.judge, i]));
    const panel = judges
      .map((j) => ({ key: j.key, name: j.name, criteria: scheme.criteria.filter((c) => scheme.assignments[c.key]?.includes(j.key)).map((c) => c.key) }))
      .filter((j) => j.criteria.length > 0)
      .sort((a, b) => (seat.get(a.key) ?? Infinity) - (seat.get(b.key) ?? Infinity) || a.key.localeCompare(b.key));
    const all = await this.sheets
      .createQueryBuilder('s')
      .innerJoin(Entry, 'e', 'e.id = s.entryId')
      .where('e.eventId = :id', { id: event.id })
      .getMany();
    const sheetOf = new Map(all.map((s) => [`${s.entryId}|${judgeById.get(s.judgeId)?.key}`, s]));
    let submitted = 0;
    let expected = 0;
    const stations = computed.rows.map((r) => {
      const entryId = inputs.entryIds.get(r.station)!;
      const sheets: ChiefProgress['stations'][number]['sheets'] = {};
      for (const j of panel) {
        const s = sheetOf.get(`${entryId}|${j.key}`);
        sheets[j.key] = { status: s ? s.status : 'missing', version: s?.version ?? 0 };
        // the judge's remarks of the latest version: for the chief judge and the organizer only
        const comments = readComments(s?.comments);
        if (Object.keys(comments).length) sheets[j.key].comments = comments;
        if (r.status === 'competing') {
          expected++;
          if (s?.status === 'submitted') submitted++;
        }
      }
      return { station: r.station, status: r.status, complete: r.complete, total: r.total, deductions: r.deductions, sheets };
    });
    const alerts = inputs.entries
      .filter((e) => e.status === 'competing')
      .flatMap((e) => toleranceAlerts(scheme, e))
      .map((a) => ({
        station: a.station,
        criterion: a.criterion,
        min: hundredthsToNumber(a.min),
        max: hundredthsToNumber(a.max),
        spread: hundredthsToNumber(a.spread),
        tolerance: hundredthsToNumber(a.tolerance),
        values: a.values.map((v) => ({ judge: v.judge, value: hundredthsToNumber(v.value) })),
      }));
    const deviations = judgeDeviations(scheme, inputs.entries).map((d) => ({ judge: d.judge, count: d.count, mean: Math.round(toNumber(d.mean) * 100) / 100 }));
    const criteria = event.scheme.criteria.map((c) => ({ key: c.key, name: c.name, kind: c.kind, tolerance: c.tolerance ?? null }));
    return { event: event.key, name: event.name, final: event.final, criteria, judges: panel, stations, alerts, deviations, submitted, expected };
  }
}
