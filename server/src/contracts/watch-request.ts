import { z } from 'zod';

// Apart from feed.ts: the boards import the feed's names and types, and a schema built at load
// time would put the whole validation library into the phone's bundle.

/** The longest key a watch may name; contest codes and event keys are far shorter. */
export const WATCH_KEY_MAX = 64;
/** The most events one watch may filter on. */
export const WATCH_EVENTS_MAX = 50;

const watchKey = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(WATCH_KEY_MAX, `at most ${WATCH_KEY_MAX} characters`)
  .refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters');

/** `watch` (contract §4, §4a): the contest, and optionally the compact form and the events followed. */
export const watchRequestSchema = z.object({
  contest: watchKey,
  compact: z.boolean().optional(),
  events: z.array(watchKey).min(1, 'must list at least one event key').max(WATCH_EVENTS_MAX, `at most ${WATCH_EVENTS_MAX} event keys`).optional(),
  /** the seq a compact watcher back from a short drop holds: it gets only what it missed, then `resumed` */
  since: z.number().int().min(0).max(2 ** 31 - 1).optional(),
});

export type WatchRequest = z.input<typeof watchRequestSchema>;

/** `watch-event` on the staff channel: the same bounds on its keys. */
export const staffWatchRequestSchema = z.object({ contest: watchKey, event: watchKey });

/**
 * `GET /api/contests/:code/snapshot?events=hair,beauty`: the feed's snapshot over HTTP, so a
 * phone's first board arrives compressed; `events` (comma-separated) filters it as a watch does.
 */
export const snapshotQuerySchema = z.object({
  events: z
    .string()
    .max(WATCH_EVENTS_MAX * (WATCH_KEY_MAX + 1), `at most ${WATCH_EVENTS_MAX} event keys`)
    .transform((s) => s.split(',').map((k) => k.trim()))
    .pipe(z.array(watchKey).min(1).max(WATCH_EVENTS_MAX, `at most ${WATCH_EVENTS_MAX} event keys`))
    .optional(),
});
