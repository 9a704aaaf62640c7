/** Staff live channel: chief judges' desks. Authenticated; never carries anything to the public feed. */
export const STAFF_NAMESPACE = '/staff';

export const STAFF = {
  /** client → server: follow one event's desk */
  watch: 'watch-event',
  /** server → client: the event's marks, deductions or statuses changed; refetch the progress */
  changed: 'event-changed',
  /** server → client: the watch was refused */
  error: 'staff-error',
  /** server → client: the watch was accepted */
  watching: 'watching',
} as const;

export interface StaffWatchRequest {
  contest: string;
  event: string;
}

export interface StaffEventChanged {
  contest: string;
  event: string;
  /** grows with every change; a desk refetches when it sees a larger one */
  revision: number;
}
