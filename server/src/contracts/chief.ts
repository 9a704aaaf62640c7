import { z } from 'zod';

/** Chief judge and organizer acts (integration contract §2, chief judge). */
const reason = z.string().trim().min(1, 'must not be empty: say why').max(500, 'at most 500 characters');

/** the appeal (contract §5) a reopen or deduction is made for: its id as the appeals list gives it */
const appealRef = z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(z.string().min(1, 'must not be empty').max(20, 'at most 20 characters'));

export const reopenSheetSchema = z.object({ reason, appeal: appealRef.optional() });
export type ReopenSheetBody = z.infer<typeof reopenSheetSchema>;

export const deductionSchema = z.object({
  station: z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(z.string().min(1, 'must not be empty').max(64, 'at most 64 characters')),
  points: z.number(),
  reason,
  appeal: appealRef.optional(),
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

/** The chief judge's desk: marking progress, consistency alerts and judge deviation for one event. */
export interface ChiefProgress {
  event: string;
  name: string;
  final: boolean;
  /** the event's criteria, named, so alerts and matrices can say which one */
  criteria: { key: string; name: string; kind: 'judged' | 'measured'; tolerance: number | null }[];
  judges: { key: string; name: string; criteria: string[] }[];
  stations: {
    station: string;
    status: 'competing' | 'absent' | 'withdrawn' | 'disqualified';
    complete: boolean;
    total: number;
    deductions: number;
    /** judge key → that judge's sheet; judges who mark nothing here are absent */
    sheets: Record<string, { status: 'submitted' | 'open' | 'missing'; version: number; comments?: Record<string, string> }>;
  }[];
  alerts: {
    station: string;
    criterion: string;
    min: number;
    max: number;
    spread: number;
    tolerance: number;
    values: { judge: string; value: number }[];
  }[];
  /** mean of (judge's mark − panel aggregate) in points: negative harsh, positive lenient */
  deviations: { judge: string; count: number; mean: number }[];
  submitted: number;
  expected: number;
}

/** Organizer's controls of the public board for one event. */
export const boardModeSchema = z.object({ mode: z.enum(['provisional', 'complete']) });
export type BoardModeBody = z.infer<typeof boardModeSchema>;

export const revealSchema = z.object({ by: z.enum(['entry', 'tier']).default('entry') });
export type RevealBody = z.input<typeof revealSchema>;

export interface BoardState {
  event: string;
  mode: 'provisional' | 'complete';
  frozen: boolean;
  final: boolean;
  revealed: number;
  /** entries the reveal will show in all */
  revealTotal: number;
  /** the step just taken, on reveal */
  step?: { award: string | null; bibs: string[] };
}
