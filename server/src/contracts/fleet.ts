/**
 * The tablet fleet monitor: what each judge's tablet reports about itself and what the chief
 * judge's desk and the organizer console show. Staff only: none of it reaches the public feed.
 */

/** POST /api/devices/report, sent by a signed-in judge's tablet. */
export interface DeviceReport {
  /** a random UUID the tablet keeps in its storage: one per browser, whoever signs in on it */
  deviceId: string;
  /** the tablet app's build, at most FLEET_LIMITS.appVersion characters */
  appVersion: string;
  /** sheets waiting in the tablet's outbox, 0…FLEET_LIMITS.outbox */
  outbox: number;
  /** ISO time the tablet's last sheet was confirmed by the server, or null for none yet */
  lastSentAt: string | null;
  /** where the browser reports it (navigator.getBattery); level 0…1 */
  battery: { level: number; charging: boolean } | null;
}

export const FLEET_LIMITS = {
  appVersion: 32,
  outbox: 10_000,
} as const;

/** how often an open tablet reports even when nothing changed */
export const FLEET_REPORT_EVERY_MS = 30_000;
/** a tablet heard from within this long counts as online */
export const FLEET_ONLINE_MS = 45_000;

/**
 * One judge's device on the monitor. A judge whose tablet never reported has one row with
 * `deviceId: null`, so the desk still shows every judge of the panel.
 */
export interface FleetRow {
  judge: string;
  name: string;
  deviceId: string | null;
  online: boolean;
  /** marks are waiting on the tablet and it has not been heard from for the stale time: shown red */
  stale: boolean;
  lastContactAt: string | null;
  appVersion: string | null;
  outbox: number;
  lastSentAt: string | null;
  battery: { level: number; charging: boolean } | null;
}

/** client → server on the staff socket: follow the fleet of one event (its chief judge) or, without `event`, of the whole contest (organizer). */
export interface FleetWatchRequest {
  contest: string;
  event?: string;
}

/** server → client: every row the watcher may see (`fleet-snapshot`), or only the rows that changed (`fleet`). */
export interface FleetUpdate {
  contest: string;
  rows: FleetRow[];
  /** the server's stale time in milliseconds, so the desk can say "n 分钟" */
  staleMs: number;
}

export const FLEET = {
  watch: 'watch-fleet',
  snapshot: 'fleet-snapshot',
  changed: 'fleet',
} as const;

/** The key a row is found by when a `fleet` update merges into a snapshot. */
export function fleetRowKey(r: Pick<FleetRow, 'judge' | 'deviceId'>): string {
  return `${r.judge}\u0000${r.deviceId ?? ''}`;
}
