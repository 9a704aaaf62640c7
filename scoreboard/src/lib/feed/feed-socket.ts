import type { CompactFeedUpdate, FeedError, FeedResumed, FeedSnapshot, WatchRequest } from '@skillscore/server/contracts';

/**
 * The part of a socket.io client socket the live feed uses. Kept narrow so the feed state can be
 * driven by a fake in tests and by socket.io in the browser.
 */
export interface FeedSocket {
  readonly connected: boolean;
  on(event: 'connect', fn: () => void): unknown;
  on(event: 'disconnect', fn: (reason: string) => void): unknown;
  on(event: 'connect_error', fn: (err: Error) => void): unknown;
  on(event: 'snapshot', fn: (s: FeedSnapshot) => void): unknown;
  on(event: 'update', fn: (u: CompactFeedUpdate) => void): unknown;
  on(event: 'feed-error', fn: (e: FeedError) => void): unknown;
  on(event: 'resumed', fn: (r: FeedResumed) => void): unknown;
  off(event: string, fn: (...args: never[]) => void): unknown;
  emit(event: 'watch', payload: WatchRequest): unknown;
  connect(): unknown;
  disconnect(): unknown;
}
