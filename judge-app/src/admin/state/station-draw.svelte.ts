import type { DrawResult } from '@skillscore/server/contracts';
import type { ConsoleApi } from '../api/console-api';

/** The station draw of one event: an optional seed typed in, and the seed the server used shown back. */
export class StationDraw {
  seed = $state('');
  busy = $state(false);
  result = $state<DrawResult | null>(null);
  error = $state<unknown>(null);

  constructor(
    private readonly api: ConsoleApi,
    readonly code: string,
    readonly event: string,
  ) {}

  /** Draws; the same seed gives the same stations, so anyone can repeat the draw. */
  async draw(): Promise<DrawResult | null> {
    this.busy = true;
    this.error = null;
    try {
      this.result = await this.api.draw(this.code, this.event, this.seed.trim() || undefined);
      this.seed = this.result.seed;
      return this.result;
    } catch (e) {
      this.error = e;
      return null;
    } finally {
      this.busy = false;
    }
  }
}
