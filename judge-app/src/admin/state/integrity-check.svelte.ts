import type { AuditVerification, RecheckResult } from '@skillscore/server/contracts';
import type { ConsoleApi } from '../api/console-api';

/** One event's recheck as the console shows it: the outcome, or why it could not be had. */
export interface EventRecheck {
  event: string;
  result: RecheckResult | null;
  error: unknown;
}

/**
 * The contest's integrity at a glance: whether its audit chain is intact, and for every event
 * whether the results recomputed from the audit trail agree with the live results.
 */
export class IntegrityCheck {
  chain = $state<AuditVerification | null>(null);
  chainError = $state<unknown>(null);
  events = $state<EventRecheck[]>([]);
  loading = $state(false);
  /** counts the runs, so an answer that arrives after a newer run is dropped */
  private generation = 0;

  constructor(
    private readonly api: Pick<ConsoleApi, 'verifyAudit' | 'recheck'>,
    readonly code: string,
  ) {}

  broken = $derived(this.chain !== null && !this.chain.ok);
  /** every event rechecked, and all agree */
  agrees = $derived(this.events.length > 0 && this.events.every((e) => e.result !== null && e.result.differences.length === 0 && !e.result.message));

  async run(eventKeys: readonly string[]): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    try {
      const [chain, ...events] = await Promise.all([
        this.api.verifyAudit(this.code).then(
          (v) => ({ v, error: null as unknown }),
          (error: unknown) => ({ v: null, error }),
        ),
        ...eventKeys.map((event) =>
          this.api.recheck(this.code, event).then(
            (result): EventRecheck => ({ event, result, error: null }),
            (error: unknown): EventRecheck => ({ event, result: null, error }),
          ),
        ),
      ]);
      if (generation !== this.generation) return;
      this.chain = chain.v;
      this.chainError = chain.error;
      this.events = events;
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }
}
