/** The part of a socket the pacer needs: to forget its state when it goes away. */
export interface PacedSocket {
  once(event: 'disconnect', listener: () => void): unknown;
}

interface Turn<R> {
  /** the request being served, null when none is */
  serving: R | null;
  /** the request waiting for its turn: only the latest one is kept */
  next: R | null;
  startedAt: number;
  timer: NodeJS.Timeout | null;
  gone: boolean;
}

/**
 * One `watch` in flight per socket, and at least `intervalMs` between the starts of two: a socket
 * that re-watches flat out gets one snapshot per interval, however fast it asks. Nothing is
 * refused — a board that re-watches after a gap in `seq` or a reconnect still gets its snapshot,
 * at most one interval later — and nothing piles up: a request that arrives while another waits
 * replaces it, and one that repeats the request being served is answered by that snapshot (it is
 * built in the contest's queue after every update already sent, so it covers any gap seen before it).
 */
export class WatchPacer<S extends PacedSocket, R> {
  private readonly turns = new WeakMap<S, Turn<R>>();

  constructor(
    private readonly intervalMs: number,
    private readonly serve: (socket: S, request: R) => Promise<void>,
    private readonly same: (a: R, b: R) => boolean,
    private readonly clock: () => number = Date.now,
  ) {}

  offer(socket: S, request: R): void {
    let turn = this.turns.get(socket);
    if (!turn) {
      const created: Turn<R> = { serving: null, next: null, startedAt: -Infinity, timer: null, gone: false };
      this.turns.set(socket, created);
      socket.once('disconnect', () => {
        created.gone = true;
        created.next = null;
        if (created.timer) clearTimeout(created.timer);
        created.timer = null;
      });
      turn = created;
    }
    if (turn.gone) return;
    turn.next = turn.serving !== null && this.same(turn.serving, request) ? null : request;
    this.pump(socket, turn);
  }

  private pump(socket: S, turn: Turn<R>): void {
    if (turn.gone || turn.serving !== null || turn.timer || turn.next === null) return;
    const wait = turn.startedAt + this.intervalMs - this.clock();
    if (wait > 0) {
      turn.timer = setTimeout(() => {
        turn.timer = null;
        this.pump(socket, turn);
      }, wait);
      return;
    }
    const request = turn.next;
    turn.next = null;
    turn.serving = request;
    turn.startedAt = this.clock();
    void this.serve(socket, request)
      .catch(() => undefined)
      .finally(() => {
        turn.serving = null;
        this.pump(socket, turn);
      });
  }
}
