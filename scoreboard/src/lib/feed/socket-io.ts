import { io } from 'socket.io-client';
import { LIVE_NAMESPACE } from './feed-names';
import type { FeedSocket } from './feed-socket';

/** One socket to the live namespace on the page's own origin; the feed state decides when to connect. */
export function openLiveSocket(): FeedSocket {
  return io(LIVE_NAMESPACE, {
    autoConnect: false,
    transports: ['websocket', 'polling'],
    // Venue proxies sometimes block websockets: fall back to long-polling instead of retrying forever.
    tryAllTransports: true,
    reconnection: true,
    reconnectionAttempts: Infinity,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 5000,
    randomizationFactor: 0.3,
    timeout: 8000,
  }) as unknown as FeedSocket;
}
