import { z } from 'zod';

/** Records per page of the audit trail when the query names no `limit`, and the most one page may hold. */
export const AUDIT_PAGE_DEFAULT = 5000;
export const AUDIT_PAGE_MAX = 5000;

// an empty value narrows nothing, as when the parameter is left out
const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
const wholeNumber = z.string().regex(/^\d{1,15}$/, 'must be a whole number').transform(Number);

/**
 * `GET /api/contests/:code/audit?event=&station=&judge=&before=&limit=`: the trail newest first,
 * narrowed to an event, a station or a judge; `before` (a record id) pages back through it.
 */
export const auditQuerySchema = z
  .object({
    event: text(40).optional(),
    station: text(20).optional(),
    judge: text(40).optional(),
    /** only records older than this id: the next page after one ending with that record */
    before: wholeNumber.pipe(z.number().min(1, 'must be at least 1')).optional(),
    limit: wholeNumber.pipe(z.number().min(1, 'must be at least 1').max(AUDIT_PAGE_MAX, `at most ${AUDIT_PAGE_MAX}`)).optional(),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/**
 * `GET /api/contests/:code/audit/verify`: the contest's audit chain checked from its first record.
 * `brokenAt` is the 1-based position of the first record that is changed, missing or added.
 */
/** Audit actions of the appeals workflow (§5); a reopen or deduction made for an appeal keeps its own action and names the appeal. */
export const APPEAL_ACTIONS = ['event.publish', 'appeal.file', 'appeal.decide'] as const;
export type AppealAction = (typeof APPEAL_ACTIONS)[number];

export type AuditVerification = { ok: true; records: number; head: string } | { ok: false; records: number; brokenAt: number; message: string };
