import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { ContestLookup } from '../contests/contest-lookup';
import type { EventStandings } from '../contracts/standings';
import type { Contest, ContestEvent } from '../database/entities';
import { StandingsService } from '../standings/standings.service';
import { ContestsService } from '../contests/contests.service';
import { toCsv } from './csv';
import { judgeCardsPdf } from './judge-cards-pdf';
import { labelsFor } from './labels';
import { markMatrix } from './mark-matrix';
import { resultsNoticeHtml } from './html-results';
import { resultsNoticePdf, type NoticeInput } from './pdf-results';
import { resultsTable } from './results-table';
import { contestWorkbook } from './xlsx-workbook';
import { RecheckService } from '../audit/recheck.service';
import { integrityNote } from './integrity-note';
import { appealsRegister } from './appeals-sheet';
import { AppealsRepository } from '../appeals/appeals.repository';
import { FeedbackService } from './feedback.service';
import { commentsTable } from './xlsx-comments';

export interface ExportFile {
  filename: string;
  contentType: string;
  /** a stream is written to the response as it is made (the workbook, whose audit trail has no bound) */
  body: Buffer | string | Readable;
}

/** Results files for organizers. They show the true current results, frozen board or not. */
@Injectable()
export class ExportsService {
  constructor(
    private readonly lookup: ContestLookup,
    private readonly standings: StandingsService,
    private readonly audit: AuditService,
    private readonly contests: ContestsService,
    private readonly rechecks: RecheckService,
    private readonly appeals: AppealsRepository,
    private readonly feedback: FeedbackService,
  ) {}

  /** Judge cards with PINs and a QR code to the judge app's login for this contest; the read is audited. */
  async judgeCards(code: string, origin: string, who: Principal): Promise<ExportFile> {
    const contest = await this.lookup.contest(code);
    const cards = await this.contests.judgeCards(code, { who, read: 'judge-cards' });
    const body = await judgeCardsPdf({
      contestTitle: contest.title,
      code: contest.code,
      loginUrl: `${origin}/judge/?contest=${encodeURIComponent(contest.code)}`,
      cards,
      locale: contest.locale,
    });
    return { filename: `${contest.code}-judge-cards.pdf`, contentType: 'application/pdf', body };
  }

  private async staffStandings(contest: Contest, event: ContestEvent): Promise<{ s: EventStandings; names: Record<string, string> }> {
    const s = await this.standings.eventStandings(contest, event, 'staff');
    return { s, names: Object.fromEntries(event.scheme.criteria.map((c) => [c.key, c.name])) };
  }

  async csv(code: string, eventKey: string): Promise<ExportFile> {
    const { contest, event } = await this.lookup.contestEvent(code, eventKey);
    const { s, names } = await this.staffStandings(contest, event);
    const t = resultsTable(s, names, labelsFor(contest.locale));
    return { filename: `${contest.code}-${event.key}-results.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(t.headers, t.rows) };
  }

  private async notice(code: string, eventKey: string): Promise<{ contest: Contest; event: ContestEvent; input: NoticeInput }> {
    const { contest, event } = await this.lookup.contestEvent(code, eventKey);
    const { s, names } = await this.staffStandings(contest, event);
    const labels = labelsFor(contest.locale);
    const input: NoticeInput = {
      contestTitle: contest.title,
      venue: contest.venue,
      eventName: event.name,
      precision: event.scheme.precision ?? 2,
      final: event.final,
      table: resultsTable(s, names, labels),
      generatedAt: new Date(),
      labels,
      integrity: integrityNote(contest.locale, (await this.rechecks.events(contest.id, [event]))[0]),
    };
    return { contest, event, input };
  }

  async pdf(code: string, eventKey: string): Promise<ExportFile> {
    const { contest, event, input } = await this.notice(code, eventKey);
    return { filename: `${contest.code}-${event.key}-results.pdf`, contentType: 'application/pdf', body: await resultsNoticePdf(input) };
  }

  /** The print-friendly page, shown in the browser (not downloaded). */
  async html(code: string, eventKey: string): Promise<string> {
    const { contest, input } = await this.notice(code, eventKey);
    return resultsNoticeHtml(input, contest.locale);
  }

  async xlsx(code: string): Promise<ExportFile> {
    const contest = await this.lookup.contest(code);
    const labels = labelsFor(contest.locale);
    const events = [];
    const appealed = [];
    let published = false;
    const remarked = [];
    for (const event of await this.lookup.eventsOf(contest)) {
      appealed.push({ name: event.name, appeals: await this.appeals.list(event) });
      published ||= (await this.appeals.facts(this.appeals.manager, event.id)) !== null;
      remarked.push({ name: event.name, comments: await this.feedback.workbookComments(event) });
      const { s, names } = await this.staffStandings(contest, event);
      const integrity = integrityNote(contest.locale, (await this.rechecks.events(contest.id, [event]))[0]);
      events.push({ standings: s, table: resultsTable(s, names, labels), matrix: markMatrix(await this.standings.compute(event.id), names), integrity });
    }
    // everything that can fail with an answer of its own is read before the first byte goes out
    const body = contestWorkbook({
      title: contest.title,
      labels,
      events,
      teams: await this.standings.teams(code),
      audit: this.audit.oldestFirst(contest.id),
      generatedAt: new Date(),
      // the register exists from the first publication of results on
      ...(published ? { appeals: appealsRegister(contest.locale, appealed) } : {}),
      comments: commentsTable(contest.locale, labels, remarked),
    });
    return { filename: `${contest.code}-results.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body };
  }
}
