import { Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { AuthService } from '../auth/auth.service';
import { ChiefService } from '../chief/chief.service';
import { DomainError } from '../common/domain-error';
import { toErrorBody } from '../common/http-error.filter';
import { STAFF, STAFF_NAMESPACE, type StaffEventChanged, type StaffWatchRequest } from '../contracts/staff';
import { AppConfig } from '../config/config';
import { ContestLookup } from '../contests/contest-lookup';
import { RESULTS_CHANGED, type ResultsChanged } from './results-changed';

const roomOf = (eventId: number) => `staff-event:${eventId}`;

/**
 * Chief judges' desks follow their event here. The handshake carries the bearer token
 * (`auth: { token }`); `watch-event` is allowed only to the event's chief judge or the organizer.
 * It pushes only a change notice; the desk reads the details over REST with the same token.
 */
@WebSocketGateway({ namespace: STAFF_NAMESPACE })
export class StaffGateway implements OnGatewayInit {
  private readonly log = new Logger('staff');
  private server: Server | null = null;
  private readonly pending = new Set<number>();

  constructor(
    private readonly auth: AuthService,
    private readonly chief: ChiefService,
    private readonly lookup: ContestLookup,
    private readonly config: AppConfig,
  ) {}

  afterInit(server: Server): void {
    this.server = server;
  }

  @SubscribeMessage(STAFF.watch)
  async watch(@ConnectedSocket() socket: Socket, @MessageBody() body: StaffWatchRequest): Promise<void> {
    try {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const who = await this.auth.verify(typeof token === 'string' ? token : undefined);
      if (!body || typeof body.contest !== 'string' || typeof body.event !== 'string') {
        throw DomainError.invalid([{ path: 'body', message: 'watch-event needs { "contest": CODE, "event": KEY }' }]);
      }
      const { event } = await this.chief.authorize(who, body.contest, body.event);
      for (const r of socket.rooms) if (r !== socket.id) void socket.leave(r);
      void socket.join(roomOf(event.id));
      socket.emit(STAFF.watching, { contest: body.contest, event: body.event, revision: event.revision } satisfies StaffEventChanged);
    } catch (e) {
      if (!(e instanceof DomainError)) this.log.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
      socket.emit(STAFF.error, toErrorBody(e));
    }
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
      this.notify(change.eventId).catch((e: unknown) => this.log.error(e instanceof Error ? (e.stack ?? e.message) : String(e)));
    }, this.config.feedCoalesceMs);
  }

  private async notify(eventId: number): Promise<void> {
    const keys = await this.lookup.eventKeys(eventId);
    if (!keys || !this.server) return;
    this.server.to(roomOf(eventId)).emit(STAFF.changed, keys satisfies StaffEventChanged);
  }
}
