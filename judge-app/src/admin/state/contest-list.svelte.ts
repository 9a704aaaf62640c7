import type { ContestSummary } from '@skillscore/server/contracts';
import type { ConsoleApi } from '../api/console-api';

/** Every contest on this server. */
export class ContestList {
  contests = $state<ContestSummary[]>([]);
  loading = $state(false);
  error = $state<unknown>(null);
  filter = $state('');

  constructor(private readonly api: ConsoleApi) {}

  shown = $derived.by(() => {
    const q = this.filter.trim().toLowerCase();
    return q ? this.contests.filter((c) => c.code.toLowerCase().includes(q) || c.title.toLowerCase().includes(q)) : this.contests;
  });

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.contests = await this.api.contests();
    } catch (e) {
      this.error = e;
    } finally {
      this.loading = false;
    }
  }
}
