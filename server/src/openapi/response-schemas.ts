import { z } from 'zod';

/**
 * What the API answers, as zod schemas, so the OpenAPI document is generated from them. The wire
 * types themselves stay plain interfaces in contracts/ (the apps import those, and zod must stay
 * out of their bundles); contract-checks.ts fails the build when a schema here and its interface
 * disagree.
 */

const iso = z.string().describe('ISO 8601 time');
const numbers = z.record(z.string(), z.number());
const remarks = z.record(z.string(), z.string()).describe('criterion key → remark');

export const entryStatus = z.enum(['competing', 'absent', 'withdrawn', 'disqualified']);
export const eventRole = z.enum(['judge', 'chief']);

export const problem = z.object({ path: z.string().describe('the field, as `events[0].criteria[1].max`'), message: z.string() });

export const errorBody = z
  .object({
    statusCode: z.int(),
    error: z.string(),
    message: z.string().describe('what is wrong, naming the field and the limit'),
    problems: z.array(problem).optional().describe('every problem found, for 400s that list several'),
  })
  .describe('Every error answer, REST and socket alike');

export const standingsRow = z.object({
  rank: z.int().nullable().describe('null for entries that are not competing'),
  bib: z.string(),
  name: z.string(),
  organization: z.string(),
  station: z.string().nullable().describe('null on every public surface until the event is final'),
  total: z.number(),
  parts: numbers.describe('criterion key → rounded part'),
  deductions: z.number(),
  complete: z.boolean(),
  status: entryStatus,
  award: z.string().nullable(),
  liftedByTie: z.boolean().optional(),
  trimFallback: z.boolean().optional(),
});

export const eventStandings = z.object({
  contest: z.string(),
  event: z.string(),
  seq: z.int().describe('the live feed sequence number this view belongs to'),
  final: z.boolean(),
  frozen: z.boolean(),
  rows: z.array(standingsRow).describe('rank order; non-competing entries last with rank null'),
  last: z.int().optional().describe('in a feed snapshot: the seq of the latest message for this event (0 before its first)'),
  name: z.string().optional(),
  precision: z.int().optional(),
  criteria: z.array(z.object({ key: z.string(), name: z.string() })).optional(),
  awards: z.array(z.string()).optional(),
  appealsClose: iso.optional().describe('once the results are published: when the appeal window closes'),
  official: z.boolean().optional(),
});

export const contestSummary = z.object({
  code: z.string(),
  title: z.string(),
  venue: z.string(),
  locale: z.string(),
  events: z.array(z.object({ key: z.string(), name: z.string(), final: z.boolean(), frozen: z.boolean().optional(), last: z.int().optional() })),
});

export const teamStandings = z.object({
  contest: z.string().optional(),
  size: z.int().optional(),
  events: z.array(z.string()).optional(),
  rows: z.array(
    z.object({
      rank: z.int(),
      organization: z.string(),
      total: z.number(),
      members: z.array(z.string()).describe('bibs'),
      events: numbers.optional().describe("event key → that event's team score"),
      full: z.boolean().optional(),
    }),
  ),
});

export const serverInfo = z.object({ publicUrl: z.string().nullable(), addresses: z.array(z.string()), configured: z.boolean() });

/** Its checks are the health module's own; the document promises only the overall status. */
export const health = z.looseObject({ status: z.string() });

export const organizerLogin = z.object({ token: z.string(), expiresAt: iso.optional() });
export const judgeLogin = z.object({
  token: z.string(),
  judge: z.object({ key: z.string(), name: z.string() }),
  events: z.array(z.object({ key: z.string(), name: z.string(), role: eventRole })),
  contest: z.object({ code: z.string(), title: z.string() }).optional(),
  expiresAt: iso.optional(),
});

export const createdContest = contestSummary.extend({ judges: z.array(z.object({ key: z.string(), name: z.string(), pin: z.string() })) });
export const editedContest = contestSummary.extend({
  judges: z.array(z.object({ key: z.string(), name: z.string(), pin: z.string().nullable() })),
  changes: z.array(z.object({ event: z.string().nullable(), what: z.string(), path: z.string(), kind: z.enum(['added', 'removed', 'changed']), confirmed: z.boolean() })),
});
export const judgeCard = z.object({
  key: z.string(),
  name: z.string(),
  pin: z.string().nullable(),
  events: z.array(z.object({ key: z.string(), name: z.string(), role: eventRole })),
});
export const eventFinal = z.object({ event: z.string(), final: z.boolean() });

export const judgeEventScheme = z.object({
  key: z.string(),
  name: z.string(),
  role: eventRole,
  final: z.boolean(),
  criteria: z.array(z.object({ key: z.string(), name: z.string(), kind: z.enum(['judged', 'measured']), max: z.number(), step: z.number() })),
});
export const sheetListItem = z.object({
  station: z.string(),
  status: z.enum(['open', 'submitted']),
  scores: numbers.nullable(),
  version: z.int().optional(),
  submittedAt: iso.nullable().optional(),
  reopenReason: z.string().nullable().optional(),
  comments: remarks.optional(),
});
export const storedSheet = z.object({
  station: z.string(),
  judge: z.string(),
  status: z.enum(['open', 'submitted']),
  scores: numbers,
  version: z.int(),
  submittedAt: iso.optional(),
  comments: remarks.optional(),
});

export const reopenedSheet = z.object({ station: z.string(), judge: z.string(), status: z.literal('open'), version: z.int() });
export const deductionView = z.object({
  id: z.int(),
  station: z.string(),
  points: z.number(),
  reason: z.string(),
  createdAt: iso,
  by: z.string(),
  appeal: z.string().optional().describe('the appeal it was made for'),
});
export const listedDeduction = deductionView.extend({ voided: z.boolean() });
export const voidedDeduction = z.object({ id: z.int(), station: z.string(), voided: z.literal(true) });
export const entryStatusSet = z.object({ station: z.string(), status: entryStatus, reason: z.string().nullable() });
export const finalized = z.object({ event: z.string(), final: z.literal(true) });

export const chiefProgress = z.object({
  event: z.string(),
  name: z.string(),
  final: z.boolean(),
  criteria: z.array(z.object({ key: z.string(), name: z.string(), kind: z.enum(['judged', 'measured']), tolerance: z.number().nullable() })),
  judges: z.array(z.object({ key: z.string(), name: z.string(), criteria: z.array(z.string()) })),
  stations: z.array(
    z.object({
      station: z.string(),
      status: entryStatus,
      complete: z.boolean(),
      total: z.number(),
      deductions: z.number(),
      sheets: z.record(z.string(), z.object({ status: z.enum(['submitted', 'open', 'missing']), version: z.int(), comments: remarks.optional() })),
    }),
  ),
  alerts: z.array(
    z.object({
      station: z.string(),
      criterion: z.string(),
      min: z.number(),
      max: z.number(),
      spread: z.number(),
      tolerance: z.number(),
      values: z.array(z.object({ judge: z.string(), value: z.number() })),
    }),
  ),
  deviations: z.array(z.object({ judge: z.string(), count: z.int(), mean: z.number() })),
  submitted: z.int(),
  expected: z.int(),
});

export const boardState = z.object({
  event: z.string(),
  mode: z.enum(['provisional', 'complete']),
  frozen: z.boolean(),
  final: z.boolean(),
  revealed: z.int(),
  revealTotal: z.int(),
  step: z.object({ award: z.string().nullable(), bibs: z.array(z.string()) }).optional(),
});

export const importReport = z.object({
  dryRun: z.boolean(),
  rows: z.int(),
  problems: z.array(z.object({ row: z.int(), field: z.string(), message: z.string() })),
  newContestants: z.int(),
  newEntries: z.record(z.string(), z.int()),
  preview: z.array(z.object({ row: z.int(), bib: z.string(), name: z.string(), organization: z.string(), event: z.string(), station: z.string() })),
  finalEvents: z.array(z.string()),
  markedEvents: z.array(z.string()),
});
export const drawResult = z.object({ event: z.string(), seed: z.string(), stations: z.array(z.object({ bib: z.string(), station: z.string() })) });

export const auditRecord = z.object({
  id: z.int(),
  at: iso,
  actor: z.string(),
  action: z.string(),
  event: z.string().nullable(),
  station: z.string().nullable(),
  judge: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});
export const auditVerification = z.union([
  z.object({ ok: z.literal(true), records: z.int(), head: z.string().describe('sha256 hex of the last record') }),
  z.object({ ok: z.literal(false), records: z.int(), brokenAt: z.int().describe('1-based position of the first bad record'), message: z.string() }),
]);

const recheckValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const recheckResult = z.object({
  event: z.string(),
  checked: z.int(),
  differences: z.array(z.object({ bib: z.string(), field: z.string(), published: recheckValue, recomputed: recheckValue })),
  head: z.string(),
  replayed: z.int(),
  message: z.string().optional(),
});

export const publicationView = z.object({
  event: z.string(),
  publishedAt: iso.nullable(),
  appealsClose: iso.nullable(),
  official: z.boolean(),
  open: z.int(),
  final: z.boolean(),
});
/** `{}` until the results are published. */
export const appealState = z.object({ appealsClose: iso.optional(), official: z.boolean().optional() });
export const filedAppeal = z.object({ id: z.string(), status: z.literal('open'), filedAt: iso });
export const appealView = z.object({
  id: z.string(),
  event: z.string(),
  station: z.string(),
  bib: z.string(),
  name: z.string(),
  organization: z.string(),
  reason: z.string(),
  filedBy: z.string(),
  filedAt: iso,
  status: z.enum(['open', 'decided']),
  outcome: z.enum(['upheld', 'rejected']).nullable(),
  answer: z.string().nullable(),
  decidedAt: iso.nullable(),
  decidedBy: z.string().nullable(),
  acts: z.array(
    z.object({
      action: z.enum(['sheet.reopen', 'deduction.add']),
      at: iso,
      by: z.string(),
      judge: z.string().optional(),
      deduction: z.int().optional(),
      points: z.number().optional(),
    }),
  ),
});
