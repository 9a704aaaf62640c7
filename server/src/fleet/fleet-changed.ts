import type { FleetRow } from '../contracts/fleet';

/** In-process event: rows of one contest's fleet changed; the staff gateway pushes them to the desks that follow those judges. */
export const FLEET_CHANGED = 'fleet.changed';

export interface FleetChanged {
  contestId: number;
  contest: string;
  rows: FleetRow[];
}
