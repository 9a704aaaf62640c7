import { z } from 'zod';
import { ORGANIZER_PASSWORD_MAX, ORGANIZER_PASSWORD_MIN } from './session-limits';

/** `POST /api/auth/organizer/password`: the current password again, and the new one. */
export const organizerPasswordChangeSchema = z
  .object({
    current: z.string().min(1, 'must not be empty').max(ORGANIZER_PASSWORD_MAX, `must be at most ${ORGANIZER_PASSWORD_MAX} characters`),
    next: z
      .string()
      .min(ORGANIZER_PASSWORD_MIN, `must be at least ${ORGANIZER_PASSWORD_MIN} characters`)
      .max(ORGANIZER_PASSWORD_MAX, `must be at most ${ORGANIZER_PASSWORD_MAX} characters`),
  })
  .refine((b) => b.next !== b.current, { path: ['next'], message: 'must differ from the current password' });
export type OrganizerPasswordChangeBody = z.infer<typeof organizerPasswordChangeSchema>;
