import { Logger } from '@nestjs/common';
import { OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { toErrorBody } from '../common/http-error.filter';
import { DomainError } from '../common/domain-error';
import { zodProblems } from '../common/parse-body';
import { FEED, LIVE_NAMESPACE, type WatchRequest } from '../contracts/feed';
import { watchRequestSchema } from '../contracts/watch-request';
import { FeedService } from './feed.service';
import { WatchPacer } from './watch-pacer';

/** The least time between two watches of one socket: a board re-watches on a gap or a reconnect, never faster. */
export const WATCH_INTERVAL_MS = 1000;

type ParsedWatch = ReturnType<typeof watchRequestSchema.parse>;

function sameWatch(a: ParsedWatch, b: ParsedWatch): boolean {
  return a.contest === b.contest && a.compact === b.compact && (a.events ?? []).join('\n') === (b.events ?? []).join('\n');
}

/**
 * The public feed's socket: it only pushes. `watch` subscribes a socket to one contest; every
 * write goes through REST. perMessageDeflate stays off: compression costs far more than it
 * saves when one message fans out to a thousand watchers. The feed needs no login, so each
 * socket's watches are paced (watch-pacer.ts): a flood from one socket costs one snapshot a second.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE, cors: { origin: true }, perMessageDeflate: false })
export class LiveGateway implements OnGatewayInit {
  private readonly log = new Logger('live');
  private readonly pacer = new WatchPacer<Socket, ParsedWatch>(WATCH_INTERVAL_MS, (socket, request) => this.serve(socket, request), sameWatch);

  constructor(private readonly feed: FeedService) {}

  afterInit(server: Server): void {
    this.feed.attach(server);
  }

  @SubscribeMessage(FEED.watch)
  // no parameter decorators: the app's input pipe would answer a bad message with Nest's own
  // `exception` event; the schema here answers it with the contract's `error` instead
  watch(socket: Socket, body: WatchRequest): void {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return this.answerError(socket, DomainError.invalid([{ path: 'contest', message: 'watch needs { "contest": CODE }' }]));
    }
    const parsed = watchRequestSchema.safeParse(body);
    if (!parsed.success) return this.answerError(socket, DomainError.invalid(zodProblems(parsed.error)));
    this.pacer.offer(socket, parsed.data);
  }

  private async serve(socket: Socket, request: ParsedWatch): Promise<void> {
    if (!socket.connected) return;
    try {
      await this.feed.watch(request.contest, socket, { compact: request.compact, events: request.events, since: request.since });
    } catch (e) {
      if (!(e instanceof DomainError)) this.log.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
      this.answerError(socket, e);
    }
  }

  /** The contract's `error` event, and `feed-error` with the same body for boards that listen for that name. */
  private answerError(socket: Socket, e: unknown): void {
    const body = toErrorBody(e);
    socket.emit(FEED.contractError, body);
    socket.emit(FEED.error, body);
  }
}
