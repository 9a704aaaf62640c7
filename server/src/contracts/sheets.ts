import { z } from 'zod';

/** Judge login and sheets (integration contract §2). */
export const judgeLoginSchema = z.object({
  contest: z.string().trim().min(1, 'must not be empty').max(32, 'at most 32 characters'),
  /** the judge's key: the PIN is then checked against that judge alone (the judge card's QR code sends it) */
  judge: z.string().trim().min(1, 'must not be empty').max(40, 'at most 40 characters (a judge key)').optional(),
  pin: z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(z.string().min(1, 'must not be empty').max(16, 'at most 16 characters')),
});
export type JudgeLoginBody = z.input<typeof judgeLoginSchema>;

export const organizerLoginSchema = z.object({
  password: z.string().min(1, 'must not be empty').max(200),
});
export type OrganizerLoginBody = z.infer<typeof organizerLoginSchema>;

export type EventRole = 'judge' | 'chief';

export interface JudgeLoginResponse {
  token: string;
  judge: { key: string; name: string };
  events: { key: string; name: string; role: EventRole }[];
  contest?: { code: string; title: string };
  expiresAt?: string;
}

export interface OrganizerLoginResponse {
  token: string;
  expiresAt?: string;
}

export const sheetPutSchema = z.object({
  requestId: z.string().trim().min(8, 'must be at least 8 characters (a UUID)').max(64, 'at most 64 characters'),
  scores: z.record(z.string(), z.unknown()),
  /** checked against the judge's criteria by the sheet service (sheets/sheet-comments.ts) */
  comments: z.unknown().optional(),
});
export type SheetPutBody = { requestId: string; scores: Record<string, number>; comments?: Record<string, string> };

export type SheetStatus = 'open' | 'submitted';

/** One row of a judge's blind list: stations only, never names, bibs or organizations. */
export interface SheetListItem {
  station: string;
  status: SheetStatus;
  scores: Record<string, number> | null;
  version?: number;
  submittedAt?: string | null;
  /** why the chief judge reopened it, when an open sheet was submitted before */
  reopenReason?: string | null;
  /** the judge's remarks of the latest version, criterion key → text */
  comments?: Record<string, string>;
}

export interface StoredSheet {
  station: string;
  judge: string;
  status: SheetStatus;
  scores: Record<string, number>;
  version: number;
  submittedAt?: string;
  /** the remarks stored with this version, criterion key → text ({} for none) */
  comments?: Record<string, string>;
}

/** What a judge's tablet needs to draw the marking controls of one event. */
export interface JudgeEventScheme {
  key: string;
  name: string;
  role: EventRole;
  final: boolean;
  criteria: { key: string; name: string; kind: 'judged' | 'measured'; max: number; step: number }[];
}
