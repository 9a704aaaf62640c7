/**
 * The attacker of the flood benchmark (forked by flood.bench.ts): SOCKETS socket.io clients on
 * /live that re-watch flat out — again the moment a snapshot or an error arrives, and besides on a
 * timer every WATCH_EVERY_MS whatever came back. It counts the snapshots and their bytes, so the
 * benchmark can say what the flood pulled from the server, without decoding them. It runs at nice 10: on the venue's
 * network the attacker's laptop has its own processor, here it shares the benchmark's.
 */
import { setPriority } from 'node:os';
import { NodeWebSocket } from 'engine.io-client';
import { io, type Socket } from 'socket.io-client';

export type FloodCommand = { kind: 'start'; url: string; contest: string; sockets: number; watchEveryMs: number } | { kind: 'stop' };

export type FloodReply =
  | { kind: 'flooding' }
  | { kind: 'report'; seconds: number; watches: number; snapshots: number; snapshotBytes: number; errors: number; errorSample: string | null; drops: number };

const SNAPSHOT_HEAD = Buffer.from('42/live,["snapshot"');

/**
 * The WebSocket transport, except that a snapshot frame is counted and handed on as an empty
 * `snapshot`, never decoded: an attacker has no use for the standings, and decoding 78 KB a time
 * would bound the flood by this process's processor instead of the server's answers.
 */
class DiscardingWebSocket extends NodeWebSocket {
  override createSocket(uri: string, protocols: string | string[] | undefined, opts: Record<string, unknown>) {
    return super.createSocket(uri, protocols, { ...opts, skipUTF8Validation: true });
  }

  protected override onOpen(): void {
    this.ws.onmessage = null;
    this.ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary && data.length > SNAPSHOT_HEAD.length && data.compare(SNAPSHOT_HEAD, 0, SNAPSHOT_HEAD.length, 0, SNAPSHOT_HEAD.length) === 0) {
        snapshots++;
        snapshotBytes += data.length;
        this.onData('42/live,["snapshot",{}]');
        return;
      }
      this.onData(isBinary ? data : data.toString());
    });
    super.onOpen();
  }
}

let sockets: Socket[] = [];
let timers: NodeJS.Timeout[] = [];
let started = 0;
let watches = 0;
let snapshots = 0;
let snapshotBytes = 0;
let errors = 0;
let errorSample: string | null = null;
let drops = 0;

function reply(m: FloodReply): void {
  process.send!(m);
}

function connect(url: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}/live`, { transports: [DiscardingWebSocket], reconnection: false, forceNew: true, timeout: 20_000 });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') drops++;
    });
  });
}

async function start(url: string, contest: string, count: number, watchEveryMs: number): Promise<void> {
  sockets = await Promise.all(Array.from({ length: count }, () => connect(url)));
  const watch = (s: Socket) => {
    watches++;
    s.emit('watch', { contest });
  };
  for (const s of sockets) {
    s.on('snapshot', () => watch(s));
    // both servers, before and after the contract named the event `error`, send `feed-error`
    s.on('feed-error', (e: { message?: string }) => {
      errors++;
      errorSample ??= e?.message ?? null;
      watch(s);
    });
    timers.push(setInterval(() => watch(s), watchEveryMs));
    watch(s);
  }
  started = performance.now();
  reply({ kind: 'flooding' });
}

function stop(): void {
  const seconds = (performance.now() - started) / 1000;
  for (const t of timers) clearInterval(t);
  timers = [];
  for (const s of sockets) s.disconnect();
  sockets = [];
  reply({ kind: 'report', seconds, watches, snapshots, snapshotBytes, errors, errorSample, drops });
}

setPriority(10);
process.on('message', (m: FloodCommand) => {
  if (m.kind === 'start') {
    start(m.url, m.contest, m.sockets, m.watchEveryMs).catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
  } else stop();
});
process.on('disconnect', () => process.exit(0));
