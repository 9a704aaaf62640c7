import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Principal } from '../auth/principal';
import { ChiefService } from '../chief/chief.service';
import { DomainError } from '../common/domain-error';
import { parseBody } from '../common/parse-body';
import { AppConfig } from '../config/config';
import { ContestLookup } from '../contests/contest-lookup';
import { FLEET_ONLINE_MS, type FleetRow } from '../contracts/fleet';
import { FLEET_CHANGED, type FleetChanged } from './fleet-changed';
import { FleetRate } from './fleet-rate';
import { FleetRosterRepository } from './fleet-roster.repository';
import { deviceReportSchema } from './fleet-schemas';

interface Device {
  deviceId: string;
  judgeName: string;
  appVersion: string;
  outbox: number;
  lastSentAt: string | null;
  battery: { level: number; charging: boolean } | null;
  /** ms since epoch of the last report */
  lastContact: number;
  online: boolean;
  stale: boolean;
}

/** A judge may switch tablets; past this many the least recently heard is forgotten, so memory stays bounded. */
const MAX_DEVICES_PER_JUDGE = 4;
/** a device silent this long is dropped from the monitor (a new day, a tablet put away) */
const FORGET_MS = 12 * 3_600_000;

export interface FleetView {
  contestId: number;
  contest: string;
  /** the judges this view covers: their rows, now and in later pushes */
  judges: string[];
  rows: FleetRow[];
}

/**
 * The tablets' self-reports, held in this process's memory by contest → judge → device: the
 * monitor is about the last minutes, nothing of it is a record to keep. A device is online
 * while it reports within FLEET_ONLINE_MS; with marks waiting and no contact for
 * FLEET_STALE_MS it is stale. A sweep notices those changes with the passing of time.
 */
@Injectable()
export class FleetService implements OnModuleInit, OnModuleDestroy {
  private readonly contests = new Map<number, Map<string, Map<string, Device>>>();
  private readonly codes = new Map<number, string>();
  /** open staff sockets per contest|judge|device: a tablet with its desk open is online between reports */
  private readonly sockets = new Map<string, number>();
  private readonly rate = new FleetRate();
  private sweepTimer: NodeJS.Timeout | null = null;
  readonly staleMs: number;

  constructor(
    config: AppConfig,
    private readonly roster: FleetRosterRepository,
    private readonly lookup: ContestLookup,
    private readonly chief: ChiefService,
    private readonly bus: EventEmitter2,
  ) {
    this.staleMs = config.fleetStaleMs;
  }

  onModuleInit(): void {
    // fine enough to turn a row red within a quarter of the stale time, never busier than 4 a second
    const every = Math.min(5000, Math.max(250, Math.floor(this.staleMs / 4)));
    this.sweepTimer = setInterval(() => this.sweep(), every);
    this.sweepTimer.unref();
  }

  onModuleDestroy(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
  }

  /** A judge's tablet tells how it is. Rate-limited; the change goes to the desks that follow this judge. */
  async report(who: Principal, body: unknown): Promise<void> {
    if (who.kind !== 'judge') throw DomainError.forbidden('judge login required');
    const r = parseBody(deviceReportSchema, body);
    // one device whatever the case of its id, as the staff socket's handshake names it too
    r.deviceId = r.deviceId.toLowerCase();
    await this.rate.charge(who.tokenId, who.contestId, r.deviceId);
    const contest = await this.codeOf(who.contestId);
    const judges = this.contests.get(who.contestId) ?? new Map<string, Map<string, Device>>();
    this.contests.set(who.contestId, judges);
    const devices = judges.get(who.judgeKey) ?? new Map<string, Device>();
    judges.set(who.judgeKey, devices);
    const now = this.now();
    // a Map keeps insertion order: re-inserting puts the latest heard last, the first is the one to forget
    devices.delete(r.deviceId);
    const d: Device = { deviceId: r.deviceId, judgeName: who.judgeName, appVersion: r.appVersion, outbox: r.outbox, lastSentAt: r.lastSentAt, battery: r.battery, lastContact: now, online: true, stale: false };
    devices.set(r.deviceId, d);
    while (devices.size > MAX_DEVICES_PER_JUDGE) devices.delete(devices.keys().next().value!);
    this.emit(who.contestId, contest, [rowOf(who.judgeKey, d)]);
  }

  /**
   * A judge's tablet opened (+1) or closed (-1) a staff socket. While one is open the tablet is in
   * touch: it stays online and never turns stale, and its last contact is the moment it closed.
   */
  socketChanged(who: Principal, deviceId: string, delta: 1 | -1): void {
    if (who.kind !== 'judge') return;
    const key = socketKey(who.contestId, who.judgeKey, deviceId);
    const n = Math.max(0, (this.sockets.get(key) ?? 0) + delta);
    if (n) this.sockets.set(key, n);
    else this.sockets.delete(key);
    const d = this.contests.get(who.contestId)?.get(who.judgeKey)?.get(deviceId);
    if (!d) return;
    d.lastContact = this.now();
    this.sweep();
  }

  /**
   * Every row the caller may see: an event's judges for its chief judge (or the organizer),
   * or with no event the whole contest for the organizer.
   */
  async view(who: Principal, code: string, eventKey?: string): Promise<FleetView> {
    let contestId: number;
    let contest: string;
    let keys: Set<string> | null = null;
    if (eventKey !== undefined) {
      const ctx = await this.chief.authorize(who, code, eventKey);
      contestId = ctx.contest.id;
      contest = ctx.contest.code;
      keys = FleetRosterRepository.eventJudgeKeys(ctx.event);
    } else {
      if (who.kind !== 'organizer') throw DomainError.forbidden('only the organizer may follow the whole contest\'s tablets; a chief judge names the event');
      const c = await this.lookup.contest(code);
      contestId = c.id;
      contest = c.code;
    }
    this.codes.set(contestId, contest);
    const judges = (await this.roster.judgesOf(contestId)).filter((j) => !keys || keys.has(j.key));
    const devices = this.contests.get(contestId);
    const rows: FleetRow[] = [];
    for (const j of judges) {
      const mine = [...(devices?.get(j.key)?.values() ?? [])];
      if (!mine.length) rows.push(emptyRow(j.key, j.name));
      for (const d of mine.reverse()) rows.push({ ...rowOf(j.key, d), name: j.name });
    }
    return { contestId, contest, judges: judges.map((j) => j.key), rows };
  }

  /** Turns rows offline and stale as time passes without contact, and forgets long-silent devices. */
  sweep(): void {
    const now = this.now();
    for (const [contestId, judges] of this.contests) {
      const changed: FleetRow[] = [];
      for (const [judge, devices] of judges) {
        for (const d of [...devices.values()]) {
          if (now - d.lastContact > FORGET_MS) {
            devices.delete(d.deviceId);
            continue;
          }
          const open = this.sockets.has(socketKey(contestId, judge, d.deviceId));
          const online = open || now - d.lastContact <= FLEET_ONLINE_MS;
          const stale = !open && d.outbox > 0 && now - d.lastContact >= this.staleMs;
          if (online === d.online && stale === d.stale) continue;
          d.online = online;
          d.stale = stale;
          changed.push(rowOf(judge, d));
        }
        if (!devices.size) judges.delete(judge);
      }
      if (!judges.size) this.contests.delete(contestId);
      const code = this.codes.get(contestId);
      if (changed.length && code) this.emit(contestId, code, changed);
    }
  }

  /** the clock, apart so a test can move it */
  protected now(): number {
    return Date.now();
  }

  private emit(contestId: number, contest: string, rows: FleetRow[]): void {
    this.bus.emit(FLEET_CHANGED, { contestId, contest, rows } satisfies FleetChanged);
  }

  private async codeOf(contestId: number): Promise<string> {
    const known = this.codes.get(contestId);
    if (known) return known;
    const code = await this.roster.contestCode(contestId);
    if (!code) throw DomainError.unauthenticated('this login\'s contest is gone: log in again');
    this.codes.set(contestId, code);
    return code;
  }
}

function socketKey(contestId: number, judge: string, deviceId: string): string {
  return `${contestId}|${judge}|${deviceId}`;
}

function rowOf(judge: string, d: Device): FleetRow {
  return {
    judge,
    name: d.judgeName,
    deviceId: d.deviceId,
    online: d.online,
    stale: d.stale,
    lastContactAt: new Date(d.lastContact).toISOString(),
    appVersion: d.appVersion,
    outbox: d.outbox,
    lastSentAt: d.lastSentAt,
    battery: d.battery,
  };
}

function emptyRow(judge: string, name: string): FleetRow {
  return { judge, name, deviceId: null, online: false, stale: false, lastContactAt: null, appVersion: null, outbox: 0, lastSentAt: null, battery: null };
}
