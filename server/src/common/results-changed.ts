/** Domain event: something the public may see of one event has changed (marks, deductions, statuses, flags). */
export const RESULTS_CHANGED = 'results.changed';

export interface ResultsChanged {
  contestId: number;
  eventId: number;
}
