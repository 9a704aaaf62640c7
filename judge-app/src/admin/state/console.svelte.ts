import { getContext, setContext } from 'svelte';
import { Http } from '../../lib/api/http';
import { ConsoleApi } from '../api/console-api';
import { i18n } from '../i18n/index.svelte';
import { ConsoleRouter, type Route } from './router.svelte';
import { OrganizerSession } from './session.svelte';
import { ContestWorkspace } from './workspace.svelte';

/** The organizer's console: login, routes, the API and the contest being worked on. */
export class ConsoleApp {
  readonly i18n = i18n;
  readonly session = new OrganizerSession();
  readonly router = new ConsoleRouter();
  readonly api = new ConsoleApi(new Http({ timeoutMs: 60_000 }), () => this.session.token, () => this.expire());
  private current: ContestWorkspace | null = null;
  /** where the organizer was when the login ran out, to return there */
  private returnTo: Route | null = null;

  start(): void {
    i18n.set(i18n.locale);
  }

  signIn(token: string, expiresAt?: string): void {
    this.session.signIn(token, expiresAt);
    const back = this.returnTo;
    this.returnTo = null;
    this.router.go(back ?? { name: 'contests' }, true);
  }

  signOut(): void {
    const token = this.session.token;
    this.session.signOut('signedOut');
    this.current = null;
    this.router.go({ name: 'login' }, true);
    // the console signs out at once; the server forgets the token as soon as it hears of it
    if (token) this.api.logout(token).catch(() => undefined);
  }

  expire(): void {
    if (!this.session.signedIn) return;
    const r = this.router.route;
    this.returnTo = r.name === 'login' ? null : r;
    this.session.signOut('expired');
    this.router.go({ name: 'login' }, true);
  }

  /** The workspace of one contest, kept while the organizer moves between its tabs. */
  workspace(code: string): ContestWorkspace {
    if (this.current?.code !== code) this.current = new ContestWorkspace(code, this.api);
    return this.current;
  }

  destroy(): void {
    this.router.destroy();
  }
}

const KEY = Symbol('console');

export function provideConsole(app: ConsoleApp): void {
  setContext(KEY, app);
}

export function useConsole(): ConsoleApp {
  return getContext<ConsoleApp>(KEY);
}
