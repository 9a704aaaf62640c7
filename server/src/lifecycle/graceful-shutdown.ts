import type { INestApplication, LoggerService } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** How long requests already under way may take to finish once a stop is asked for. */
export const DRAIN_MS = 10_000;
/** After this, the process exits whatever is still running: a supervisor's own kill comes soon after. */
const HARD_LIMIT_MS = DRAIN_MS + 10_000;
/** A repeat of the signal this soon is the same stop (a terminal's Ctrl-C reaches `npm start` and the server alike). */
const REPEAT_GRACE_MS = 2000;

/**
 * A clean stop on SIGTERM or SIGINT, in this order:
 *  1. the port stops accepting connections; idle keep-alive connections are closed, and every
 *     answer from now on carries `Connection: close`;
 *  2. requests under way finish (at most DRAIN_MS), and with them their transactions — an
 *     acknowledged mark is a committed mark;
 *  3. Nest's shutdown: the live feed publishes what is queued, socket.io closes every connection
 *     (boards and desks reconnect, to another process or to this one once it is back, and
 *     re-watch), then the database closes.
 * A second signal later than REPEAT_GRACE_MS exits at once.
 */
export class GracefulShutdown {
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;
  private startedAt = 0;
  private onIdle: (() => void) | null = null;

  constructor(
    private readonly app: INestApplication,
    private readonly log: LoggerService,
  ) {
    const server = app.getHttpServer() as Server;
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      // socket.io's long-polls are held open on purpose; socket.io closes them itself
      if (req.url?.startsWith('/socket.io/')) return;
      this.inFlight.add(res);
      if (this.draining) res.shouldKeepAlive = false;
      res.once('close', () => {
        this.inFlight.delete(res);
        if (!this.inFlight.size) this.onIdle?.();
      });
    });
  }

  /** Installs the handlers; the process exits 0 after a clean stop, 1 when it had to cut it short. */
  listen(signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): void {
    for (const signal of signals) {
      process.on(signal, () => {
        if (!this.draining) {
          void this.stop(signal).then(
            (clean) => process.exit(clean ? 0 : 1),
            (e: unknown) => {
              this.log.error(`stop failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
              process.exit(1);
            },
          );
        } else if (Date.now() - this.startedAt > REPEAT_GRACE_MS) {
          this.log.warn(`${signal} again: stopping now, without waiting for requests under way`);
          process.exit(1);
        }
      });
    }
  }

  /** Runs the stop; resolves true when every request under way finished within DRAIN_MS. */
  async stop(signal: string): Promise<boolean> {
    this.draining = true;
    this.startedAt = Date.now();
    const hard = setTimeout(() => {
      this.log.error(`stop took longer than ${HARD_LIMIT_MS} ms: exiting`);
      process.exit(1);
    }, HARD_LIMIT_MS);
    hard.unref();
    const server = this.app.getHttpServer() as Server;
    this.log.log(`${signal}: stopping — no new connections; ${this.inFlight.size} request(s) under way`);
    server.close();
    for (const res of this.inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
    server.closeIdleConnections();

    const clean = await this.drained(DRAIN_MS);
    if (!clean) this.log.warn(`${this.inFlight.size} request(s) still running after ${DRAIN_MS} ms: cut off`);
    // HTTP connections only: upgraded WebSocket connections belong to socket.io, closed next
    server.closeAllConnections();
    const requestsMs = Date.now() - this.startedAt;

    await this.app.close();
    clearTimeout(hard);
    this.log.log(`stopped in ${Date.now() - this.startedAt} ms (requests drained in ${requestsMs} ms)`);
    return clean;
  }

  private drained(limitMs: number): Promise<boolean> {
    if (!this.inFlight.size) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.onIdle = null;
        resolve(false);
      }, limitMs);
      this.onIdle = () => {
        clearTimeout(timer);
        this.onIdle = null;
        resolve(true);
      };
    });
  }
}
