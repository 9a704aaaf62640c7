import { z } from 'zod';
import { FEED, LIVE_NAMESPACE } from '../contracts/feed';
import { STAFF, STAFF_NAMESPACE } from '../contracts/staff';
import { FLEET } from '../contracts/fleet';
import { fleetWatchSchema } from '../fleet/fleet-schemas';
import { staffWatchRequestSchema, watchRequestSchema } from '../contracts/watch-request';
import { errorBody, eventStandings, standingsRow } from './response-schemas';

/** The live feed's payloads (integration contract §4, §4a) and the staff channel's, as zod schemas. */

const reveal = z.object({ award: z.string().nullable(), bibs: z.array(z.string()), revealed: z.int(), total: z.int() });

export const feedSnapshot = z.object({ seq: z.int(), contest: z.string(), events: z.array(eventStandings) });

export const feedUpdate = z.object({
  seq: z.int().describe('grows by exactly 1 per message for one contest'),
  prev: z.int().optional().describe('the seq of the message before this one for the same event (compact or filtered watchers)'),
  event: z.string(),
  rows: z.array(standingsRow).describe('whole rows; merge by bib, order by rank'),
  final: z.boolean(),
  frozen: z.boolean(),
  contest: z.string().optional(),
  removed: z.array(z.string()).optional().describe('bibs that left the event'),
  reveal: reveal.optional(),
  appealsClose: z.string().optional(),
  official: z.boolean().optional(),
});

export const rankShift = z.tuple([z.int(), z.int(), z.int()]).describe('[from, to, by]');
export const rankMove = z
  .union([z.tuple([z.string(), z.int()]), z.tuple([z.string(), z.int(), z.string().nullable()])])
  .describe('[bib, rank] or [bib, rank, award]');

export const compactFeedUpdate = feedUpdate.extend({
  prev: z.int(),
  rows: z.array(standingsRow).describe('only entries whose own result changed'),
  shifts: z.array(rankShift).optional(),
  moves: z.array(rankMove).optional(),
});

export const feedError = z.object({ statusCode: z.int(), error: z.string(), message: z.string() });
export const feedResumed = z.object({ contest: z.string(), seq: z.int() });
export const staffEventChanged = z.object({ contest: z.string(), event: z.string(), revision: z.int() });

const battery = z.object({ level: z.number(), charging: z.boolean() }).nullable();
export const fleetRow = z.object({
  judge: z.string(),
  name: z.string(),
  deviceId: z.string().nullable().describe('null: this judge has no tablet reporting yet'),
  online: z.boolean(),
  stale: z.boolean().describe('marks waiting on the tablet and no contact for FLEET_STALE_MS'),
  lastContactAt: z.string().nullable(),
  appVersion: z.string().nullable(),
  outbox: z.int(),
  lastSentAt: z.string().nullable(),
  battery,
});
export const fleetUpdate = z.object({ contest: z.string(), rows: z.array(fleetRow), staleMs: z.int() });

export type Direction = 'send' | 'receive';

/** One socket.io event: `send` is client → server, `receive` server → client. */
export interface SocketEventDoc {
  namespace: string;
  event: string;
  direction: Direction;
  summary: string;
  payload: z.ZodType;
  /** name of the payload schema in the documents' components */
  schema: string;
}

/** Adding an event to the live or staff channel: one line here. */
export const SOCKET_EVENTS: SocketEventDoc[] = [
  { namespace: LIVE_NAMESPACE, event: FEED.watch, direction: 'send', schema: 'WatchRequest', payload: watchRequestSchema, summary: 'Follow a contest: answered with one snapshot (or, with `since`, the missed updates and `resumed`). Re-send after a reconnect or a seq gap.' },
  { namespace: LIVE_NAMESPACE, event: FEED.snapshot, direction: 'receive', schema: 'FeedSnapshot', payload: feedSnapshot, summary: 'The whole public state of the watched events at `seq`.' },
  { namespace: LIVE_NAMESPACE, event: FEED.update, direction: 'receive', schema: 'FeedUpdate', payload: z.union([feedUpdate, compactFeedUpdate]), summary: 'Within a second of every public change. Whole-row form by default; compact form (shifts, moves) for `compact: true` watchers.' },
  { namespace: LIVE_NAMESPACE, event: FEED.contractError, direction: 'receive', schema: 'FeedError', payload: feedError, summary: 'A watch that could not be served (400 naming the field, 404 unknown contest); the connection stays open.' },
  { namespace: LIVE_NAMESPACE, event: FEED.error, direction: 'receive', schema: 'FeedError', payload: feedError, summary: 'The same answer as `error`, under the name earlier boards listen for.' },
  { namespace: LIVE_NAMESPACE, event: FEED.resumed, direction: 'receive', schema: 'FeedResumed', payload: feedResumed, summary: 'After the updates a returning compact watcher (`since`) missed: it is up to date at `seq`.' },
  { namespace: STAFF_NAMESPACE, event: STAFF.watch, direction: 'send', schema: 'StaffWatchRequest', payload: staffWatchRequestSchema, summary: "Follow one event's desk (its chief judge or the organizer). The handshake carries `auth: { token }`." },
  { namespace: STAFF_NAMESPACE, event: STAFF.watching, direction: 'receive', schema: 'StaffEventChanged', payload: staffEventChanged, summary: 'The watch was accepted; `revision` is the current one.' },
  { namespace: STAFF_NAMESPACE, event: STAFF.changed, direction: 'receive', schema: 'StaffEventChanged', payload: staffEventChanged, summary: "The event's marks, deductions or statuses changed: refetch the progress over REST." },
  { namespace: STAFF_NAMESPACE, event: FLEET.watch, direction: 'send', schema: 'FleetWatchRequest', payload: fleetWatchSchema, summary: "Follow the tablets of one event's judges (its chief judge or the organizer) or, without `event`, of the whole contest (the organizer)." },
  { namespace: STAFF_NAMESPACE, event: FLEET.snapshot, direction: 'receive', schema: 'FleetUpdate', payload: fleetUpdate, summary: 'Every row the fleet watch covers: one per judge and device, a judge with no tablet yet as one row with `deviceId: null`.' },
  { namespace: STAFF_NAMESPACE, event: FLEET.changed, direction: 'receive', schema: 'FleetUpdate', payload: fleetUpdate, summary: 'Rows that changed (a report, a tablet going offline or stale): merge by judge and deviceId.' },
  { namespace: STAFF_NAMESPACE, event: STAFF.error, direction: 'receive', schema: 'ErrorBody', payload: errorBody, summary: 'The watch was refused (401, 403, 404).' },
];
