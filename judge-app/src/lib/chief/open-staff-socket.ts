import { STAFF_NAMESPACE } from '@skillscore/server/contracts';
import { io } from 'socket.io-client';
import { deviceId } from '../fleet/device-id';
import { browserStorage } from '../storage';
import type { StaffSocket } from './staff-socket';

/**
 * One socket to the staff namespace on the page's own origin, signed in with the judge's token.
 * The device id keeps a judge's tablet online on the fleet monitor while its desk is open.
 */
export function openStaffSocket(token: string): StaffSocket {
  return io(STAFF_NAMESPACE, {
    autoConnect: false,
    auth: { token, deviceId: deviceId(browserStorage()) },
    transports: ['websocket', 'polling'],
    // Venue proxies sometimes block websockets: fall back to long-polling instead of retrying forever.
    tryAllTransports: true,
    reconnection: true,
    reconnectionAttempts: Infinity,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 5000,
    randomizationFactor: 0.3,
    timeout: 8000,
  }) as unknown as StaffSocket;
}
