import type { ConsoleApi } from '../api/console-api';
import { openPendingTab, saveFile } from '../api/transfer';

/** Exports and judge cards: files that need the organizer's login, fetched and handed to the browser. */
export class Downloads {
  /** the file being fetched, by its path */
  busy = $state<string | null>(null);
  error = $state<unknown>(null);
  /** the last file handed over, by its path */
  done = $state<string | null>(null);

  constructor(
    private readonly api: ConsoleApi,
    readonly code: string,
  ) {}

  async save(path: string, fallbackName: string): Promise<void> {
    await this.run(path, async () => saveFile(await this.api.download(this.code, path, fallbackName)));
  }

  /** A page to read or print in its own tab (the print-friendly results). */
  async open(path: string, fallbackName: string): Promise<void> {
    const tab = openPendingTab();
    const ok = await this.run(path, async () => tab.show(await this.api.download(this.code, path, fallbackName)));
    if (!ok) tab.close();
  }

  private async run(path: string, work: () => Promise<void>): Promise<boolean> {
    this.busy = path;
    this.error = null;
    this.done = null;
    try {
      await work();
      this.done = path;
      return true;
    } catch (e) {
      this.error = e;
      return false;
    } finally {
      this.busy = null;
    }
  }
}
