import { z } from 'zod';

/** Chief judge and organizer acts (integration contract §2, chief judge). */
const reason = z.string().trim().min(1, 'must not be empty: say why').max(500, 'at most 500 characters');

export const reopenSheetSchema = z.object({ reason });
export type ReopenSheetBody = z.infer<typeof reopenSheetSchema>;

export const deductionSchema = z.object({
  station: z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(z.string().min(1, 'must not be empty')),
  points: z.number(),
  reason,
});
export type DeductionBody = z.input<typeof deductionSchema>;

export const entryStatusSchema = z.object({
  status: z.enum(['competing', 'absent', 'withdrawn', 'disqualified']),
  reason: z.string().trim().max(500, 'at most 500 characters').optional(),
});
export type EntryStatusBody = z.infer<typeof entryStatusSchema>;

export const reopenEventSchema = z.object({ reason });
export type ReopenEventBody = z.infer<typeof reopenEventSchema>;

export interface DeductionView {
  id: number;
  station: string;
  points: number;
  reason: string;
  createdAt: string;
  by: string;
}

export interface AuditRecordView {
  id: number;
  at: string;
  actor: string;
  action: string;
  event: string | null;
  station: string | null;
  judge: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}
