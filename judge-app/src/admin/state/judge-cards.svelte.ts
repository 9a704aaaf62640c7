import type { ServerInfo } from '@skillscore/server/contracts';
import type { ConsoleApi, JudgeCard } from '../api/console-api';

/** 127.x, ::1, localhost: an address no tablet can reach. */
function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h.startsWith('127.');
}

/** The console's own address, unless it is loopback: then empty until the server names a reachable one. */
function pageOrigin(): string {
  if (typeof location === 'undefined') return '';
  return isLoopback(location.hostname) ? '' : location.origin;
}

/** The judges with their PINs and roles, and the address their cards' QR codes open. */
export class JudgeCards {
  judges = $state<JudgeCard[]>([]);
  loading = $state(false);
  error = $state<unknown>(null);
  /** the address tablets reach the server at: PUBLIC_URL, else the one this console is open at, else the server's LAN address — never loopback */
  origin = $state(pageOrigin());
  private readonly initialOrigin = pageOrigin();

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

  /** Prefills the address with the one the server says tablets reach, unless the organizer already typed one. */
  async loadAddress(doFetch: typeof fetch = (...args) => fetch(...args)): Promise<void> {
    try {
      const res = await doFetch('/api/server', { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (!res.ok) return;
      const info = (await res.json()) as ServerInfo;
      if (!info.publicUrl || this.origin !== this.initialOrigin) return;
      // PUBLIC_URL always; a found LAN address only in place of loopback (this page's own address may come through a proxy)
      if (info.configured || this.origin === '') this.origin = info.publicUrl;
    } catch {
      // the page's own address (or the server's default) stands
    }
  }

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
