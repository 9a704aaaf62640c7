import type { BoardState } from '@skillscore/server/contracts';
import type { ConsoleApi } from '../api/console-api';

export interface RevealLogItem {
  award: string | null;
  bibs: string[];
  /** revealed so far after this step, of revealTotal */
  revealed: number;
  total: number;
}

/**
 * The public board of one event: provisional or complete-only, frozen or live, the ceremony
 * reveal step by step (lowest award first), and reopening a finalized event.
 */
export class BoardDesk {
  state = $state<BoardState | null>(null);
  busy = $state<string | null>(null);
  error = $state<unknown>(null);
  /** reveal steps taken from this console, newest first */
  log = $state<RevealLogItem[]>([]);

  constructor(
    private readonly api: ConsoleApi,
    readonly code: string,
    readonly event: string,
  ) {}

  remaining = $derived(this.state ? Math.max(0, this.state.revealTotal - this.state.revealed) : 0);
  canReveal = $derived(!!this.state?.frozen && this.remaining > 0);

  load(): Promise<boolean> {
    return this.run('load', () => this.api.board(this.code, this.event));
  }

  setMode(mode: BoardState['mode']): Promise<boolean> {
    return this.run('mode', () => this.api.setBoardMode(this.code, this.event, mode));
  }

  freeze(): Promise<boolean> {
    return this.run('freeze', () => this.api.freeze(this.code, this.event)).then((ok) => {
      if (ok) this.log = [];
      return ok;
    });
  }

  unfreeze(): Promise<boolean> {
    return this.run('unfreeze', () => this.api.unfreeze(this.code, this.event));
  }

  /** One step: the next entry, or the rest of the current award tier. */
  async reveal(by: 'entry' | 'tier'): Promise<boolean> {
    const ok = await this.run(by === 'entry' ? 'revealEntry' : 'revealTier', () => this.api.reveal(this.code, this.event, by));
    const s = this.state;
    if (ok && s?.step) this.log = [{ award: s.step.award, bibs: s.step.bibs, revealed: s.revealed, total: s.revealTotal }, ...this.log];
    return ok;
  }

  async reopen(reason: string): Promise<boolean> {
    this.busy = 'reopen';
    this.error = null;
    try {
      await this.api.reopenEvent(this.code, this.event, reason.trim());
      this.state = await this.api.board(this.code, this.event);
      return true;
    } catch (e) {
      this.error = e;
      return false;
    } finally {
      this.busy = null;
    }
  }

  private async run(what: string, act: () => Promise<BoardState>): Promise<boolean> {
    this.busy = what;
    this.error = null;
    try {
      this.state = await act();
      return true;
    } catch (e) {
      this.error = e;
      return false;
    } finally {
      this.busy = null;
    }
  }
}
