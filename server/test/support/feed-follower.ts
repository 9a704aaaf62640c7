import { io, type Socket } from 'socket.io-client';
import { applyRowChanges, type CompactFeedUpdate } from '../../src/contracts/compact-feed';
import type { FeedSnapshot, FeedUpdate } from '../../src/contracts/feed';
import type { StandingsRow } from '../../src/contracts/standings';

export interface WatchBody {
  contest: string;
  compact?: boolean;
  events?: string[];
}

/**
 * A watcher that keeps a board the way the contract tells a client to: the snapshot replaces
 * everything, each update is applied with the one merge function, and an update whose `prev` is
 * not the `last` held for its event means a lost message, healed by watching again.
 */
export class FeedFollower {
  readonly socket: Socket;
  readonly rows = new Map<string, StandingsRow[]>();
  readonly flags = new Map<string, { final: boolean; frozen: boolean }>();
  readonly last = new Map<string, number>();
  seq = 0;
  snapshots = 0;
  updates = 0;
  /** updates whose prev did not match: each led to a re-watch */
  readonly gaps: { event: string; held: number; prev: number }[] = [];
  /** when set, the next update it accepts is dropped as if the network lost it */
  dropNext: ((u: FeedUpdate | CompactFeedUpdate) => boolean) | null = null;
  private waiting = true;
  private readonly changed = new Set<() => void>();

  constructor(
    base: string,
    readonly body: WatchBody,
  ) {
    this.socket = io(`${base}/live`, { transports: ['websocket'], reconnection: false, forceNew: true });
    this.socket.on('snapshot', (s: FeedSnapshot) => {
      this.rows.clear();
      this.flags.clear();
      this.last.clear();
      for (const e of s.events) {
        this.rows.set(e.event, e.rows);
        this.flags.set(e.event, { final: e.final, frozen: e.frozen });
        this.last.set(e.event, e.last ?? 0);
      }
      this.seq = s.seq;
      this.snapshots++;
      this.waiting = false;
      this.notify();
    });
    this.socket.on('update', (u: FeedUpdate | CompactFeedUpdate) => {
      if (this.waiting) return;
      if (this.dropNext?.(u)) {
        this.dropNext = null;
        return;
      }
      const held = this.last.get(u.event) ?? 0;
      if (u.prev !== held) {
        this.gaps.push({ event: u.event, held, prev: u.prev ?? -1 });
        this.waiting = true;
        this.socket.emit('watch', this.body);
        return;
      }
      this.rows.set(u.event, applyRowChanges(this.rows.get(u.event) ?? [], u));
      this.flags.set(u.event, { final: u.final, frozen: u.frozen });
      this.last.set(u.event, u.seq);
      this.seq = u.seq;
      this.updates++;
      this.notify();
    });
    this.socket.emit('watch', body);
  }

  private notify(): void {
    for (const l of [...this.changed]) l();
  }

  /** Resolves once `ready()` holds, checked after every message. */
  until(ready: () => boolean, timeoutMs = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      if (ready()) return resolve();
      const check = () => {
        if (!ready()) return;
        clearTimeout(timer);
        this.changed.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.changed.delete(check);
        reject(new Error(`feed follower ${JSON.stringify(this.body)}: not ready within ${timeoutMs} ms (seq ${this.seq})`));
      }, timeoutMs);
      this.changed.add(check);
    });
  }

  close(): void {
    this.socket.disconnect();
  }
}
