import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { resolve } from 'node:path';
import type { StandingsRow } from '../src/contracts/standings';

/** What a watcher asks for (contract §4, §4a): whole rows or the compact form, every event or some. */
export interface FeedForm {
  compact: boolean;
  events?: string[];
}

/** What one process saw of one update. */
export interface UpdateArrivals {
  seq: number;
  /** watchers that received it */
  count: number;
  /** wall-clock ms when the first and the last of them did */
  first: number;
  last: number;
  /** bibs of the whole rows it carried (known from a sampling watcher) */
  bibs: string[] | null;
  rows: number;
  /** bytes of its WebSocket message as received (known from a sampling watcher) */
  bytes: number | null;
  /** the update itself, as the recording watcher decoded it: what the bare relay replays */
  message?: Record<string, unknown>;
}

/** One update as the comparison watcher (the other form, same seq) received it. */
export interface ComparedUpdate {
  seq: number;
  bytes: number;
  rows: number;
}

export interface ConnectOptions {
  form: FeedForm;
  /** one more watcher, in the first process and not counted among the N, watching this form: the byte figures of the other form */
  compare?: FeedForm;
  /** the first process's sampling watcher keeps every update it decodes, for a replay */
  record?: boolean;
}

export type FleetCommand =
  | { kind: 'connect'; url: string; contest: string; watchers: number; form: FeedForm; compare: FeedForm | null; record: boolean }
  | { kind: 'collect'; board: boolean }
  | { kind: 'disconnect' };

export interface ProcessReport {
  kind: 'report';
  updates: UpdateArrivals[];
  compared: ComparedUpdate[];
  gaps: number;
  /** updates whose `prev` was not the seq of the last update of their event the sampling watcher held */
  chainBreaks: number;
  drops: number;
  errors: string[];
  /** per event, the sampling watcher's rows merged as a board merges them */
  boards: Record<string, StandingsRow[]>;
}

export type FleetReply = { kind: 'ready'; watchers: number; ms: number } | { kind: 'failed'; error: string } | ProcessReport | { kind: 'disconnected' };

/** Every process's arrivals merged: per seq, watchers reached across all processes and the first and last arrival. */
export interface FleetReport {
  updates: UpdateArrivals[];
  /** the comparison watcher's updates (empty without one) */
  compared: ComparedUpdate[];
  /** updates a watcher received out of order or after a missing seq */
  gaps: number;
  /** breaks in an event's prev chain seen by a sampling watcher (§4a: a lost message) */
  chainBreaks: number;
  /** watchers whose connection dropped */
  drops: number;
  errors: string[];
  /** per event, a sampling watcher's rows, merged as a board keeps them */
  boards: Record<string, StandingsRow[]>;
}

/** Scheduling priority of the watcher processes (nice value; 0 is normal, 19 the lowest). */
const WATCHER_NICE = 10;

/**
 * Watchers spread over several processes, so that receiving a thousand copies of each message
 * is not one event loop's work and the arrival at the last watcher is not an artefact of one
 * busy process. They run at a lower priority than the server under test: on a machine that
 * hosts both, the server gets a processor first, as it would have one of its own at a venue;
 * the watchers' own backlog then shows up as their later arrival, for server and relay alike.
 */
export class WatcherFleet {
  private constructor(private readonly children: ChildProcess[]) {}

  static start(processes: number): WatcherFleet {
    const script = resolve(__dirname, 'feed-watcher.process.ts');
    const children = Array.from({ length: processes }, () =>
      fork(script, [], { cwd: resolve(__dirname, '..'), execArgv: ['-r', '@swc-node/register'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    );
    for (const c of children) setPriority(c.pid!, WATCHER_NICE);
    return new WatcherFleet(children);
  }

  get pids(): number[] {
    return this.children.map((c) => c.pid!);
  }

  /** Connects `total` watchers to the contest, split evenly; resolves once each has its snapshot. */
  async connect(url: string, contest: string, total: number, opts: ConnectOptions): Promise<{ ms: number }> {
    const started = Date.now();
    const per = this.children.map((_, i) => Math.floor(total / this.children.length) + (i < total % this.children.length ? 1 : 0));
    await Promise.all(
      this.children.map((c, i) =>
        this.ask(
          c,
          { kind: 'connect', url, contest, watchers: per[i], form: opts.form, compare: i === 0 ? (opts.compare ?? null) : null, record: i === 0 && !!opts.record },
          'ready',
        ).then((r) => {
          if (r.kind === 'ready' && r.watchers !== per[i]) throw new Error(`watcher process ${i}: ${r.watchers} of ${per[i]} connected`);
        }),
      ),
    );
    return { ms: Date.now() - started };
  }

  /** What the watchers received since the last collect (and forget it). */
  async collect(board = false): Promise<FleetReport> {
    const replies = await Promise.all(this.children.map((c) => this.ask(c, { kind: 'collect', board }, 'report')));
    const bySeq = new Map<number, UpdateArrivals>();
    const out: FleetReport = { updates: [], compared: [], gaps: 0, chainBreaks: 0, drops: 0, errors: [], boards: {} };
    for (const r of replies) {
      if (r.kind !== 'report') continue;
      out.gaps += r.gaps;
      out.chainBreaks += r.chainBreaks;
      out.drops += r.drops;
      out.errors.push(...r.errors);
      out.compared.push(...r.compared);
      if (!Object.keys(out.boards).length) out.boards = r.boards;
      for (const u of r.updates) {
        const m = bySeq.get(u.seq);
        if (!m) bySeq.set(u.seq, { ...u });
        else {
          m.count += u.count;
          m.first = Math.min(m.first, u.first);
          m.last = Math.max(m.last, u.last);
          m.rows = Math.max(m.rows, u.rows);
          m.bibs ??= u.bibs;
          m.bytes ??= u.bytes;
          m.message ??= u.message;
        }
      }
    }
    out.updates = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    out.compared.sort((a, b) => a.seq - b.seq);
    return out;
  }

  async disconnect(): Promise<void> {
    await Promise.all(this.children.map((c) => this.ask(c, { kind: 'disconnect' }, 'disconnected')));
  }

  async close(): Promise<void> {
    await Promise.all(
      this.children.map(
        (c) =>
          new Promise<void>((r) => {
            if (c.exitCode !== null || c.signalCode !== null) return r();
            c.once('exit', () => r());
            c.disconnect();
          }),
      ),
    );
  }

  private ask(child: ChildProcess, cmd: FleetCommand, expect: FleetReply['kind']): Promise<FleetReply> {
    return new Promise((resolveP, reject) => {
      const onMessage = (m: FleetReply) => {
        if (m.kind !== expect && m.kind !== 'failed') return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (m.kind === 'failed') reject(new Error(`watcher process ${child.pid}: ${m.error}`));
        else resolveP(m);
      };
      const onExit = (code: number | null) => {
        child.off('message', onMessage);
        reject(new Error(`watcher process ${child.pid} exited (${code})`));
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(cmd);
    });
  }
}
