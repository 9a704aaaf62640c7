import { z } from 'zod';
import type { EventRole } from './sheets';
import type { ContestSummary } from './standings';

/** Answer of POST /api/contests: the summary and every judge's PIN (generated ones too). */
export interface CreatedContest extends ContestSummary {
  judges: { key: string; name: string; pin: string }[];
}

export type ContestChangeKind = 'added' | 'removed' | 'changed';

/** One change an edit made, as the organizer's console lists it. */
export interface EditedChange {
  event: string | null;
  what: string;
  path: string;
  kind: ContestChangeKind;
  /** it changed results already marked, and was applied because the edit said `confirm` */
  confirmed: boolean;
}

/** Answer of PUT /api/contests/:code. */
export interface EditedContest extends ContestSummary {
  /** every judge with the PIN the server knows (null when it can no longer read it) */
  judges: { key: string; name: string; pin: string | null }[];
  changes: EditedChange[];
}

/** A judge card's content: GET /api/contests/:code/judges. */
export interface JudgeCard {
  key: string;
  name: string;
  pin: string | null;
  events: { key: string; name: string; role: EventRole }[];
}

/** `GET /api/contests/:code/judge-cards.pdf?origin=https://score.example`: the address the cards' QR codes open. */
export const judgeCardsQuerySchema = z
  .object({
    origin: z
      .string()
      .trim()
      .max(200, 'at most 200 characters')
      .regex(/^https?:\/\/[^\s"<>\\]+$/, 'must be an http:// or https:// address')
      .optional(),
  })
  .strict();
