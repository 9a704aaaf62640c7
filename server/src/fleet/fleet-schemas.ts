import { z } from 'zod';
import { FLEET_LIMITS } from '../contracts/fleet';
import { WATCH_KEY_MAX } from '../contracts/watch-request';

/** POST /api/devices/report: every field named in the 400 with its limit. */
export const deviceReportSchema = z
  .object({
    deviceId: z.uuid({ error: 'must be a UUID (the tablet keeps one in its storage)' }),
    appVersion: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(FLEET_LIMITS.appVersion, `at most ${FLEET_LIMITS.appVersion} characters`)
      .refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters'),
    outbox: z
      .number()
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .max(FLEET_LIMITS.outbox, `at most ${FLEET_LIMITS.outbox}`),
    lastSentAt: z.iso.datetime({ offset: true, error: 'must be an ISO date-time or null' }).nullable(),
    battery: z
      .strictObject({
        level: z.number().min(0, 'must be 0…1').max(1, 'must be 0…1'),
        charging: z.boolean(),
      })
      .nullable(),
  })
  .strict();

const key = z.string().trim().min(1, 'must not be empty').max(WATCH_KEY_MAX, `at most ${WATCH_KEY_MAX} characters`);

/** `watch-fleet` on the staff socket. */
export const fleetWatchSchema = z.strictObject({ contest: key, event: key.optional() });
