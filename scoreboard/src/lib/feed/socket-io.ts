import { LIVE_NAMESPACE } from './feed-names';
import type { FeedSocket } from './feed-socket';
import { LiteSocket, type FallbackSocket } from './lite-socket';

/**
 * socket.io-client, loaded only when WebSockets do not get through: venue proxies sometimes block
 * them, and socket.io-client then falls back to long-polling.
 */
async function socketIoClient(): Promise<FallbackSocket> {
  const { io } = await import('socket.io-client');
  return io(LIVE_NAMESPACE, {
    autoConnect: false,
    transports: ['polling', 'websocket'],
    reconnection: true,
    reconnectionAttempts: Infinity,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 5000,
    randomizationFactor: 0.3,
    timeout: 8000,
  }) as unknown as FallbackSocket;
}

/** One socket to the live namespace on the page's own origin; the feed state decides when to connect. */
export function openLiveSocket(): FeedSocket {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return new LiteSocket({
    url: `${scheme}://${window.location.host}/socket.io/?EIO=4&transport=websocket`,
    namespace: LIVE_NAMESPACE,
    fallback: socketIoClient,
  });
}
