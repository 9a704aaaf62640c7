import type { JudgeLoginResponse } from '@skillscore/server/contracts';
import { getContext, setContext } from 'svelte';
import { ChiefApi } from './api/chief-api';
import { Http } from './api/http';
import { JudgeApi } from './api/judge-api';
import { createSheetSender } from './api/sheet-sender';
import { i18n } from './i18n/index.svelte';
import { EventBoard } from './marking/event-board.svelte';
import { latestByStation, stationView, type StationView } from './marking/station-view';
import { compareStations } from './marking/progress';
import { Outbox, realScheduler } from './outbox/outbox';
import { APP_VERSION } from './fleet/app-version';
import { deviceId } from './fleet/device-id';
import { FleetApi } from './fleet/fleet-api';
import { browserBattery, FleetReporter } from './fleet/fleet-reporter';
import { outboxSummary } from './fleet/outbox-summary';
import { browserStorage } from './storage';
import { MemoryOutboxStore, OutboxStore, type OutboxStorage } from './outbox/outbox-store';
import type { OutboxRecord, SheetSubmission } from './outbox/types';
import { Router, type Route } from './router.svelte';
import { readCardLink, withoutCardLink } from './session/card-link';
import { Session } from './session/session.svelte';

/** The judge tablet: session, routes, the outbox and the events' boards, wired together. */
export class JudgeApp {
  readonly i18n = i18n;
  readonly session = new Session();
  readonly router = new Router();
  readonly http = new Http();
  readonly api = new JudgeApi(this.http, () => this.session.token);
  readonly chief = new ChiefApi(this.http, () => this.session.token);
  readonly fleet = new FleetApi(this.http, () => this.session.token);
  records = $state<OutboxRecord[]>([]);
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  /** IndexedDB could not be opened: sheets live in memory only while the page is open */
  volatile = $state(false);
  started = $state(false);
  /** a judge card's sign-in, held in memory until the login screen uses it; never stored */
  cardSignIn = $state<{ contest: string; judge: string; pin: string } | null>(null);
  /** ticks every second, for countdowns to the next attempt */
  now = $state(Date.now());
  private outbox: Outbox | null = null;
  /** tells the fleet monitor on the chief judge's desk how this tablet is */
  private reporter: FleetReporter | null = null;
  /** where a judge whose sign-in expired was, to return there after signing in again */
  private returnTo: { contest: string; judge: string; route: Route } | null = null;
  private readonly boards = new Map<string, EventBoard>();
  private readonly cleanups: (() => void)[] = [];

  /** Records of the signed-in judge that are not confirmed yet. */
  pending = $derived.by(() => {
    const s = this.session.data;
    if (!s) return [];
    return this.records.filter((r) => r.contest === s.contest && r.judge === s.judge.key && (r.state === 'queued' || r.state === 'sending'));
  });

  /** Unsent records of other judges or contests: they wait for their own judge to sign in. */
  othersPending = $derived.by(() => {
    const s = this.session.data;
    return this.records.filter(
      (r) => (r.state === 'queued' || r.state === 'sending') && (!s || r.contest !== s.contest || r.judge !== s.judge.key),
    );
  });

  async start(): Promise<void> {
    const card = readCardLink(location.search, location.hash);
    if (card) {
      // Out of the address bar and the history at once: the PIN must not be left for the next
      // person at this tablet, and a reload must not sign anyone out.
      history.replaceState(history.state, '', withoutCardLink(location.pathname, location.hash));
      const before = this.session.token;
      this.session.preferContest(card.contest, card.judge);
      if (before && this.session.token !== before) this.revoke(before);
      if (card.judge && card.pin && !this.session.data) this.cardSignIn = { contest: card.contest, judge: card.judge, pin: card.pin };
    }
    i18n.set(i18n.locale);

    let store: OutboxStorage;
    try {
      store = await OutboxStore.open();
    } catch {
      store = new MemoryOutboxStore();
      this.volatile = true;
    }
    this.outbox = new Outbox({
      store,
      send: createSheetSender(this.http, () => this.session.token),
      onUnauthorized: () => this.expire(),
      onConfirmed: (r) => {
        if (r.receipt) this.boardIfOpen(r.contest, r.event)?.applyReceipt(r.receipt);
      },
    });
    this.reporter = new FleetReporter({
      send: (r) => this.fleet.report(r),
      deviceId: deviceId(browserStorage()),
      appVersion: APP_VERSION,
      scheduler: realScheduler,
      battery: browserBattery(),
    });
    this.outbox.subscribe((records) => {
      this.records = records as OutboxRecord[];
      this.reporter?.outboxChanged(outboxSummary(records));
    });
    const s = this.session.data;
    this.outbox.setScope(s ? { contest: s.contest, judge: s.judge.key } : null);
    await this.outbox.start();

    const on = <K extends keyof WindowEventMap>(type: K, fn: (e: WindowEventMap[K]) => void) => {
      addEventListener(type, fn);
      this.cleanups.push(() => removeEventListener(type, fn));
    };
    on('online', () => {
      this.online = true;
      this.reporter?.reportNow();
      this.outbox?.retryNow();
      this.refreshOpenBoards();
    });
    on('offline', () => (this.online = false));
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      // Timers sleep with the tablet; waking up is a good moment to try again.
      this.outbox?.retryNow();
      this.refreshOpenBoards();
    };
    document.addEventListener('visibilitychange', onVisible);
    this.cleanups.push(() => document.removeEventListener('visibilitychange', onVisible));
    const tick = setInterval(() => (this.now = Date.now()), 1000);
    this.cleanups.push(() => clearInterval(tick));
    this.reporter.start();
    this.cleanups.push(() => this.reporter?.stop());
    this.started = true;
  }

  destroy(): void {
    for (const c of this.cleanups.splice(0)) c();
    this.outbox?.stop();
    this.router.destroy();
  }

  signIn(contest: string, res: JudgeLoginResponse): void {
    this.session.signIn(contest, res);
    const s = this.session.data!;
    this.boards.clear();
    this.outbox?.setScope({ contest: s.contest, judge: s.judge.key });
    this.reporter?.reportNow();
    const back = this.returnTo;
    this.returnTo = null;
    if (back && back.contest === s.contest && back.judge === s.judge.key) this.router.go(back.route, true);
    else this.router.go(res.events.length === 1 ? firstScreen(res.events[0]) : { name: 'events' }, true);
  }

  signOut(): void {
    const token = this.session.token;
    this.session.signOut('signedOut');
    this.outbox?.setScope(null);
    this.router.go({ name: 'login' }, true);
    if (token) this.revoke(token);
  }

  /**
   * Ends the token on the server too, so the next person at a shared tablet finds no live login.
   * The tablet signs out at once either way: with no network the token simply lives out its hours.
   */
  private revoke(token: string): void {
    this.api.logout(token).catch(() => undefined);
  }

  /** A 401 from anywhere: back to the login with a reason; unsent sheets wait on the tablet. */
  expire(): void {
    const s = this.session.data;
    if (!s) return;
    const route = this.router.route;
    this.returnTo = route.name === 'login' ? null : { contest: s.contest, judge: s.judge.key, route };
    this.session.signOut('expired');
    this.outbox?.setScope(null);
    this.router.go({ name: 'login' }, true);
  }

  board(event: string): EventBoard | null {
    const s = this.session.data;
    if (!s) return null;
    const key = `${s.contest}\u0000${s.judge.key}\u0000${event}`;
    let b = this.boards.get(key);
    if (!b) {
      b = new EventBoard({ contest: s.contest, judge: s.judge.key, event }, this.api, () => this.expire());
      this.boards.set(key, b);
    }
    return b;
  }

  /** Stations of one event, the server's list merged with what is on the tablet. */
  views(board: EventBoard): StationView[] {
    const latest = latestByStation(this.records, board.ctx.contest, board.ctx.event, board.ctx.judge);
    return board.items.map((item) => stationView(item, latest.get(item.station), board.fetchedAt)).sort((a, b) => compareStations(a.station, b.station));
  }

  async submit(event: string, station: string, scores: Record<string, number>, comments: Record<string, string> = {}): Promise<OutboxRecord> {
    const s = this.session.data;
    if (!s || !this.outbox) throw new Error('not signed in');
    const sheet: SheetSubmission = { contest: s.contest, event, station, judge: s.judge.key, scores, comments };
    return this.outbox.submit(sheet);
  }

  retryNow(): void {
    this.outbox?.retryNow();
  }

  dismiss(requestId: string): Promise<void> {
    return this.outbox?.dismiss(requestId) ?? Promise.resolve();
  }

  get sendingPaused(): boolean {
    return this.outbox?.isPaused ?? false;
  }

  private boardIfOpen(contest: string, event: string): EventBoard | undefined {
    const s = this.session.data;
    if (!s || s.contest !== contest) return undefined;
    return this.boards.get(`${contest}\u0000${s.judge.key}\u0000${event}`);
  }

  private refreshOpenBoards(): void {
    const r = this.router.route;
    if (r.name === 'event' || r.name === 'sheet') void this.board(r.event)?.refresh();
  }
}

/** With one event, its screen at once: the desk for its chief judge (who reaches marking from there). */
function firstScreen(e: JudgeLoginResponse['events'][number]): Route {
  return e.role === 'chief' ? { name: 'desk', event: e.key } : { name: 'event', event: e.key };
}

const KEY = Symbol('judge-app');

export function provideApp(app: JudgeApp): void {
  setContext(KEY, app);
}

export function useApp(): JudgeApp {
  return getContext<JudgeApp>(KEY);
}
