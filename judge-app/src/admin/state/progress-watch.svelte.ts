import type { ChiefProgress } from '@skillscore/server/contracts';
import type { ConsoleApi } from '../api/console-api';

export interface EventProgress {
  submitted: number;
  expected: number;
  /** competing stations whose every sheet is in */
  complete: number;
  competing: number;
  alerts: number;
  final: boolean;
}

export function summarize(p: ChiefProgress): EventProgress {
  const competing = p.stations.filter((s) => s.status === 'competing');
  return {
    submitted: p.submitted,
    expected: p.expected,
    complete: competing.filter((s) => s.complete).length,
    competing: competing.length,
    alerts: p.alerts.length,
    final: p.final,
  };
}

/** Marking progress of every event of a contest, refreshed while the overview is open. */
export class ProgressWatch {
  progress = $state<Record<string, EventProgress>>({});
  error = $state<unknown>(null);
  updatedAt = $state<string | null>(null);
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly api: ConsoleApi,
    readonly code: string,
    private readonly events: () => string[],
  ) {}

  async refresh(): Promise<void> {
    try {
      const keys = this.events();
      const all = await Promise.all(keys.map((k) => this.api.progress(this.code, k)));
      this.progress = Object.fromEntries(keys.map((k, i) => [k, summarize(all[i])]));
      this.error = null;
      this.updatedAt = new Date().toISOString();
    } catch (e) {
      this.error = e;
    }
  }

  start(everyMs = 5000): void {
    this.stop();
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
