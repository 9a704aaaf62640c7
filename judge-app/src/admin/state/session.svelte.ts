import { browserStorage, readJson, remove, writeJson, type KeyValue } from '../../lib/storage';

interface Stored {
  token: string;
  expiresAt: string;
}

const KEY = 'skillscore.console.session';

/** The organizer's login, kept in the browser until it expires or the organizer signs out. */
export class OrganizerSession {
  token = $state<string | null>(null);
  expiresAt = $state<string | null>(null);
  /** why the login shows: the last login ran out, or the organizer signed out */
  reason = $state<'expired' | 'signedOut' | null>(null);

  constructor(
    private readonly store: KeyValue = browserStorage(),
    now: number = Date.now(),
  ) {
    const saved = readJson<Stored>(store, KEY);
    if (saved?.token && Date.parse(saved.expiresAt) > now) {
      this.token = saved.token;
      this.expiresAt = saved.expiresAt;
    } else if (saved) remove(store, KEY);
  }

  get signedIn(): boolean {
    return this.token !== null;
  }

  signIn(token: string, expiresAt: string = new Date(Date.now() + 12 * 3600_000).toISOString()): void {
    this.token = token;
    this.expiresAt = expiresAt;
    this.reason = null;
    writeJson(this.store, KEY, { token, expiresAt } satisfies Stored);
  }

  signOut(reason: 'expired' | 'signedOut'): void {
    this.token = null;
    this.expiresAt = null;
    this.reason = reason;
    remove(this.store, KEY);
  }
}
