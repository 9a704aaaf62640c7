/**
 * One process of live-feed watchers (forked by watcher-fleet.ts). Each watcher is a real
 * socket.io client over WebSocket that watches one contest, as a phone or a board does. The
 * process keeps, per update `seq`, how many of its watchers got it and when the first and the
 * last of them did. Its first watcher decodes every update whole and notes which stations it
 * carried and its size; the others read only its seq (skim-transport.ts).
 */
import { io, type Socket } from 'socket.io-client';
import type { FeedUpdate } from '../src/contracts/feed';
import type { StandingsRow } from '../src/contracts/standings';
import { now } from './clock';
import { SkimWebSocket } from './skim-transport';
import type { FleetCommand, FleetReply, UpdateArrivals } from './watcher-fleet';

/** Watchers connecting at once: a venue's phones arrive over minutes, not in one instant. */
const CONNECT_BATCH = 25;
const CONNECT_TIMEOUT_MS = 20_000;

let sockets: Socket[] = [];
let arrivals = new Map<number, UpdateArrivals>();
let gaps = 0;
let drops = 0;
let errors: string[] = [];
/** the sampling watcher's board: rows merged by bib, as a scoreboard keeps them */
const board = new Map<string, StandingsRow>();

function reply(m: FleetReply): void {
  process.send!(m);
}

function record(u: Pick<FeedUpdate, 'seq'> & Partial<FeedUpdate>, sample: boolean): void {
  const at = now();
  let a = arrivals.get(u.seq);
  if (!a) {
    a = { seq: u.seq, count: 0, first: at, last: at, stations: null, rows: 0, bytes: null };
    arrivals.set(u.seq, a);
  }
  a.count++;
  if (at < a.first) a.first = at;
  if (at > a.last) a.last = at;
  if (sample && u.rows) {
    a.stations = u.rows.map((r) => r.station);
    a.rows = u.rows.length;
    a.bytes = Buffer.byteLength(JSON.stringify(u));
    for (const r of u.rows) board.set(r.bib, r);
  }
}

function watcher(url: string, contest: string, sample: boolean): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}/live`, {
      transports: sample ? ['websocket'] : [SkimWebSocket],
      reconnection: false,
      forceNew: true,
      timeout: CONNECT_TIMEOUT_MS,
    });
    let last: number | null = null;
    const timer = setTimeout(() => reject(new Error('no snapshot in time')), CONNECT_TIMEOUT_MS);
    socket.on('connect', () => socket.emit('watch', { contest }));
    socket.on('connect_error', (e) => reject(e));
    socket.on('feed-error', (e: { message: string }) => errors.push(e.message));
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') drops++;
    });
    socket.on('snapshot', (s: { seq: number; events: { rows: StandingsRow[] }[] }) => {
      last = s.seq;
      if (sample) for (const e of s.events) for (const r of e.rows) board.set(r.bib, r);
      clearTimeout(timer);
      resolve(socket);
    });
    socket.on('update', (u: Pick<FeedUpdate, 'seq'> & Partial<FeedUpdate>) => {
      if (last !== null && u.seq !== last + 1) gaps++;
      last = u.seq;
      record(u, sample);
    });
  });
}

async function connect(url: string, contest: string, count: number): Promise<void> {
  const started = now();
  for (let i = 0; i < count; i += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - i) }, (_, k) => watcher(url, contest, i + k === 0));
    sockets.push(...(await Promise.all(batch)));
  }
  reply({ kind: 'ready', watchers: sockets.length, ms: now() - started });
}

process.on('message', (cmd: FleetCommand) => {
  switch (cmd.kind) {
    case 'connect':
      connect(cmd.url, cmd.contest, cmd.watchers).catch((e: unknown) => reply({ kind: 'failed', error: String(e) }));
      break;
    case 'collect':
      reply({ kind: 'report', updates: [...arrivals.values()], gaps, drops, errors, board: cmd.board ? [...board.values()] : [] });
      arrivals = new Map();
      gaps = 0;
      drops = 0;
      errors = [];
      break;
    case 'disconnect':
      for (const s of sockets) s.disconnect();
      sockets = [];
      board.clear();
      arrivals = new Map();
      reply({ kind: 'disconnected' });
      break;
  }
});
process.on('disconnect', () => process.exit(0));
