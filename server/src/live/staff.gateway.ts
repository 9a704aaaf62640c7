import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { OnGatewayDisconnect, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { AuthService } from '../auth/auth.service';
import type { Principal } from '../auth/principal';
import { sha256 } from '../auth/secrets';
import { SessionsService, TOKENS_REVOKED, type TokensRevoked } from '../auth/sessions.service';
import { ChiefService } from '../chief/chief.service';
import { DomainError } from '../common/domain-error';
import { toErrorBody } from '../common/http-error.filter';
import { zodProblems } from '../common/parse-body';
import { staffWatchRequestSchema } from '../contracts/watch-request';
import { STAFF, STAFF_NAMESPACE, type StaffEventChanged, type StaffWatchRequest } from '../contracts/staff';
import { AppConfig } from '../config/config';
import { ContestLookup } from '../contests/contest-lookup';
import { FLEET, type FleetUpdate, type FleetWatchRequest } from '../contracts/fleet';
import { FLEET_CHANGED, type FleetChanged } from '../fleet/fleet-changed';
import { fleetWatchSchema } from '../fleet/fleet-schemas';
import { FleetService } from '../fleet/fleet.service';
import { RESULTS_CHANGED, type ResultsChanged } from '../common/results-changed';

const EVENT_ROOM = 'staff-event:';
const roomOf = (eventId: number) => `${EVENT_ROOM}${eventId}`;
const FLEET_ROOM = 'staff-fleet:';
/** a desk follows the tablets of its event's judges; the organizer's console follows the whole contest */
const fleetJudgeRoom = (contestId: number, judge: string) => `${FLEET_ROOM}${contestId}:judge:${judge}`;
const fleetContestRoom = (contestId: number) => `${FLEET_ROOM}${contestId}:all`;
/** every socket opened with one token, by the token's stored hash, so a revocation finds them in every process */
const tokenRoom = (tokenHash: string) => `staff-token:${tokenHash}`;
/** how often sockets' tokens are checked again: for revocations a closing process never announced, and expiry */
export const STAFF_RECHECK_MS = 30_000;

/** sent before a socket of an ended login is closed: the desk then sends its judge back to sign in */
const ENDED = toErrorBody(DomainError.unauthenticated('this login has ended: log in again'));

interface StaffSocketData {
  tokenHash?: string;
  watching?: boolean;
  /** a judge's tablet that named its device in the handshake: online on the fleet monitor while this socket is open */
  device?: { who: Principal; deviceId: string };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Chief judges' desks follow their event here. The handshake carries the bearer token
 * (`auth: { token }`); `watch-event` is allowed only to the event's chief judge or the organizer,
 * who may watch several events on one socket.
 * It pushes only a change notice; the desk reads the details over REST with the same token.
 * A socket whose token is revoked (logout, a new organizer password) is closed at once, in every
 * process; a periodic check closes those whose token expired or vanished otherwise.
 */
@WebSocketGateway({ namespace: STAFF_NAMESPACE })
export class StaffGateway implements OnGatewayInit, OnGatewayDisconnect, OnModuleDestroy {
  private readonly log = new Logger('staff');
  private server: Namespace | null = null;
  private readonly pending = new Set<number>();
  private recheckTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly chief: ChiefService,
    private readonly lookup: ContestLookup,
    private readonly config: AppConfig,
    private readonly fleet: FleetService,
  ) {}

  afterInit(server: Namespace): void {
    this.server = server;
    this.recheckTimer = setInterval(() => void this.recheck().catch((e: unknown) => this.logError(e)), STAFF_RECHECK_MS);
    this.recheckTimer.unref();
  }

  onModuleDestroy(): void {
    if (this.recheckTimer) clearInterval(this.recheckTimer);
    this.recheckTimer = null;
  }

  /** Who the socket's token names. It joins its token's room before the check: a revocation committed after the check still finds it. */
  private async caller(socket: Socket) {
    const data = socket.data as StaffSocketData;
    const raw = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const token = typeof raw === 'string' && raw ? raw : undefined;
    if (token && !data.tokenHash) {
      data.tokenHash = sha256(token);
      void socket.join(tokenRoom(data.tokenHash));
    }
    const who = await this.auth.verify(token);
    this.noteDevice(socket, who);
    return who;
  }

  @SubscribeMessage(STAFF.watch)
  // no parameter decorators: bad input is answered on `staff-error` by the schema below, not by the app's input pipe
  async watch(socket: Socket, body: StaffWatchRequest): Promise<void> {
    const data = socket.data as StaffSocketData;
    try {
      const who = await this.caller(socket);
      if (!body || typeof body !== 'object') throw DomainError.invalid([{ path: 'body', message: 'watch-event needs { "contest": CODE, "event": KEY }' }]);
      const parsed = staffWatchRequestSchema.safeParse(body);
      if (!parsed.success) throw DomainError.invalid(zodProblems(parsed.error));
      const { event } = await this.chief.authorize(who, parsed.data.contest, parsed.data.event);
      // a desk follows one event at a time; the organizer's overview follows every event of the contest on one socket
      if (who.kind !== 'organizer') for (const r of socket.rooms) if (r.startsWith(EVENT_ROOM)) void socket.leave(r);
      void socket.join(roomOf(event.id));
      data.watching = true;
      socket.emit(STAFF.watching, { contest: body.contest, event: body.event, revision: event.revision } satisfies StaffEventChanged);
    } catch (e) {
      if (!(e instanceof DomainError)) this.logError(e);
      socket.emit(STAFF.error, toErrorBody(e));
    }
  }

  /** Follows the tablets of an event (its chief judge, the organizer) or of a whole contest (the organizer): a snapshot now, changed rows after. */
  @SubscribeMessage(FLEET.watch)
  async watchFleet(socket: Socket, body: FleetWatchRequest): Promise<void> {
    const data = socket.data as StaffSocketData;
    try {
      const who = await this.caller(socket);
      if (!body || typeof body !== 'object') throw DomainError.invalid([{ path: 'body', message: 'watch-fleet needs { "contest": CODE, "event"?: KEY }' }]);
      const parsed = fleetWatchSchema.safeParse(body);
      if (!parsed.success) throw DomainError.invalid(zodProblems(parsed.error));
      const view = await this.fleet.view(who, parsed.data.contest, parsed.data.event);
      if (who.kind !== 'organizer') for (const r of socket.rooms) if (r.startsWith(FLEET_ROOM)) void socket.leave(r);
      if (parsed.data.event === undefined) void socket.join(fleetContestRoom(view.contestId));
      else for (const j of view.judges) void socket.join(fleetJudgeRoom(view.contestId, j));
      data.watching = true;
      socket.emit(FLEET.snapshot, { contest: view.contest, rows: view.rows, staleMs: this.fleet.staleMs } satisfies FleetUpdate);
    } catch (e) {
      if (!(e instanceof DomainError)) this.logError(e);
      socket.emit(STAFF.error, toErrorBody(e));
    }
  }

  handleDisconnect(socket: Socket): void {
    const device = (socket.data as StaffSocketData).device;
    if (device) this.fleet.socketChanged(device.who, device.deviceId, -1);
  }

  /** A judge's tablet passes its fleet device id in the handshake (`auth: { token, deviceId }`); counted once per socket. */
  private noteDevice(socket: Socket, who: Principal): void {
    const data = socket.data as StaffSocketData;
    const raw = (socket.handshake.auth as { deviceId?: unknown } | undefined)?.deviceId;
    if (data.device || who.kind !== 'judge' || typeof raw !== 'string' || !UUID.test(raw) || !socket.connected) return;
    data.device = { who, deviceId: raw.toLowerCase() };
    this.fleet.socketChanged(who, data.device.deviceId, 1);
  }

  /** Each changed row goes to the desks following its judge and to the consoles following its contest; a socket in both gets it once. */
  @OnEvent(FLEET_CHANGED)
  onFleetChanged(change: FleetChanged): void {
    if (!this.server) return;
    const byJudge = new Map<string, FleetChanged['rows']>();
    for (const r of change.rows) byJudge.set(r.judge, [...(byJudge.get(r.judge) ?? []), r]);
    for (const [judge, rows] of byJudge) {
      this.server
        .to(fleetJudgeRoom(change.contestId, judge))
        .to(fleetContestRoom(change.contestId))
        .emit(FLEET.changed, { contest: change.contest, rows, staleMs: this.fleet.staleMs } satisfies FleetUpdate);
    }
  }

  /** Closes every socket of the revoked tokens; through socket.io's adapter this reaches every process. */
  @OnEvent(TOKENS_REVOKED)
  onTokensRevoked(revoked: TokensRevoked): void {
    if (!this.server) return;
    for (const hash of revoked.tokenHashes) {
      const room = this.server.in(tokenRoom(hash));
      room.emit(STAFF.error, ENDED);
      room.disconnectSockets(true);
    }
  }

  /** Checks again the token of every watching socket of this process; closes those that no longer open anything. */
  async recheck(): Promise<void> {
    if (!this.server) return;
    const watching = [...this.server.sockets.values()].filter((s) => (s.data as StaffSocketData).watching && (s.data as StaffSocketData).tokenHash);
    if (!watching.length) return;
    const alive = await this.sessions.live(watching.map((s) => (s.data as StaffSocketData).tokenHash!));
    for (const s of watching) {
      if (alive.has((s.data as StaffSocketData).tokenHash!)) continue;
      s.emit(STAFF.error, ENDED);
      s.disconnect(true);
    }
  }

  private logError(e: unknown): void {
    this.log.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  }

  /**
   * One notice per event per FEED_COALESCE_MS at most: a desk refetches the event on each notice,
   * and while marks arrive by the hundred a second one refetch covers them all.
   */
  @OnEvent(RESULTS_CHANGED)
  onResultsChanged(change: ResultsChanged): void {
    if (!this.server || this.pending.has(change.eventId)) return;
    this.pending.add(change.eventId);
    setTimeout(() => {
      this.pending.delete(change.eventId);
      this.notify(change.eventId).catch((e: unknown) => this.logError(e));
    }, this.config.feedCoalesceMs);
  }

  private async notify(eventId: number): Promise<void> {
    const keys = await this.lookup.eventKeys(eventId);
    if (!keys || !this.server) return;
    this.server.to(roomOf(eventId)).emit(STAFF.changed, keys satisfies StaffEventChanged);
  }
}
