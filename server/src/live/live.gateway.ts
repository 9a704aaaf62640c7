import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { toErrorBody } from '../common/http-error.filter';
import { DomainError } from '../common/domain-error';
import { FEED, LIVE_NAMESPACE, type WatchRequest } from '../contracts/feed';
import { FeedService } from './feed.service';

/**
 * The public feed's socket: it only pushes. `watch` subscribes a socket to one contest; every
 * write goes through REST. perMessageDeflate stays off: compression costs far more than it
 * saves when one message fans out to a thousand watchers.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE, cors: { origin: true }, perMessageDeflate: false })
export class LiveGateway implements OnGatewayInit {
  private readonly log = new Logger('live');

  constructor(private readonly feed: FeedService) {}

  afterInit(server: Server): void {
    this.feed.attach(server);
  }

  @SubscribeMessage(FEED.watch)
  async watch(@ConnectedSocket() socket: Socket, @MessageBody() body: WatchRequest): Promise<void> {
    try {
      const code = typeof body === 'object' && body && typeof body.contest === 'string' ? body.contest.trim() : '';
      if (!code) throw DomainError.invalid([{ path: 'contest', message: 'watch needs { "contest": CODE }' }]);
      await this.feed.watch(code, socket);
    } catch (e) {
      if (!(e instanceof DomainError)) this.log.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
      socket.emit(FEED.error, toErrorBody(e));
    }
  }
}
