import type { OutboxRecord } from '../outbox/types';
import type { OutboxSummary } from './fleet-reporter';

/** Every sheet on this tablet not yet confirmed, whoever's it is, and the time the last one was confirmed. */
export function outboxSummary(records: readonly OutboxRecord[]): OutboxSummary {
  let waiting = 0;
  let lastSentAt: number | null = null;
  for (const r of records) {
    if (r.state === 'queued' || r.state === 'sending') waiting++;
    if (r.confirmedAt !== null && (lastSentAt === null || r.confirmedAt > lastSentAt)) lastSentAt = r.confirmedAt;
  }
  return { waiting, lastSentAt };
}
