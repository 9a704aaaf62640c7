import type { StationState, StationView } from './station-view';

export interface Progress {
  total: number;
  /** marked by this judge: confirmed by the server or waiting on the tablet */
  marked: number;
  confirmed: number;
  /** stored on the tablet, not yet confirmed */
  pending: number;
  rejected: number;
  /** still to mark, reopened ones included */
  open: number;
}

const COUNTS: Record<StationState, keyof Omit<Progress, 'total' | 'marked'>> = {
  open: 'open',
  reopened: 'open',
  queued: 'pending',
  sending: 'pending',
  confirmed: 'confirmed',
  rejected: 'rejected',
};

export function progressOf(views: readonly Pick<StationView, 'state'>[]): Progress {
  const p: Progress = { total: views.length, marked: 0, confirmed: 0, pending: 0, rejected: 0, open: 0 };
  for (const v of views) p[COUNTS[v.state]] += 1;
  p.marked = p.confirmed + p.pending;
  return p;
}

/** Stations by their number when they are numbers ("2" before "10"), by text otherwise. */
export function compareStations(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}
