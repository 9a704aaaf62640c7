import type { ErrorBody, FleetUpdate, FleetWatchRequest } from '@skillscore/server/contracts';

/** The part of a staff socket the fleet monitor uses (see chief/open-staff-socket.ts). */
export interface FleetSocket {
  readonly connected: boolean;
  on(event: 'connect', fn: () => void): unknown;
  on(event: 'disconnect', fn: (reason: string) => void): unknown;
  on(event: 'fleet-snapshot' | 'fleet', fn: (e: FleetUpdate) => void): unknown;
  on(event: 'staff-error', fn: (e: ErrorBody) => void): unknown;
  off(event: string, fn: (...args: never[]) => void): unknown;
  emit(event: 'watch-fleet', payload: FleetWatchRequest): unknown;
  connect(): unknown;
  disconnect(): unknown;
}
