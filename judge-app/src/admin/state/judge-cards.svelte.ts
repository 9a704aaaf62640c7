import type { ConsoleApi, JudgeCard } from '../api/console-api';

/** The judges with their PINs and roles, and the address their cards' QR codes open. */
export class JudgeCards {
  judges = $state<JudgeCard[]>([]);
  loading = $state(false);
  error = $state<unknown>(null);
  /** the address tablets reach the server at; by default the one this console is open at */
  origin = $state(typeof location === 'undefined' ? '' : location.origin);

  constructor(
    private readonly api: ConsoleApi,
    readonly code: string,
  ) {}

  /** The judge cards' path, with the QR address when it is a usable one. */
  cardsPath = $derived.by(() => {
    const o = this.origin.trim().replace(/\/+$/, '');
    return /^https?:\/\/\S+$/.test(o) ? `judge-cards.pdf?origin=${encodeURIComponent(o)}` : 'judge-cards.pdf';
  });

  originValid = $derived(this.origin.trim() === '' || /^https?:\/\/\S+$/.test(this.origin.trim()));

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.judges = await this.api.judges(this.code);
    } catch (e) {
      this.error = e;
    } finally {
      this.loading = false;
    }
  }
}
