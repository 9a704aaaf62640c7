import { z } from 'zod';

/**
 * The contest file (integration contract §1). Zod checks shape and types only; numeric rules
 * (max > 0, step divides max, shares ≤ 1, …) are scoring rules and live in the domain, so that
 * every problem of a file is reported at once with the same wording everywhere.
 */
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

/**
 * What a key may hold: letters of any script (Chinese included), digits, "-" and "_". Keys travel
 * in URLs, file names, headers and CSV cells, so no spaces, quotes, slashes or control characters.
 */
export const KEY_PATTERN = /^[\p{L}\p{N}_-]+$/u;
export const KEY_RULE = 'may hold only letters, digits, "-" and "_" (no spaces, quotes, slashes or other signs)';
export const KEY_MAX = 40;
export const LABEL_MAX = 20;
const keyText = (max: number) => text(max).regex(KEY_PATTERN, KEY_RULE);

/** Bibs and stations are written as strings; a number (07 typed in Excel becomes 7) is accepted as its text. */
const label = z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(keyText(LABEL_MAX));
/** event, criterion and judge keys */
const key = keyText(KEY_MAX);

export const criterionKindSchema = z.enum(['judged', 'measured']);

export const criterionSchema = z.object({
  key,
  name: text(60),
  kind: criterionKindSchema.default('judged'),
  max: z.number(),
  step: z.number().optional(),
  weight: z.number().optional(),
  tolerance: z.number().optional(),
});

export const aggregateSchema = z.object({
  over: z.enum(['criterion', 'total']).default('criterion'),
  method: z.enum(['mean', 'trimmed', 'median']).default('mean'),
  trim: z.number().int('must be a whole number').optional(),
});

export const tieBreakSchema = z.union([
  z.object({ criterion: key, order: z.enum(['asc', 'desc']).optional() }).strict(),
  z.object({ fewerDeductions: z.literal(true) }).strict(),
]);

export const awardTierSchema = z.object({
  name: text(40),
  share: z.number().optional(),
  count: z.number().int('must be a whole number').optional(),
  minTotal: z.number().optional(),
});

export const panelMemberSchema = z.object({
  judge: key,
  criteria: z.array(key).optional(),
});

export const entryRefSchema = z.object({ bib: label, station: label });

export const eventFileSchema = z.object({
  key,
  name: text(60),
  precision: z.number().int('must be a whole number').optional(),
  criteria: z.array(criterionSchema).min(1, 'an event needs at least one criterion'),
  aggregate: aggregateSchema.optional(),
  tieBreak: z.array(tieBreakSchema).optional(),
  awards: z.array(awardTierSchema).optional(),
  panel: z.array(panelMemberSchema).default([]),
  chiefJudge: key.optional(),
  entries: z.array(entryRefSchema).default([]),
});

export const judgeFileSchema = z.object({
  key,
  name: text(40),
  pin: z.union([z.string(), z.number()]).transform((v) => String(v)).optional(),
});

export const contestantFileSchema = z.object({
  bib: label,
  name: text(40),
  organization: text(60),
});

export const contestCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{2,32}$/, 'must be 2–32 letters, digits, "-" or "_"');

export const contestFileSchema = z.object({
  code: contestCodeSchema,
  title: text(200),
  locale: z.string().trim().max(20).default('zh-CN'),
  venue: z.string().trim().max(200).default(''),
  judges: z.array(judgeFileSchema).default([]),
  contestants: z.array(contestantFileSchema).default([]),
  events: z.array(eventFileSchema).default([]),
  teams: z
    .object({
      size: z.number().int('must be a whole number').optional(),
      events: z.array(key).optional(),
    })
    .optional(),
});

export type CriterionKind = z.infer<typeof criterionKindSchema>;
export type CriterionFile = z.infer<typeof criterionSchema>;
export type AggregateFile = z.infer<typeof aggregateSchema>;
export type TieBreakFile = z.infer<typeof tieBreakSchema>;
export type AwardTierFile = z.infer<typeof awardTierSchema>;
export type PanelMemberFile = z.infer<typeof panelMemberSchema>;
export type EventFile = z.infer<typeof eventFileSchema>;
export type JudgeFile = z.infer<typeof judgeFileSchema>;
export type ContestantFile = z.infer<typeof contestantFileSchema>;
export type ContestFile = z.infer<typeof contestFileSchema>;
/** What a client sends: defaults not yet applied. */
export type ContestFileInput = z.input<typeof contestFileSchema>;
