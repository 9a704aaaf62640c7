import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { OutboxStorage } from './outbox-store';
import { newRequestId } from './request-id';
import { sheetKey, type OutboxRecord, type SendOutcome, type SheetSubmission } from './types';

export interface Scheduler {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Who is signed in: only their submissions are sent, with their token. */
export interface OutboxScope {
  contest: string;
  judge: string;
}

export interface OutboxOptions {
  store: OutboxStorage;
  send: (record: OutboxRecord) => Promise<SendOutcome>;
  scheduler?: Scheduler;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** A server asking for patience is obeyed, but never for longer than this. */
  maxRetryAfterMs?: number;
  onUnauthorized?: () => void;
  onConfirmed?: (record: OutboxRecord) => void;
}

type Listener = (records: readonly OutboxRecord[]) => void;

export class DuplicateSubmissionError extends Error {
  constructor(readonly pending: OutboxRecord) {
    super(`station ${pending.station} already has a submission waiting to be sent`);
  }
}

/**
 * Every submitted sheet goes through here. It is stored in IndexedDB with its requestId before
 * the first attempt, and sent again with the same requestId until the server answers: the
 * server stores a requestId once, so a retry after a lost answer cannot count a sheet twice.
 * Only network failures, timeouts, 5xx and 429 are retried; any other refusal is kept for the
 * judge to read. A 401 pauses sending until the judge signs in again.
 */
export class Outbox {
  private readonly records = new Map<string, OutboxRecord>();
  private readonly listeners = new Set<Listener>();
  private readonly scheduler: Scheduler;
  private readonly policy: BackoffPolicy;
  private readonly random: () => number;
  private scope: OutboxScope | null = null;
  private paused = false;
  /** After a failure with no answer at all, the link is down: nothing is tried before this. */
  private holdUntil = 0;
  private draining: Promise<void> | null = null;
  private again = false;
  private timer: unknown = null;
  private timerAt = 0;
  private closed = false;
  /** createdAt is unique and increasing, so the queue keeps its order across reloads */
  private lastCreatedAt = 0;

  constructor(private readonly opts: OutboxOptions) {
    this.scheduler = opts.scheduler ?? realScheduler;
    this.policy = opts.backoff ?? DEFAULT_BACKOFF;
    this.random = opts.random ?? Math.random;
  }

  /** Loads what a previous run left behind and tries everything pending at once. */
  async start(): Promise<void> {
    const now = this.scheduler.now();
    for (const r of await this.opts.store.all()) {
      if (r.state === 'sending' || r.state === 'queued') {
        // An attempt cut off by a reload may or may not have landed; the requestId makes a resend safe.
        const changed = r.state === 'sending';
        r.state = 'queued';
        r.nextAttemptAt = now;
        if (changed) await this.opts.store.put(r);
      }
      this.records.set(r.requestId, r);
      this.lastCreatedAt = Math.max(this.lastCreatedAt, r.createdAt);
    }
    this.emit();
    this.kick();
  }

  setScope(scope: OutboxScope | null): void {
    this.scope = scope;
    this.paused = false;
    this.emit();
    this.kick();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    fn(this.list());
    return () => this.listeners.delete(fn);
  }

  list(): OutboxRecord[] {
    return [...this.records.values()].sort((a, b) => a.createdAt - b.createdAt).map((r) => ({ ...r }));
  }

  /** Stores the sheet, then starts sending it. Resolves once it is safe on the tablet. */
  async submit(sheet: SheetSubmission, requestId: string = newRequestId()): Promise<OutboxRecord> {
    const key = sheetKey(sheet);
    for (const r of this.records.values()) {
      if (sheetKey(r) === key && (r.state === 'queued' || r.state === 'sending')) throw new DuplicateSubmissionError({ ...r });
    }
    const now = this.scheduler.now();
    this.lastCreatedAt = Math.max(now, this.lastCreatedAt + 1);
    const record: OutboxRecord = {
      contest: sheet.contest,
      event: sheet.event,
      station: sheet.station,
      judge: sheet.judge,
      scores: Object.fromEntries(Object.entries(sheet.scores).map(([k, v]) => [k, Number(v)])),
      ...(sheet.comments && Object.keys(sheet.comments).length ? { comments: Object.fromEntries(Object.entries(sheet.comments).map(([k, v]) => [k, String(v)])) } : {}),
      requestId,
      state: 'queued',
      createdAt: this.lastCreatedAt,
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      rejection: null,
      receipt: null,
      confirmedAt: null,
      dismissed: false,
    };
    await this.opts.store.put(record);
    this.records.set(requestId, record);
    // A new submission replaces an earlier refusal of the same sheet.
    for (const r of this.records.values()) {
      if (r !== record && sheetKey(r) === key && r.state === 'rejected' && !r.dismissed) {
        r.dismissed = true;
        await this.opts.store.put(r);
      }
    }
    const stored = { ...record };
    this.emit();
    this.kick();
    return stored;
  }

  /** The network is back (or the judge asked): forget the waiting times. */
  retryNow(): void {
    const now = this.scheduler.now();
    this.holdUntil = 0;
    for (const r of this.records.values()) if (r.state === 'queued') r.nextAttemptAt = Math.min(r.nextAttemptAt, now);
    this.kick();
  }

  async dismiss(requestId: string): Promise<void> {
    const r = this.records.get(requestId);
    if (!r || r.state !== 'rejected' || r.dismissed) return;
    r.dismissed = true;
    await this.opts.store.put(r);
    this.emit();
  }

  kick(): void {
    void this.drain();
  }

  /** Sends everything that is due, one at a time; resolves when nothing due is left. */
  drain(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      try {
        do {
          this.again = false;
          await this.drainOnce();
        } while (this.again && !this.closed);
      } catch {
        // The tablet's storage failed mid-attempt; the record stays as last stored and the
        // next timer, online event or wake-up tries again.
        this.holdUntil = this.scheduler.now() + backoffDelay(1, this.policy, this.random);
      } finally {
        this.draining = null;
        this.schedule();
      }
    })();
    return this.draining;
  }

  stop(): void {
    this.closed = true;
    if (this.timer !== null) this.scheduler.clearTimer(this.timer);
    this.timer = null;
  }

  private inScope(r: OutboxRecord): boolean {
    return this.scope !== null && r.contest === this.scope.contest && r.judge === this.scope.judge;
  }

  private nextDue(): OutboxRecord | null {
    const now = this.scheduler.now();
    if (this.paused || now < this.holdUntil) return null;
    let best: OutboxRecord | null = null;
    for (const r of this.records.values()) {
      if (r.state !== 'queued' || !this.inScope(r) || r.nextAttemptAt > now) continue;
      if (!best || r.createdAt < best.createdAt) best = r;
    }
    return best;
  }

  private async drainOnce(): Promise<void> {
    for (let r = this.nextDue(); r && !this.closed; r = this.nextDue()) await this.attempt(r);
  }

  private async attempt(r: OutboxRecord): Promise<void> {
    r.state = 'sending';
    r.attempts += 1;
    await this.opts.store.put(r);
    this.emit();
    let outcome: SendOutcome;
    try {
      outcome = await this.opts.send({ ...r });
    } catch {
      outcome = { kind: 'retry', error: { kind: 'network', status: null }, retryAfterMs: null };
    }
    // Stopped meanwhile (the page is going away): the stored record is resent on the next start.
    if (this.closed) return;
    const now = this.scheduler.now();
    switch (outcome.kind) {
      case 'confirmed':
        r.state = 'confirmed';
        r.receipt = outcome.sheet;
        r.confirmedAt = now;
        r.lastError = null;
        break;
      case 'rejected':
        r.state = 'rejected';
        r.rejection = outcome.rejection;
        break;
      case 'unauthorized':
        // Not the sheet's fault: it waits, unchanged, for the judge to sign in again.
        r.state = 'queued';
        r.attempts -= 1;
        r.nextAttemptAt = now;
        this.paused = true;
        break;
      case 'retry': {
        const cap = this.opts.maxRetryAfterMs ?? 5 * 60_000;
        const wait = Math.max(backoffDelay(r.attempts, this.policy, this.random), Math.min(outcome.retryAfterMs ?? 0, cap));
        r.state = 'queued';
        r.lastError = { ...outcome.error, at: now };
        r.nextAttemptAt = now + wait;
        const noAnswer = outcome.error.kind === 'network' || outcome.error.kind === 'timeout' || outcome.error.kind === 'busy';
        if (noAnswer) this.holdUntil = r.nextAttemptAt;
        break;
      }
    }
    await this.opts.store.put(r);
    this.emit();
    if (outcome.kind === 'confirmed') this.opts.onConfirmed?.({ ...r });
    if (outcome.kind === 'unauthorized') this.opts.onUnauthorized?.();
  }

  private schedule(): void {
    if (this.closed || this.paused) return;
    let at = Infinity;
    for (const r of this.records.values()) {
      if (r.state === 'queued' && this.inScope(r)) at = Math.min(at, Math.max(r.nextAttemptAt, this.holdUntil));
    }
    if (this.timer !== null && this.timerAt === at) return;
    if (this.timer !== null) this.scheduler.clearTimer(this.timer);
    this.timer = null;
    if (at === Infinity) return;
    this.timerAt = at;
    this.timer = this.scheduler.setTimer(() => {
      this.timer = null;
      this.kick();
    }, Math.max(0, at - this.scheduler.now()));
  }

  private emit(): void {
    const snapshot = this.list();
    for (const fn of this.listeners) fn(snapshot);
  }
}
