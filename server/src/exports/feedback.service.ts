import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { DomainError } from '../common/domain-error';
import { parseQuery } from '../common/parse-body';
import { ContestLookup } from '../contests/contest-lookup';
import type { ContestEvent } from '../database/entities';
import { StandingsService, type ComputedEvent } from '../standings/standings.service';
import type { ExportFile } from './exports.service';
import { feedbackPdf, feedbackWords, type FeedbackPage } from './feedback-pdf';
import { labelsFor } from './labels';
import { markMatrix } from './mark-matrix';
import { SheetRemarksRepository } from './sheet-remarks.repository';
import type { CommentsInput } from './xlsx-comments';

/** `GET …/feedback.pdf?organization=` — one organization's contestants, for its team leader. */
const feedbackQuerySchema = z
  .object({
    organization: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters').optional(),
  })
  .strict();

/**
 * Judges numbered for contestants: the event's panel in the contest file's order, counting only
 * those who mark something. The number depends on the event alone, so 裁判2 is the same person on
 * every sheet of the event, and says nothing of who they are.
 */
export function judgeNumbers(event: ContestEvent, c: ComputedEvent): Map<string, number> {
  const marking = new Set(Object.values(c.scheme.assignments).flat());
  const ordered = event.scheme.panel.map((p) => p.judge).filter((k) => marking.has(k));
  for (const k of [...marking].sort()) if (!ordered.includes(k)) ordered.push(k);
  return new Map(ordered.map((k, i) => [k, i + 1]));
}

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
}

/** Feedback sheets for contestants and the judges' remarks for the workbook. */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly lookup: ContestLookup,
    private readonly standings: StandingsService,
    private readonly sheets: SheetRemarksRepository,
  ) {}

  async pdf(code: string, eventKey: string, query: unknown): Promise<ExportFile> {
    const { organization } = parseQuery(feedbackQuerySchema, query);
    const { contest, event } = await this.lookup.contestEvent(code, eventKey);
    if (!event.final) throw DomainError.conflict(`event ${event.key} is not final yet: feedback sheets are printed once the chief judge has finalized it`);
    const computed = await this.standings.compute(event.id, event);
    const rows = organization === undefined ? computed.rows : computed.rows.filter((r) => r.organization === organization);
    if (!rows.length) throw DomainError.notFound(organization === undefined ? `event ${event.key} has no contestants` : `no contestant of "${organization}" in event ${event.key}`);

    const names = Object.fromEntries(event.scheme.criteria.map((c) => [c.key, c.name]));
    const numbers = judgeNumbers(event, computed);
    const { columns, rows: matrixRows } = markMatrix(computed, names);
    const matrix = new Map(matrixRows.map((r) => [r.station, r]));
    const remarks = groupBy(await this.sheets.remarks(event.id), (x) => x.entryId);
    const deductions = groupBy(await this.sheets.deductions(event.id), (d) => d.entryId);
    const labels = labelsFor(contest.locale);
    const order = new Map(event.scheme.criteria.map((c, i) => [c.key, i]));

    const pages: FeedbackPage[] = rows.map((r) => {
      const entryId = computed.inputs.entryIds.get(r.station);
      const m = matrix.get(r.station);
      const markRows = event.scheme.criteria.map((c) => {
        const marks: FeedbackPage['rows'][number]['marks'] = Array.from({ length: numbers.size }, () => null);
        columns.forEach((col, i) => {
          const v = m?.values[i];
          if (col.criterion === c.key && v) marks[numbers.get(col.judge)! - 1] = v;
        });
        return { label: c.name, marks, result: r.parts[c.key] ?? null };
      });
      // an event aggregated over totals reports the panel's combined part instead of per criterion
      for (const k of Object.keys(r.parts)) if (!Object.hasOwn(names, k)) markRows.push({ label: k === 'panel' ? labels.panel : k, marks: Array.from({ length: numbers.size }, () => null), result: r.parts[k] });
      const mine = (entryId !== undefined && remarks.get(entryId)) || [];
      return {
        bib: r.bib,
        name: r.name,
        organization: r.organization,
        station: r.station,
        status: r.status,
        rank: r.rank,
        award: r.award,
        total: r.total,
        rows: markRows,
        deductions: ((entryId !== undefined && deductions.get(entryId)) || []).map(({ points, reason }) => ({ points, reason })),
        deductionTotal: r.deductions,
        comments: mine
          .map((x) => ({ criterion: names[x.criterion] ?? x.criterion, judgeNo: numbers.get(x.judge) ?? 0, text: x.text, at: order.get(x.criterion) ?? order.size }))
          .sort((a, b) => a.at - b.at || a.judgeNo - b.judgeNo)
          .map(({ criterion, judgeNo, text }) => ({ criterion, judgeNo, text })),
      };
    });

    const body = await feedbackPdf({
      contestTitle: contest.title,
      eventName: event.name,
      precision: event.scheme.precision ?? 2,
      judges: numbers.size,
      pages,
      labels,
      words: feedbackWords(contest.locale),
      generatedAt: new Date(),
    });
    const suffix = organization === undefined ? '' : `-${organization}`;
    return { filename: `${contest.code}-${event.key}-feedback${suffix}.pdf`, contentType: 'application/pdf', body };
  }

  /** The event's remarks for the workbook's remarks sheet: judges by key, as the mark matrix shows them. */
  async workbookComments(event: ContestEvent): Promise<CommentsInput> {
    const computed = await this.standings.compute(event.id, event);
    const byEntry = new Map([...computed.inputs.entryIds].map(([station, id]) => [id, station]));
    const bibOf = new Map(computed.rows.map((r) => [r.station, r.bib]));
    const names = Object.fromEntries(event.scheme.criteria.map((c) => [c.key, c.name]));
    const remarks = await this.sheets.remarks(event.id);
    return remarks.map((x) => {
      const station = byEntry.get(x.entryId) ?? '';
      return { station, bib: bibOf.get(station) ?? '', criterion: names[x.criterion] ?? x.criterion, judge: x.judge, text: x.text };
    });
  }
}
