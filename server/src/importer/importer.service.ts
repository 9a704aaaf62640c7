import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { In, type EntityManager } from 'typeorm';
import { actorOf, type Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-error';
import { parseQuery } from '../common/parse-body';
import { ContestLookup } from '../contests/contest-lookup';
import { lockEvents, markedEventIds, refuseFinalized } from '../contests/event-locks';
import { importQuerySchema, type ImportReport, type ImportRow } from '../contracts/importer';
import { Contest, ContestEvent, Contestant, Entry } from '../database/entities';
import { Transactor } from '../database/transactor';
import { RESULTS_CHANGED } from '../common/results-changed';
import { eventOfRow, planImport, type ImportPlan, type StoredForImport } from './import-plan';
import { mapHeader, readSheet } from './read-sheet';
import type { SetupPayload } from '../audit/replay';

const CHUNK = 400;

/** Contestants and entries from an organizer's spreadsheet: checked row by row, stored all at once or not at all. */
@Injectable()
export class ImporterService {
  constructor(
    private readonly tx: Transactor,
    private readonly lookup: ContestLookup,
    private readonly audit: AuditService,
    private readonly bus: EventEmitter2,
  ) {}

  /**
   * `query` holds `dryRun` (check only) and `confirm`. A finalized event the file adds entries to
   * refuses the import (409) until the organizer reopens it; an event whose marking has started
   * takes new entries only with `confirm=1` (409 otherwise). Both are checked under the events'
   * locks, in the transaction that writes the rows, so a finalize cannot slip in between.
   */
  async run(code: string, body: unknown, contentType: string, query: unknown, who: Principal): Promise<ImportReport> {
    const { dryRun = false, confirm = false } = parseQuery(importQuerySchema, query);
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw DomainError.invalid([{ path: 'file', message: 'send the .xlsx or .csv file as the request body (Content-Type: text/csv or the xlsx type)' }]);
    }
    const contest = await this.lookup.contest(code);
    const rows = await this.rowsOf(body, contentType);
    const events = await this.lookup.eventsOf(contest);

    if (dryRun) {
      const plan = planImport(rows, await this.stored(this.tx.manager, contest, events));
      const touched = touchedEvents(rows, events);
      const marked = await markedEventIds(this.tx.manager, touched.map((e) => e.id));
      return this.report(rows, plan, { final: touched.filter((e) => e.final).map((e) => e.key), marked: touched.filter((e) => marked.has(e.id)).map((e) => e.key) }, true);
    }

    // the events named in the file, as read now; which of them are final or marked is read again under their locks
    const named = touchedEvents(rows, events);
    const outcome = await this.tx.run(async (em) => {
      const locked = await lockEvents(em, named.map((e) => e.id));
      if (locked.length !== named.length) throw DomainError.conflict(`the events of contest ${contest.code} changed meanwhile; check the file again`);
      refuseFinalized(locked, 'an import can add entries');
      const plan = planImport(rows, await this.stored(em, contest, events));
      if (plan.problems.length) throw DomainError.invalid(plan.problems.map((p) => ({ path: `row ${p.row}.${p.field}`, message: p.message })));
      const markedIds = await markedEventIds(em, locked.map((e) => e.id));
      const marked = locked.filter((e) => markedIds.has(e.id)).map((e) => e.key);
      if (marked.length && !confirm) {
        const names = marked.map((k) => `"${k}"`).join(', ');
        throw DomainError.conflict(
          `marking has started in event${marked.length === 1 ? '' : 's'} ${names}: the import adds entries to ${marked.length === 1 ? 'an event' : 'events'} being marked; send the file again with ?confirm=1 to import it`,
        );
      }
      await this.store(em, contest, rows, plan);
      for (const e of locked) await em.getRepository(ContestEvent).increment({ id: e.id }, 'revision', 1);
      await this.audit.record(em, {
        contestId: contest.id,
        actor: actorOf(who),
        action: 'import',
        after: { rows: rows.length, newContestants: plan.newPeople.size, newEntries: plan.newEntries, ...(marked.length ? { confirmed: marked } : {}), setup: await this.entriesAfter(em, contest, locked) },
      });
      return { plan, touched: locked.map((e) => e.id), marked };
    });
    for (const eventId of outcome.touched) this.bus.emit(RESULTS_CHANGED, { contestId: contest.id, eventId });
    return this.report(rows, outcome.plan, { final: [], marked: outcome.marked }, false);
  }

  /** Each touched event's whole entry list after the import, for the replay of results from the audit trail. */
  private async entriesAfter(em: EntityManager, contest: Contest, events: readonly { id: number; key: string }[]): Promise<SetupPayload> {
    if (!events.length) return {};
    const bibs = new Map((await em.getRepository(Contestant).findBy({ contestId: contest.id })).map((c) => [c.id, c.bib]));
    const stored = await em.getRepository(Entry).find({ where: { eventId: In(events.map((e) => e.id)) }, order: { id: 'ASC' } });
    const entries: Record<string, [string, string][]> = {};
    for (const e of events) entries[e.key] = stored.filter((x) => x.eventId === e.id).map((x) => [bibs.get(x.contestantId)!, x.station]);
    return { entries };
  }

  private async rowsOf(body: Buffer, contentType: string): Promise<ImportRow[]> {
    const cells = await readSheet(body, contentType);
    const headerAt = cells.findIndex((r) => r.some((c) => c !== ''));
    if (headerAt < 0) throw DomainError.invalid([{ path: 'file', message: 'the file is empty' }]);
    const { map, missing } = mapHeader(cells[headerAt]);
    if (missing.length) {
      throw DomainError.invalid(missing.map((m) => ({ path: `header.${m}`, message: `no "${m}" column (accepted headers: bib/参赛号, name/姓名, organization/单位, event/赛项, station/工位号)` })));
    }
    const rows: ImportRow[] = [];
    for (let i = headerAt + 1; i < cells.length; i++) {
      const r = cells[i];
      if (!r || r.every((c) => c === '')) continue;
      const get = (k: keyof typeof map) => (map[k] === undefined ? '' : (r[map[k]!] ?? '').trim());
      rows.push({ row: i + 1, bib: get('bib'), name: get('name'), organization: get('organization'), event: get('event'), station: get('station') });
    }
    return rows;
  }

  private async stored(em: EntityManager, contest: Contest, events: ContestEvent[]): Promise<StoredForImport<ContestEvent>> {
    const contestants = await em.getRepository(Contestant).findBy({ contestId: contest.id });
    const entries = events.length ? await em.getRepository(Entry).findBy({ eventId: In(events.map((e) => e.id)) }) : [];
    return { events, contestants, entries };
  }

  private async store(em: EntityManager, contest: Contest, rows: readonly ImportRow[], plan: ImportPlan<ContestEvent>): Promise<void> {
    const fresh = [...plan.newPeople].map(([bib, r]) => ({ contestId: contest.id, bib, name: r.name, organization: r.organization }));
    for (let i = 0; i < fresh.length; i += CHUNK) await em.getRepository(Contestant).insert(fresh.slice(i, i + CHUNK));
    const ids = new Map((await em.getRepository(Contestant).findBy({ contestId: contest.id })).map((c) => [c.bib, c.id]));
    const next = new Map<number, number>();
    const freeStation = (eventId: number) => {
      let n = next.get(eventId) ?? 1;
      while (plan.stations.has(`${eventId}|${String(n).padStart(3, '0')}`)) n++;
      next.set(eventId, n + 1);
      const s = String(n).padStart(3, '0');
      plan.stations.add(`${eventId}|${s}`);
      return s;
    };
    const newRows = rows.map((r) => {
      const ev = plan.eventOf(r)!;
      return { eventId: ev.id, contestantId: ids.get(r.bib)!, station: r.station || freeStation(ev.id), status: 'competing' as const, statusReason: null };
    });
    for (let i = 0; i < newRows.length; i += CHUNK) await em.getRepository(Entry).insert(newRows.slice(i, i + CHUNK));
  }

  private report(rows: ImportRow[], plan: ImportPlan, state: { final: string[]; marked: string[] }, dryRun: boolean): ImportReport {
    return {
      dryRun,
      rows: rows.length,
      problems: plan.problems,
      newContestants: plan.newPeople.size,
      newEntries: plan.newEntries,
      preview: rows.slice(0, 50),
      finalEvents: state.final,
      markedEvents: state.marked,
    };
  }
}

/** The events the rows add entries to, each once. */
function touchedEvents(rows: readonly ImportRow[], events: readonly ContestEvent[]): ContestEvent[] {
  const out = new Map<number, ContestEvent>();
  for (const r of rows) {
    const ev = eventOfRow(events, r);
    if (ev) out.set(ev.id, ev);
  }
  return [...out.values()];
}
