/**
 * One process of live-feed watchers (forked by watcher-fleet.ts). Each watcher is a real
 * socket.io client over WebSocket that watches one contest, as a phone or a board does, in the
 * form the fleet asks for (whole rows or compact, §4a). The process keeps, per update `seq`, how
 * many of its watchers got it and when the first and the last of them did. Its first watcher
 * decodes every update whole, merges it into its board with the contract's merge function, checks
 * each event's `prev` chain, and notes the entries (bibs) whose rows it carried and the bytes of
 * its frame; the others read only its seq (skim-transport.ts). The first process may hold one
 * more watcher in the other form, outside the count, only for that form's bytes.
 */
import { io, type Socket } from 'socket.io-client';
import { applyRowChanges, type CompactFeedUpdate } from '../src/contracts/compact-feed';
import type { FeedSnapshot } from '../src/contracts/feed';
import type { StandingsRow } from '../src/contracts/standings';
import { now } from './clock';
import { meteredWebSocket, SkimWebSocket } from './skim-transport';
import type { ComparedUpdate, FeedForm, FleetCommand, FleetReply, UpdateArrivals } from './watcher-fleet';

/** Watchers connecting at once: a venue's phones arrive over minutes, not in one instant. */
const CONNECT_BATCH = 25;
const CONNECT_TIMEOUT_MS = 20_000;

/** An update in either form: the whole-row form is the compact one without shifts and moves. */
type AnyUpdate = Pick<CompactFeedUpdate, 'seq'> & Partial<CompactFeedUpdate>;

/** skim: counts arrivals only; sample: decodes, merges and measures; compare: the other form's bytes, outside the count */
type Role = 'skim' | 'sample' | 'compare';

let sockets: Socket[] = [];
let arrivals = new Map<number, UpdateArrivals>();
let compared: ComparedUpdate[] = [];
let gaps = 0;
let chainBreaks = 0;
let drops = 0;
let errors: string[] = [];
let recording = false;
/** counts the fleet's connects: a watcher let go by an earlier `disconnect` no longer counts in this one's figures */
let generation = 0;
/** the sampling watcher's boards, per event, as a scoreboard keeps them */
const boards = new Map<string, StandingsRow[]>();
/** per event, the seq of the last update the sampling watcher holds (`last` in the snapshot, §4a) */
const lastOfEvent = new Map<string, number>();

function reply(m: FleetReply): void {
  process.send!(m);
}

function arrival(seq: number): UpdateArrivals {
  const at = now();
  let a = arrivals.get(seq);
  if (!a) {
    a = { seq, count: 0, first: at, last: at, bibs: null, rows: 0, bytes: null };
    arrivals.set(seq, a);
  }
  a.count++;
  if (at < a.first) a.first = at;
  if (at > a.last) a.last = at;
  return a;
}

/** What a board does with an update: check the event's chain, then merge (contract §4a). */
function sample(u: AnyUpdate, bytes: number | undefined): void {
  const a = arrival(u.seq);
  a.bytes = bytes ?? null;
  if (recording) a.message = u as Record<string, unknown>;
  if (!u.event || !u.rows) return;
  a.bibs = u.rows.map((r) => r.bib);
  a.rows = u.rows.length;
  const held = lastOfEvent.get(u.event);
  // a replay through the bare relay starts without a snapshot of the event: its first update starts the chain
  if (u.prev !== undefined && held !== undefined && u.prev !== held) chainBreaks++;
  lastOfEvent.set(u.event, u.seq);
  boards.set(u.event, applyRowChanges(boards.get(u.event) ?? [], { rows: u.rows, shifts: u.shifts, moves: u.moves, removed: u.removed }));
}

function watcher(url: string, contest: string, form: FeedForm, role: Role): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const frames = new Map<number, number>();
    const socket = io(`${url}/live`, {
      transports: role === 'skim' ? [SkimWebSocket] : [meteredWebSocket((seq, bytes) => frames.set(seq, bytes))],
      reconnection: false,
      forceNew: true,
      timeout: CONNECT_TIMEOUT_MS,
    });
    let last: number | null = null;
    const mine = generation;
    const timer = setTimeout(() => reject(new Error('no snapshot in time')), CONNECT_TIMEOUT_MS);
    socket.on('connect', () => socket.emit('watch', { contest, ...(form.compact ? { compact: true } : {}), ...(form.events ? { events: form.events } : {}) }));
    socket.on('connect_error', (e) => reject(e));
    socket.on('feed-error', (e: { message: string }) => {
      if (mine === generation) errors.push(e.message);
    });
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect' && mine === generation) drops++;
    });
    socket.on('snapshot', (s: FeedSnapshot) => {
      last = s.seq;
      if (role === 'sample') {
        for (const e of s.events) {
          boards.set(e.event, e.rows);
          lastOfEvent.set(e.event, e.last ?? 0);
        }
      }
      clearTimeout(timer);
      resolve(socket);
    });
    socket.on('update', (u: AnyUpdate) => {
      // a filtered watcher sees jumps where other events changed; the prev chain is what tells a loss then
      if (last !== null && (form.events ? u.seq <= last : u.seq !== last + 1)) gaps++;
      last = u.seq;
      const bytes = frames.get(u.seq);
      frames.delete(u.seq);
      if (role === 'skim') arrival(u.seq);
      else if (role === 'sample') sample(u, bytes);
      else compared.push({ seq: u.seq, bytes: bytes ?? 0, rows: u.rows?.length ?? 0 });
    });
  });
}

async function connect(cmd: Extract<FleetCommand, { kind: 'connect' }>): Promise<void> {
  const started = now();
  recording = cmd.record;
  for (let i = 0; i < cmd.watchers; i += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, cmd.watchers - i) }, (_, k) => watcher(cmd.url, cmd.contest, cmd.form, i + k === 0 ? 'sample' : 'skim'));
    sockets.push(...(await Promise.all(batch)));
  }
  const counted = sockets.length;
  if (cmd.compare) sockets.push(await watcher(cmd.url, cmd.contest, cmd.compare, 'compare'));
  reply({ kind: 'ready', watchers: counted, ms: now() - started });
}

process.on('message', (cmd: FleetCommand) => {
  switch (cmd.kind) {
    case 'connect':
      connect(cmd).catch((e: unknown) => reply({ kind: 'failed', error: String(e) }));
      break;
    case 'collect':
      reply({
        kind: 'report',
        updates: [...arrivals.values()],
        compared,
        gaps,
        chainBreaks,
        drops,
        errors,
        boards: cmd.board ? Object.fromEntries(boards) : {},
      });
      arrivals = new Map();
      compared = [];
      gaps = 0;
      chainBreaks = 0;
      drops = 0;
      errors = [];
      break;
    case 'disconnect':
      generation++;
      for (const s of sockets) s.disconnect();
      sockets = [];
      gaps = 0;
      chainBreaks = 0;
      drops = 0;
      errors = [];
      boards.clear();
      lastOfEvent.clear();
      arrivals = new Map();
      compared = [];
      recording = false;
      reply({ kind: 'disconnected' });
      break;
  }
});
process.on('disconnect', () => process.exit(0));
