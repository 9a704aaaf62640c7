import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { In } from 'typeorm';
import { actorOf, type Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-error';
import { ContestLookup } from '../contests/contest-lookup';
import type { ImportProblem, ImportReport, ImportRow } from '../contracts/importer';
import { ContestEvent, Contestant, Entry } from '../database/entities';
import { Transactor } from '../database/transactor';
import { RESULTS_CHANGED } from '../live/results-changed';
import { mapHeader, readSheet } from './read-sheet';

const LIMITS = { bib: 20, name: 40, organization: 60, station: 20 } as const;
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

  async run(code: string, body: unknown, contentType: string, dryRun: boolean, who: Principal): Promise<ImportReport> {
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw DomainError.invalid([{ path: 'file', message: 'send the .xlsx or .csv file as the request body (Content-Type: text/csv or the xlsx type)' }]);
    }
    const contest = await this.lookup.contest(code);
    const events = await this.lookup.eventsOf(contest);
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

    const problems: ImportProblem[] = [];
    const eventOf = (s: string) => events.find((e) => e.key.toLowerCase() === s.toLowerCase() || e.name === s);
    const existing = await this.tx.manager.getRepository(Contestant).findBy({ contestId: contest.id });
    const byBib = new Map(existing.map((c) => [c.bib, c]));
    const entries = events.length ? await this.tx.manager.getRepository(Entry).findBy({ eventId: In(events.map((e) => e.id)) }) : [];
    const idToBib = new Map(existing.map((c) => [c.id, c.bib]));
    const taken = new Set(entries.map((e) => `${e.eventId}|${idToBib.get(e.contestantId)}`));
    const stations = new Set(entries.map((e) => `${e.eventId}|${e.station}`));
    const fileBib = new Map<string, ImportRow>();
    for (const r of rows) {
      const at = (field: string, message: string) => problems.push({ row: r.row, field, message });
      for (const f of ['bib', 'name', 'organization'] as const) {
        if (!r[f]) at(f, 'empty');
        else if (r[f].length > LIMITS[f]) at(f, `longer than ${LIMITS[f]} characters`);
      }
      if (r.station.length > LIMITS.station) at('station', `longer than ${LIMITS.station} characters`);
      const ev = eventOf(r.event);
      if (!r.event) at('event', 'empty');
      else if (!ev) at('event', `unknown event "${r.event}" (events: ${events.map((e) => `${e.key}/${e.name}`).join(', ')})`);
      if (!r.bib) continue;
      const known = byBib.get(r.bib) ?? fileBib.get(r.bib);
      if (known && (known.name !== r.name || known.organization !== r.organization)) {
        at('bib', `bib ${r.bib} already belongs to ${known.name} (${known.organization})`);
      }
      if (!fileBib.has(r.bib)) fileBib.set(r.bib, r);
      if (ev) {
        const k = `${ev.id}|${r.bib}`;
        if (taken.has(k)) at('bib', `bib ${r.bib} is already entered in ${ev.name}`);
        taken.add(k);
        if (r.station) {
          const s = `${ev.id}|${r.station}`;
          if (stations.has(s)) at('station', `station ${r.station} is already taken in ${ev.name}`);
          stations.add(s);
        }
      }
    }

    const newBibs = [...fileBib.keys()].filter((b) => !byBib.has(b));
    const newEntries: Record<string, number> = {};
    for (const r of rows) {
      const ev = eventOf(r.event);
      if (ev) newEntries[ev.key] = (newEntries[ev.key] ?? 0) + 1;
    }
    const report: ImportReport = { dryRun: true, rows: rows.length, problems, newContestants: newBibs.length, newEntries, preview: rows.slice(0, 50) };
    if (dryRun) return report;
    if (problems.length) {
      const e = DomainError.invalid(problems.map((p) => ({ path: `row ${p.row}.${p.field}`, message: p.message })));
      throw e;
    }

    const touched = new Set<ContestEvent>();
    await this.tx.run(async (em) => {
      const fresh = newBibs.map((b) => ({ contestId: contest.id, bib: b, name: fileBib.get(b)!.name, organization: fileBib.get(b)!.organization }));
      for (let i = 0; i < fresh.length; i += CHUNK) await em.getRepository(Contestant).insert(fresh.slice(i, i + CHUNK));
      const ids = new Map((await em.getRepository(Contestant).findBy({ contestId: contest.id })).map((c) => [c.bib, c.id]));
      const next = new Map<number, number>();
      const freeStation = (ev: ContestEvent) => {
        let n = next.get(ev.id) ?? 1;
        while (stations.has(`${ev.id}|${String(n).padStart(3, '0')}`)) n++;
        next.set(ev.id, n + 1);
        const s = String(n).padStart(3, '0');
        stations.add(`${ev.id}|${s}`);
        return s;
      };
      const newRows = rows.map((r) => {
        const ev = eventOf(r.event)!;
        touched.add(ev);
        return { eventId: ev.id, contestantId: ids.get(r.bib)!, station: r.station || freeStation(ev), status: 'competing' as const, statusReason: null };
      });
      for (let i = 0; i < newRows.length; i += CHUNK) await em.getRepository(Entry).insert(newRows.slice(i, i + CHUNK));
      for (const ev of touched) await em.getRepository(ContestEvent).increment({ id: ev.id }, 'revision', 1);
      await this.audit.record(em, { contestId: contest.id, actor: actorOf(who), action: 'import', after: { rows: rows.length, newContestants: newBibs.length, newEntries } });
    });
    for (const ev of touched) this.bus.emit(RESULTS_CHANGED, { contestId: contest.id, eventId: ev.id });
    return { ...report, dryRun: false };
  }
}
