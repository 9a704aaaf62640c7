import type { ContestFile, ContestSummary } from '@skillscore/server/contracts';
import type { ConsoleApi } from '../api/console-api';
import type { ContestEditor } from '../setup/contest-editor.svelte';

/** One contest as the console works on it: its public summary and its whole contest file. */
export class ContestWorkspace {
  summary = $state<ContestSummary | null>(null);
  file = $state<ContestFile | null>(null);
  loading = $state(false);
  error = $state<unknown>(null);
  /** the setup form, kept while the organizer visits other tabs so unsaved edits stay */
  editor: ContestEditor | null = null;

  constructor(
    readonly code: string,
    private readonly api: ConsoleApi,
  ) {}

  /** bib → contestant, for naming entries in draws and reveals */
  people = $derived(new Map((this.file?.contestants ?? []).map((c) => [c.bib, c])));

  events = $derived(this.summary?.events ?? []);

  /** when the last load began (ms since epoch), so a tab opened right after it does not load again */
  private loadedAt = 0;

  async load(): Promise<void> {
    this.loadedAt = Date.now();
    this.loading = true;
    this.error = null;
    try {
      const [summary, file] = await Promise.all([this.api.summary(this.code), this.api.contestFile(this.code)]);
      this.summary = summary;
      this.file = file;
    } catch (e) {
      this.error = e;
    } finally {
      this.loading = false;
    }
  }

  /** Loads again unless a load began within the last `maxAgeMs`: opening a contest loads it once, not once per component. */
  reloadUnlessFresh(maxAgeMs = 3_000): void {
    if (this.loading || Date.now() - this.loadedAt < maxAgeMs) return;
    void this.load();
  }

  eventName(key: string): string {
    return this.events.find((e) => e.key === key)?.name ?? key;
  }

  entriesOf(key: string): { bib: string; station: string }[] {
    return this.file?.events.find((e) => e.key === key)?.entries ?? [];
  }
}
