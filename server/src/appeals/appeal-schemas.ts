import { z } from 'zod';
import { APPEAL_ANSWER_MAX, APPEAL_FILED_BY_MAX, APPEAL_MINUTES_MAX, APPEAL_REASON_MAX } from '../contracts/appeals';

/** Bodies of the appeals endpoints (contract §5). Server only: the apps use the plain types in contracts/appeals.ts. */
const text = (max: number, empty: string) => z.string().trim().min(1, empty).max(max, `at most ${max} characters`);

export const publishSchema = z
  .object({
    appealMinutes: z
      .number()
      .int(`must be a whole number of minutes, 0 to ${APPEAL_MINUTES_MAX}`)
      .min(0, `must be at least 0 (minutes; 0 closes the window at once)`)
      .max(APPEAL_MINUTES_MAX, `at most ${APPEAL_MINUTES_MAX} minutes (one week)`),
  })
  .strict();

export const fileAppealSchema = z
  .object({
    station: z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(z.string().min(1, 'must not be empty').max(20, 'at most 20 characters')),
    reason: text(APPEAL_REASON_MAX, 'must not be empty: say what is contested'),
    filedBy: text(APPEAL_FILED_BY_MAX, 'must not be empty: who files the appeal (e.g. the team leader)'),
  })
  .strict();

export const decisionSchema = z
  .object({
    outcome: z.enum(['upheld', 'rejected']),
    answer: text(APPEAL_ANSWER_MAX, 'must not be empty: the written answer to the appeal'),
  })
  .strict();
