import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { sqlAll } from '../database/sql';
import { hundredthsToNumber } from '../domain/scoring/decimal';
import { readComments } from '../sheets/sheet-comments';

/** One judge's remark on one criterion of one entry, as the staff exports show it. */
export interface SheetRemark {
  entryId: number;
  judge: string;
  criterion: string;
  text: string;
}

const REMARKS = `
SELECT s."entryId" AS "entryId", j."key" AS "judge", s."comments" AS "comments"
FROM "sheets" s JOIN "entries" n ON n."id" = s."entryId" JOIN "judges" j ON j."id" = s."judgeId"
WHERE n."eventId" = ? AND s."status" = 'submitted' AND s."comments" IS NOT NULL
ORDER BY s."entryId", j."key"`;

const DEDUCTIONS = `
SELECT d."entryId" AS "entryId", d."points" AS "points", d."reason" AS "reason"
FROM "deductions" d JOIN "entries" n ON n."id" = d."entryId"
WHERE n."eventId" = ? AND d."voidedAt" IS NULL
ORDER BY d."id"`;

/** What the feedback sheets and the workbook print besides results: judges' remarks and the reasons for deductions. */
@Injectable()
export class SheetRemarksRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The remarks of the sheets that count (submitted ones), by entry, then judge key. */
  async remarks(eventId: number): Promise<SheetRemark[]> {
    const rows = await sqlAll<{ entryId: number; judge: string; comments: string }>(this.ds.manager, REMARKS, [eventId]);
    return rows.flatMap((r) => Object.entries(readComments(r.comments)).map(([criterion, text]) => ({ entryId: Number(r.entryId), judge: r.judge, criterion, text })));
  }

  /** Deductions in force, oldest first, in points. */
  async deductions(eventId: number): Promise<{ entryId: number; points: number; reason: string }[]> {
    const rows = await sqlAll<{ entryId: number; points: number; reason: string }>(this.ds.manager, DEDUCTIONS, [eventId]);
    return rows.map((r) => ({ entryId: Number(r.entryId), points: hundredthsToNumber(Number(r.points)), reason: r.reason }));
  }
}
