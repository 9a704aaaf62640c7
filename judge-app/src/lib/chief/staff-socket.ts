import type { ErrorBody, StaffEventChanged, StaffWatchRequest } from '@skillscore/server/contracts';

/**
 * The part of a socket.io client socket the desk uses, narrow so tests can drive the desk with a
 * fake and the browser with socket.io (see open-staff-socket.ts).
 */
export interface StaffSocket {
  readonly connected: boolean;
  on(event: 'connect', fn: () => void): unknown;
  on(event: 'disconnect', fn: (reason: string) => void): unknown;
  on(event: 'connect_error', fn: (err: Error) => void): unknown;
  on(event: 'watching' | 'event-changed', fn: (e: StaffEventChanged) => void): unknown;
  on(event: 'staff-error', fn: (e: ErrorBody) => void): unknown;
  off(event: string, fn: (...args: never[]) => void): unknown;
  emit(event: 'watch-event', payload: StaffWatchRequest): unknown;
  connect(): unknown;
  disconnect(): unknown;
}
