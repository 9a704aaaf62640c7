import type { ErrorBody, FleetRow, FleetUpdate } from '@skillscore/server/contracts';
import { FLEET, fleetRowKey, STAFF } from '@skillscore/server/contracts';
import type { Scheduler } from '../outbox/outbox';
import { realScheduler } from '../outbox/outbox';
import type { FleetSocket } from './fleet-socket';

export interface FleetMonitorOptions {
  socket: FleetSocket;
  contest: string;
  /** an event's judges (the chief judge's desk), or the whole contest (the organizer's console) */
  event?: string;
  onUnauthorized?: () => void;
  scheduler?: Scheduler;
}

/** green: online, nothing waiting or still in touch · red: marks waiting, silent past the stale time · grey: not heard from */
export type FleetTone = 'ok' | 'stale' | 'offline' | 'none';

export function toneOf(r: FleetRow): FleetTone {
  if (r.stale) return 'stale';
  if (r.deviceId === null) return 'none';
  return r.online ? 'ok' : 'offline';
}

/**
 * The tablets of an event's judges (or of a whole contest) as the staff channel tells them: a
 * snapshot on every (re)connect, changed rows after. `now` ticks every second for "n 秒前".
 */
export class FleetMonitor {
  rows = $state.raw<FleetRow[]>([]);
  connected = $state(false);
  error = $state<ErrorBody | null>(null);
  staleMs = $state(120_000);
  now = $state(Date.now());

  /** tablets with marks waiting that have gone silent: the desk raises a notice for each */
  staleRows = $derived(this.rows.filter((r) => r.stale));

  private started = false;
  private clock: unknown = null;
  private readonly socket: FleetSocket;
  private readonly scheduler: Scheduler;

  constructor(private readonly opts: FleetMonitorOptions) {
    this.socket = opts.socket;
    this.scheduler = opts.scheduler ?? realScheduler;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.socket.on('connect', this.onConnect);
    this.socket.on('disconnect', this.onDisconnect);
    this.socket.on(FLEET.snapshot, this.onSnapshot);
    this.socket.on(FLEET.changed, this.onChanged);
    this.socket.on(STAFF.error, this.onError);
    if (this.socket.connected) this.onConnect();
    else this.socket.connect();
    this.tick();
  }

  /** Removes every listener and timer and closes the socket. */
  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.socket.off('connect', this.onConnect);
    this.socket.off('disconnect', this.onDisconnect);
    this.socket.off(FLEET.snapshot, this.onSnapshot);
    this.socket.off(FLEET.changed, this.onChanged);
    this.socket.off(STAFF.error, this.onError);
    if (this.clock !== null) this.scheduler.clearTimer(this.clock);
    this.clock = null;
    this.socket.disconnect();
  }

  /** whole seconds since the row's last contact, or null if never */
  secondsAgo(r: FleetRow): number | null {
    if (!r.lastContactAt) return null;
    return Math.max(0, Math.floor((this.now - Date.parse(r.lastContactAt)) / 1000));
  }

  private tick(): void {
    this.clock = this.scheduler.setTimer(() => {
      this.clock = null;
      if (!this.started) return;
      this.now = this.scheduler.now();
      this.tick();
    }, 1000);
  }

  private isOurs(e: FleetUpdate): boolean {
    return e.contest.toLowerCase() === this.opts.contest.toLowerCase();
  }

  private readonly onConnect = (): void => {
    this.connected = true;
    this.socket.emit(FLEET.watch, this.opts.event === undefined ? { contest: this.opts.contest } : { contest: this.opts.contest, event: this.opts.event });
  };

  private readonly onDisconnect = (): void => {
    this.connected = false;
  };

  private readonly onSnapshot = (e: FleetUpdate): void => {
    if (!this.isOurs(e)) return;
    this.error = null;
    this.staleMs = e.staleMs;
    this.rows = sortRows(e.rows);
    this.now = this.scheduler.now();
  };

  private readonly onChanged = (e: FleetUpdate): void => {
    if (!this.isOurs(e)) return;
    this.staleMs = e.staleMs;
    const byKey = new Map(this.rows.map((r) => [fleetRowKey(r), r]));
    for (const r of e.rows) {
      // a judge's first tablet replaces the "no tablet yet" row
      if (r.deviceId !== null) byKey.delete(fleetRowKey({ judge: r.judge, deviceId: null }));
      byKey.set(fleetRowKey(r), r);
    }
    this.rows = sortRows([...byKey.values()]);
    this.now = this.scheduler.now();
  };

  private readonly onError = (e: ErrorBody): void => {
    if (e.statusCode === 401) this.opts.onUnauthorized?.();
    this.error = e;
  };
}

function sortRows(rows: FleetRow[]): FleetRow[] {
  return [...rows].sort((a, b) => a.judge.localeCompare(b.judge, undefined, { numeric: true }) || (b.lastContactAt ?? '').localeCompare(a.lastContactAt ?? ''));
}
