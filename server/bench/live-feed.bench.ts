import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import type { FeedUpdate } from '../src/contracts/feed';
import type { StandingsRow } from '../src/contracts/standings';
import { now, sleep } from './clock';
import { JsonHttp } from './json-http';
import { formatLatency, sheetLatencies, spread, type SentSheet, type Spread } from './latency';
import { liveContest, type PlannedSheet } from './live-fixture';
import { describeMachine } from './machine';
import { cpuPercent, sampleProcess, type ProcSample } from './proc-stats';
import { prepareServerBuild, startBenchServer } from './server-process';
import { printTable } from './table';
import { WatcherFleet, type ComparedUpdate, type FeedForm, type FleetReport, type UpdateArrivals } from './watcher-fleet';

/**
 * LIVE_FEED_WATCHERS=1000 runs one size only; LIVE_FEED_SERVER_ARGS="--cpu-prof --cpu-prof-dir=DIR"
 * passes Node options to the server processes only (a profile, a heap limit); LIVE_FEED_SERVER=PATH
 * runs another build's main.js instead of server/dist (before/after comparisons);
 * LIVE_FEED_FORM=whole makes the N watchers watch whole rows, LIVE_FEED_FORM=compact-all the compact
 * form of every event (as the projector board does); the default is the compact form of the one
 * event, as the phone view watches. One more watcher always follows the other form for its bytes.
 */
const WATCHERS: readonly number[] = process.env.LIVE_FEED_WATCHERS?.split(',').map(Number) ?? [100, 500, 1000];
const FORM_CHOICE = process.env.LIVE_FEED_FORM ?? 'compact';
if (!['compact', 'compact-all', 'whole'].includes(FORM_CHOICE)) throw new Error(`LIVE_FEED_FORM=${FORM_CHOICE}: expected compact, compact-all or whole`);
const COMPACT = FORM_CHOICE !== 'whole';
const SERVER_ARGS = process.env.LIVE_FEED_SERVER_ARGS?.split(' ').filter(Boolean) ?? [];
const SERVER_ENTRY = process.env.LIVE_FEED_SERVER || undefined;
const WATCHER_PROCESSES = 4;
const ENTRIES = 300;
/** sheets a second in the steady phase, sent on a fixed schedule whatever the replies */
const STEADY_RATE = 5;
const STEADY_SHEETS = 100;
/** sheets sent at the steady rate before anything is timed: fresh connections and cold code are slow for the first seconds */
const WARMUP_SHEETS = 20;
/** pause after the watchers have their snapshots, before the first sheet */
const SETTLE_MS = 2000;
/** full-board updates the watcher processes receive from a relay before the first measurement */
const FLEET_WARMUP_MESSAGES = 30;
/** the goal's rate: sheets a second in the venue-rate phase, also on a fixed schedule */
const VENUE_RATE = 300;
const VENUE_SHEETS = 900;
/** PUTs in flight at once in the burst phase (the rest of the event's sheets, as fast as accepted) */
const BURST_CONCURRENCY = 16;
const PASSWORD = 'bench-organizer-password';
/**
 * Each of the 7 judge tokens sends about 43 sheets a second in the venue-rate phase and as many as
 * it can in the burst phase: a whole venue's load on seven logins, far past what one tablet does,
 * so the per-token budget (60 at once, 5 a second by default) is raised here, as a deployment
 * that replays sheets through a few logins would raise it. The budget's check still runs on every PUT.
 */
const SHEET_BUDGET = { SHEET_PUT_BURST: '10000', SHEET_PUT_RATE: '10000' };
const EVENT = 'hair';
/** the watchers' form, as the phone view asks for it: compact, the one event on screen */
const FORM: FeedForm = FORM_CHOICE === 'whole' ? { compact: false } : FORM_CHOICE === 'compact-all' ? { compact: true } : { compact: true, events: [EVENT] };
/** the comparison watcher's form: the other one */
const OTHER: FeedForm = COMPACT ? { compact: false } : { compact: true, events: [EVENT] };
const FORM_NAME = COMPACT ? 'compact' : 'whole-row';
const KB = 1024;

const GOALS = {
  p99VsRelay: 2,
  burstP99VsRelay: 2.5,
  sheetsPerSecond: 300,
  rssMb: 200,
  /** a compact update in the steady phase, bytes at the median and the 99th percentile */
  compactP50: 1 * KB,
  compactP99: 6 * KB,
  /** what one phone receives in the steady phase, bytes a second */
  phonePerSecond: 6 * KB,
  /** all phones together, Mbit/s */
  venueMbit: 50,
};

/** Sizes of one form's updates over a phase, as one watcher received them. */
interface Bytes {
  messages: number;
  p50: number;
  p99: number;
  max: number;
  /** bytes a second, averaged over the phase */
  perSecond: number;
}

interface PhaseFigures {
  /** when the first timed sheet was sent: updates before it belong to the warm-up */
  timedFrom: number;
  /** the form the watchers follow and the other one, over the timed part of the phase */
  bytes: { whole: Bytes; compact: Bytes };
  /** every update of the phase, warm-up included, for the relay to replay */
  served: FleetReport;
  sheets: number;
  accepted: number;
  rejected: number;
  /** accepted sheets per second, first PUT sent to last reply */
  rate: number;
  latency: Spread;
  toFirst: Spread;
  unseen: number;
  /** PUT sent → reply read */
  reply: Spread;
  report: FleetReport;
  server: { cpu: number; rssMb: number };
}

interface RelayFigures {
  latency: Spread;
  toFirst: Spread;
  report: FleetReport;
  relay: { cpu: number; rssOverIdleMb: number };
  /** server updates the recording watcher did not decode, replayed as empty updates (none expected) */
  unrecorded: number;
}

type PhaseName = 'steady' | `${number}/s` | 'burst';

interface SizeFigures {
  watchers: number;
  phases: { name: PhaseName; server: PhaseFigures; relay: RelayFigures; watcherCpu: number }[];
  peakRssMb: number;
  /** with every watcher connected and its snapshot sent, before the first sheet */
  connectedRssMb: number;
  /** the sampling watcher's merged board equals GET …/standings after the last phase */
  boardMatches: string;
}

const VENUE: PhaseName = `${VENUE_RATE}/s`;

export async function run(): Promise<void> {
  console.log(`Live feed — ${describeMachine()}`);
  console.log(
    `One event, ${ENTRIES} entries, 7 judges × 5 criteria; watchers are socket.io clients over WebSocket in ${WATCHER_PROCESSES} processes on 127.0.0.1.`,
  );
  console.log(
    `Steady: ${STEADY_SHEETS} sheets at ${STEADY_RATE}/s on a fixed schedule (after ${WARMUP_SHEETS} untimed); ${VENUE}: ${VENUE_SHEETS} sheets at ${VENUE_RATE}/s on a fixed schedule; burst: the other ${ENTRIES * 7 - STEADY_SHEETS - WARMUP_SHEETS - VENUE_SHEETS} sheets, ${BURST_CONCURRENCY} PUTs in flight.`,
  );
  console.log(
    `Watchers follow the ${FORM_NAME} form${FORM.events ? ` of one event (${JSON.stringify({ contest: 'CODE', ...FORM })})` : ''}; one more watcher follows the ${COMPACT ? 'whole-row' : 'compact'} form for its bytes.`,
  );
  console.log('Latency: PUT sent → the update carrying that entry reached the LAST watcher. Relay: POST sent → last watcher, replaying the messages the watchers received (same timing).\n');
  const build = SERVER_ENTRY ?? prepareServerBuild();
  const fleet = WatcherFleet.start(WATCHER_PROCESSES);
  const all: SizeFigures[] = [];
  try {
    await warmUpFleet(fleet, Math.max(...WATCHERS));
    for (const n of WATCHERS) {
      const server = await measureServer(fleet, n);
      const relayed = await measureRelay(
        fleet,
        n,
        server.phases.map((p) => p.figures),
      );
      all.push({ watchers: n, peakRssMb: server.peakRssMb, connectedRssMb: server.connectedRssMb, boardMatches: server.boardMatches, phases: server.phases.map((p, i) => ({ name: p.name, server: p.figures, relay: relayed[i], watcherCpu: p.watcherCpu })) });
      console.log(`  ${n} watchers done (connect ${(server.connectMs / 1000).toFixed(1)} s)`);
    }
  } finally {
    await fleet.close();
  }
  console.log(`\nServer: ${build}${SERVER_ARGS.length ? ` with ${SERVER_ARGS.join(' ')}` : ''}; load average now ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  printLatencies(all);
  console.log();
  printThroughput(all);
  console.log();
  printBytes(all);
  console.log();
  printGoals(all);
}

async function measureServer(fleet: WatcherFleet, watchers: number) {
  const server = await startBenchServer({ ORGANIZER_PASSWORD: PASSWORD, ...SHEET_BUDGET }, { nodeArgs: SERVER_ARGS, entry: SERVER_ENTRY });
  const http = new JsonHttp(server.base);
  try {
    const code = `LIVE${watchers}`;
    const contest = liveContest(code, ENTRIES);
    const { token: org } = await http.expect(200, 'POST', '/api/auth/organizer', { password: PASSWORD });
    await http.expect(201, 'POST', '/api/contests', contest.file, org);
    const tokens = new Map<string, string>();
    for (const [judge, pin] of contest.pins) tokens.set(judge, (await http.expect(200, 'POST', '/api/auth/judge', { contest: code, pin })).token);
    const { ms: connectMs } = await fleet.connect(server.base, code, watchers, { form: FORM, compare: OTHER, record: true });
    await sleep(SETTLE_MS);
    const connectedRssMb = sampleProcess(server.pid).rssMb;

    const sent: SentSheet[] = [];
    const put = async (s: PlannedSheet) => {
      const record: SentSheet = { station: s.station, bib: s.bib, sentAt: now(), nextSentAt: Infinity, status: 0, repliedAt: 0 };
      sent.push(record);
      const r = await http.send('PUT', `/api/contests/${code}/events/${EVENT}/sheets/${s.station}`, { requestId: randomUUID(), scores: s.scores }, tokens.get(s.judge));
      record.status = r.status;
      record.repliedAt = now();
      return record.repliedAt;
    };
    const quiet = () => untilQuiet(http, code);

    let s0 = sampleProcess(server.pid);
    let w0 = fleet.pids.map(sampleProcess);
    // the warm-up runs straight into the timed sheets: a pause between them would make the first timed updates start cold again
    const steadyDone = await paced(contest.sheets.slice(0, WARMUP_SHEETS + STEADY_SHEETS), STEADY_RATE, put, (i) => {
      if (i !== WARMUP_SHEETS) return;
      s0 = sampleProcess(server.pid);
      w0 = fleet.pids.map(sampleProcess);
    });
    // CPU and memory are read when the last reply is in, before the polling for the feed to go quiet
    const s1 = sampleProcess(server.pid);
    const w1 = fleet.pids.map(sampleProcess);
    await quiet();
    const steadyReport = await fleet.collect();
    const steadySent = sent.length;

    const venueFrom = WARMUP_SHEETS + STEADY_SHEETS;
    const s1v = sampleProcess(server.pid);
    const w1v = fleet.pids.map(sampleProcess);
    const venueDone = await paced(contest.sheets.slice(venueFrom, venueFrom + VENUE_SHEETS), VENUE_RATE, put);
    const s2v = sampleProcess(server.pid);
    const w2v = fleet.pids.map(sampleProcess);
    await quiet();
    const venueReport = await fleet.collect();
    const venueSent = sent.length;

    const s1b = sampleProcess(server.pid);
    const w1b = fleet.pids.map(sampleProcess);
    const burstDone = await flatOut(contest.sheets.slice(venueFrom + VENUE_SHEETS), BURST_CONCURRENCY, put);
    const s2 = sampleProcess(server.pid);
    const w2 = fleet.pids.map(sampleProcess);
    await quiet();
    const burstReport = await fleet.collect(true);
    const boardMatches = sameBoard(burstReport.boards[EVENT] ?? [], (await http.expect(200, 'GET', `/api/contests/${code}/events/${EVENT}/standings`)).rows as StandingsRow[]);

    linkNextSheets(sent);
    const phase = (sheets: SentSheet[], lastReply: number, report: FleetReport, a: ProcSample, b: ProcSample): PhaseFigures => {
      const lat = sheetLatencies(sheets, report.updates);
      const accepted = sheets.filter((s) => s.status === 200).length;
      const timed = report.updates.filter((u) => u.first >= sheets[0].sentAt);
      // the phase lasts from its first timed sheet to its last reply or its last update, whichever is later
      const seconds = (Math.max(lastReply, ...timed.map((u) => u.first)) - sheets[0].sentAt) / 1000;
      const own = byteFigures(timed.map((u) => u.bytes ?? 0), seconds);
      const timedSeqs = new Set(timed.map((u) => u.seq));
      const other = byteFigures(report.compared.filter((c: ComparedUpdate) => timedSeqs.has(c.seq)).map((c) => c.bytes), seconds);
      return {
        timedFrom: sheets[0].sentAt,
        bytes: COMPACT ? { compact: own, whole: other } : { whole: own, compact: other },
        served: report,
        sheets: sheets.length,
        accepted,
        rejected: sheets.length - accepted,
        rate: (1000 * accepted) / (lastReply - sheets[0].sentAt),
        latency: spread(lat.toLast),
        toFirst: spread(lat.toFirst),
        unseen: lat.unseen,
        reply: spread(sheets.map((x) => x.repliedAt - x.sentAt)),
        report: { ...report, updates: timed },
        server: { cpu: cpuPercent(a, b), rssMb: b.rssMb },
      };
    };
    const watcherCpu = (a: ProcSample[], b: ProcSample[]) => a.reduce((sum, x, i) => sum + cpuPercent(x, b[i]), 0);
    const figures = {
      connectMs,
      phases: [
        { name: 'steady' as PhaseName, figures: phase(sent.slice(WARMUP_SHEETS, steadySent), steadyDone, steadyReport, s0, s1), watcherCpu: watcherCpu(w0, w1) },
        { name: VENUE, figures: phase(sent.slice(steadySent, venueSent), venueDone, venueReport, s1v, s2v), watcherCpu: watcherCpu(w1v, w2v) },
        { name: 'burst' as PhaseName, figures: phase(sent.slice(venueSent), burstDone, burstReport, s1b, s2), watcherCpu: watcherCpu(w1b, w2) },
      ],
      peakRssMb: sampleProcess(server.pid).peakRssMb,
      connectedRssMb,
      boardMatches,
    };
    await fleet.disconnect();
    return figures;
  } finally {
    http.close();
    await server.stop();
  }
}

/**
 * Replays each phase of a server run through the bare relay: the messages the recording watcher
 * received, in the same form, at the same spacing; the updates of the server's warm-up are
 * replayed too but not timed.
 */
async function measureRelay(fleet: WatcherFleet, watchers: number, phases: PhaseFigures[]): Promise<RelayFigures[]> {
  const relay = await startRelay();
  // one connection: POSTs on several could overtake each other and the relay would emit them out of order
  const http = new JsonHttp(relay.base, 1);
  try {
    // the relay runs through the TypeScript loader, which alone holds tens of MB; what its watchers and traffic add is the comparable part
    const idleRssMb = sampleProcess(relay.pid).rssMb;
    const code = 'RELAY';
    await fleet.connect(relay.base, code, watchers, { form: FORM });
    await sleep(SETTLE_MS);
    const out: RelayFigures[] = [];
    const replay = new Replay();
    for (const { served, timedFrom } of phases) {
      const first = replay.seq + 1;
      const bodies = served.updates.map((u) => JSON.stringify(replay.next(u)));
      const sentAt: number[] = [];
      const a = sampleProcess(relay.pid);
      const origin = served.updates[0]?.first ?? 0;
      const start = now() + 10;
      const posts: Promise<unknown>[] = [];
      for (let i = 0; i < bodies.length; i++) {
        const due = start + (served.updates[i].first - origin);
        if (due - now() > 1) await sleep(due - now());
        sentAt[i] = now();
        posts.push(http.expect(204, 'POST', `/emit/${code}`, bodies[i]));
      }
      await Promise.all(posts);
      await sleep(1500);
      const report = await fleet.collect();
      const b = sampleProcess(relay.pid);
      const bySeq = new Map(report.updates.map((u) => [u.seq, u]));
      const toLast: number[] = [];
      const toFirst: number[] = [];
      const timed = new Set<number>();
      sentAt.forEach((t, i) => {
        if (served.updates[i].first < timedFrom) return;
        timed.add(first + i);
        const u = bySeq.get(first + i);
        if (!u) return;
        toLast.push(u.last - t);
        toFirst.push(u.first - t);
      });
      const timedReport = { ...report, updates: report.updates.filter((u) => timed.has(u.seq)) };
      out.push({ latency: spread(toLast), toFirst: spread(toFirst), report: timedReport, relay: { cpu: cpuPercent(a, b), rssOverIdleMb: b.rssMb - idleRssMb }, unrecorded: replay.takeUnrecorded() });
    }
    await fleet.disconnect();
    return out;
  } finally {
    http.close();
    await relay.stop();
  }
}

async function startRelay(): Promise<{ base: string; pid: number; stop(): Promise<void> }> {
  const child = fork(resolve(__dirname, 'bare-relay.process.ts'), [], { cwd: resolve(__dirname, '..'), execArgv: ['-r', '@swc-node/register'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.connected) child.disconnect();
    await exited;
  };
  try {
    const port = await new Promise<number>((r, reject) => {
      child.once('message', (m: { port: number }) => r(m.port));
      child.once('exit', (code) => reject(new Error(`relay exited (${code})`)));
    });
    return { base: `http://127.0.0.1:${port}`, pid: child.pid!, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * Runs the watcher processes through a few seconds of full-board updates from the relay before
 * anything is measured: cold watcher processes fall seconds behind on their first large messages,
 * which would land on whichever measurement came first.
 */
async function warmUpFleet(fleet: WatcherFleet, watchers: number): Promise<void> {
  const relay = await startRelay();
  const http = new JsonHttp(relay.base);
  try {
    await fleet.connect(relay.base, 'WARMUP', watchers, { form: FORM });
    const rows = liveContest('WARMUP', ENTRIES).file.contestants!.map((c, i) => sampleRow(String(c.bib), c.name, c.organization, i));
    for (let seq = 1; seq <= FLEET_WARMUP_MESSAGES; seq++) {
      await http.expect(204, 'POST', '/emit/WARMUP', { seq, event: EVENT, rows, final: false, frozen: false } satisfies FeedUpdate);
      await sleep(1000 / STEADY_RATE);
    }
    await sleep(1000);
    await fleet.collect();
    await fleet.disconnect();
  } finally {
    http.close();
    await relay.stop();
  }
}

function sampleRow(bib: string, name: string, organization: string, i: number): StandingsRow {
  const parts = { design: 24.5, technique: 19.17, finish: 15.83, creativity: 11.5, hygiene: 8.23 };
  return { rank: i + 1, bib, name, organization, station: null, total: 79.23, parts, deductions: 0, complete: true, status: 'competing', award: i < 30 ? '一等奖' : null };
}

/**
 * The server's updates as the recording watcher received them, renumbered from 1 so that the
 * relay's watchers see an unbroken seq and, per event, an unbroken `prev` chain. The bytes are
 * the server's but for a digit here and there.
 */
class Replay {
  seq = 0;
  private readonly lastOfEvent = new Map<string, number>();
  private unrecorded = 0;

  next(u: UpdateArrivals): Record<string, unknown> {
    const seq = ++this.seq;
    const m = u.message;
    if (!m) this.unrecorded++;
    const event = typeof m?.event === 'string' ? m.event : EVENT;
    const prev = this.lastOfEvent.get(event) ?? 0;
    this.lastOfEvent.set(event, seq);
    // seq stays the first key, where the skimming watchers look for it
    if (!m) return { seq, prev, event, rows: [], final: false, frozen: false };
    return { ...m, seq, ...('prev' in m ? { prev } : {}) };
  }

  takeUnrecorded(): number {
    const n = this.unrecorded;
    this.unrecorded = 0;
    return n;
  }
}

/** Nearest-rank p50/p99/max of message sizes, and the bytes a second they add up to over the phase. */
function byteFigures(sizes: number[], seconds: number): Bytes {
  const s = spread(sizes);
  return { messages: sizes.length, p50: s.p50, p99: s.p99, max: s.max, perSecond: seconds > 0 ? sizes.reduce((a, b) => a + b, 0) / seconds : NaN };
}

/** Whether the rows a board merged from the feed are the standings, row for row; otherwise how many differ. */
function sameBoard(board: StandingsRow[], standings: StandingsRow[]): string {
  if (JSON.stringify(board) === JSON.stringify(standings)) return 'yes';
  const mine = new Map(board.map((r) => [r.bib, JSON.stringify(r)]));
  const differ = standings.filter((r) => mine.get(r.bib) !== JSON.stringify(r)).length;
  return `no: ${differ} of ${standings.length} rows differ${board.length !== standings.length ? `, ${board.length} rows held` : ''}`;
}

/** Sends on a fixed schedule (open loop): a slow reply never delays the next sheet. Resolves with the last reply's time. */
async function paced(sheets: PlannedSheet[], perSecond: number, put: (s: PlannedSheet) => Promise<number>, before?: (i: number) => void): Promise<number> {
  const start = now();
  const replies: Promise<number>[] = [];
  for (let i = 0; i < sheets.length; i++) {
    const due = start + (i * 1000) / perSecond;
    if (due - now() > 1) await sleep(due - now());
    before?.(i);
    replies.push(put(sheets[i]));
  }
  return Math.max(...(await Promise.all(replies)));
}

/** `concurrency` PUTs always in flight until every sheet is sent. Resolves with the last reply's time. */
async function flatOut(sheets: PlannedSheet[], concurrency: number, put: (s: PlannedSheet) => Promise<number>): Promise<number> {
  let next = 0;
  let last = 0;
  const worker = async () => {
    while (next < sheets.length) last = Math.max(last, await put(sheets[next++]));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return last;
}

/** Waits until the contest's seq has not moved for half a second, then a second more for the last deliveries. */
async function untilQuiet(http: JsonHttp, code: string): Promise<void> {
  let seq = -1;
  let stableSince = now();
  const deadline = now() + 30_000;
  while (now() < deadline) {
    const s = (await http.expect(200, 'GET', `/api/contests/${code}/events/${EVENT}/standings`)).seq as number;
    if (s !== seq) {
      seq = s;
      stableSince = now();
    } else if (now() - stableSince > 500) break;
    await sleep(100);
  }
  await sleep(1000);
}

function linkNextSheets(sent: SentSheet[]): void {
  const later = new Map<string, number>();
  for (let i = sent.length - 1; i >= 0; i--) {
    sent[i].nextSentAt = later.get(sent[i].station) ?? Infinity;
    later.set(sent[i].station, sent[i].sentAt);
  }
}

function messageSizes(report: FleetReport): { rows: string; kb: string } {
  const u = report.updates;
  if (!u.length) return { rows: '–', kb: '–' };
  const bytes = u.map((x) => x.bytes ?? 0);
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { rows: avg(u.map((x) => x.rows)).toFixed(0), kb: `${(avg(bytes) / KB).toFixed(1)} / ${(Math.max(...bytes) / KB).toFixed(1)}` };
}

/** Watcher deliveries that never arrived, gaps, broken prev chains and dropped connections: any of these makes the figures suspect. */
function lossCount(report: FleetReport, watchers: number): number {
  return report.updates.reduce((sum, u) => sum + (watchers - u.count), 0) + report.gaps + report.chainBreaks + report.drops + report.errors.length;
}

function losses(report: FleetReport, watchers: number, unrecorded = 0): string {
  const missing = report.updates.reduce((sum, u) => sum + (watchers - u.count), 0);
  const parts = [
    missing && `${missing} missing`,
    report.gaps && `${report.gaps} gaps`,
    report.chainBreaks && `${report.chainBreaks} prev breaks`,
    report.drops && `${report.drops} drops`,
    report.errors.length && `${report.errors.length} errors`,
    unrecorded && `${unrecorded} not recorded`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'none';
}

function printLatencies(all: SizeFigures[]): void {
  const rows: string[][] = [['watchers', 'feed', 'phase', 'messages', 'rows/msg', 'KB/msg avg / max', 'p50', 'p99', 'max', 'first watcher p50 / p99', 'lost']];
  for (const f of all) {
    for (const { name, server: s, relay: r } of f.phases) {
      const size = messageSizes(s.report);
      const rsize = messageSizes(r.report);
      rows.push([String(f.watchers), `server, ${FORM_NAME}`, name, String(s.report.updates.length), size.rows, size.kb, ...lat(s.latency), firstWatcher(s.toFirst), losses(s.report, f.watchers)]);
      rows.push([String(f.watchers), `bare relay, ${FORM_NAME}`, name, String(r.report.updates.length), rsize.rows, rsize.kb, ...lat(r.latency), firstWatcher(r.toFirst), losses(r.report, f.watchers, r.unrecorded)]);
    }
  }
  printTable(rows);
  console.log('rows/msg: whole rows per message (in the compact form only the entries whose own result changed); KB = 1 024 bytes.');
}

function lat(s: Spread): string[] {
  return [formatLatency(s.p50), formatLatency(s.p99), formatLatency(s.max)];
}

function firstWatcher(s: Spread): string {
  return `${formatLatency(s.p50)} / ${formatLatency(s.p99)}`;
}

function printThroughput(all: SizeFigures[]): void {
  const rows: string[][] = [['watchers', 'phase', 'sheets', 'accepted/s', 'PUT reply p50 / p99', 'unseen', 'server CPU', 'server RSS', 'watchers CPU', 'relay CPU', 'relay RSS over idle']];
  for (const f of all) {
    rows.push([String(f.watchers), 'connected', '', '', '', '', '', `${f.connectedRssMb.toFixed(0)} MB`, '', '', '']);
    for (const { name, server: s, relay: r, watcherCpu: w } of f.phases) {
      rows.push([
        String(f.watchers),
        name,
        s.rejected ? `${s.accepted} (+${s.rejected} refused)` : String(s.accepted),
        s.rate.toFixed(0),
        `${formatLatency(s.reply.p50)} / ${formatLatency(s.reply.p99)}`,
        String(s.unseen),
        `${s.server.cpu.toFixed(0)} %`,
        `${s.server.rssMb.toFixed(0)} MB`,
        `${w.toFixed(0)} %`,
        `${r.relay.cpu.toFixed(0)} %`,
        `+${r.relay.rssOverIdleMb.toFixed(0)} MB`,
      ]);
    }
    rows.push([String(f.watchers), 'peak', '', '', '', '', '', `${f.peakRssMb.toFixed(0)} MB`, '', '', '']);
  }
  printTable(rows);
  console.log('CPU in % of one core over the phase; RSS at the end of the phase (connected: before the first sheet); peak = VmHWM of the server process; relay RSS: above the idle relay process.');
}

function formatBytes(n: number): string {
  if (Number.isNaN(n)) return '–';
  return n < KB ? `${n.toFixed(0)} B` : `${(n / KB).toFixed(1)} KB`;
}

/** Bytes a second for `phones` watchers, in Mbit/s. */
function mbit(perSecond: number, phones: number): number {
  return (perSecond * phones * 8) / 1e6;
}

function printBytes(all: SizeFigures[]): void {
  const rows: string[][] = [
    ['watchers', 'phase', 'messages', 'whole rows p50 / p99 / max', 'whole KB/s per phone', 'compact p50 / p99 / max', 'compact KB/s per phone', 'compact ÷ whole', 'compact Mbit/s for 1000 phones'],
  ];
  for (const f of all) {
    for (const { name, server: s } of f.phases) {
      const { whole: w, compact: c } = s.bytes;
      rows.push([
        String(f.watchers),
        name,
        w.messages === c.messages ? String(c.messages) : `${c.messages} (whole ${w.messages})`,
        `${formatBytes(w.p50)} / ${formatBytes(w.p99)} / ${formatBytes(w.max)}`,
        (w.perSecond / KB).toFixed(1),
        `${formatBytes(c.p50)} / ${formatBytes(c.p99)} / ${formatBytes(c.max)}`,
        (c.perSecond / KB).toFixed(2),
        `${((100 * c.perSecond) / w.perSecond).toFixed(1)} %`,
        mbit(c.perSecond, 1000).toFixed(1),
      ]);
    }
  }
  printTable(rows);
  console.log(
    'Bytes per update: the WebSocket message as one watcher received it (the JSON and socket.io\'s ~20-byte prefix), for the same sheets; ' +
      'KB/s per phone: every update of the phase over its duration (first timed sheet to its last reply or update).',
  );
}

function printGoals(all: SizeFigures[]): void {
  const f = all.find((x) => x.watchers === 1000) ?? all[all.length - 1];
  const at = (name: PhaseName) => f.phases.find((p) => p.name === name)!;
  const verdict = (ok: boolean) => (ok ? 'met' : 'missed');
  const p99 = (name: PhaseName, factor: number) => {
    const { server: s, relay: r } = at(name);
    const bound = factor * r.latency.p99;
    return `${formatLatency(s.latency.p99)} vs ${factor} × ${formatLatency(r.latency.p99)} — ${verdict(s.latency.p99 <= bound)}`;
  };
  const venue = at(VENUE).server;
  const burst = at('burst').server;
  const steadyBytes = at('steady').server.bytes;
  const peak = Math.max(...all.map((x) => x.peakRssMb));
  const peakHere = f.peakRssMb;
  console.log(`Goals at ${f.watchers} ${FORM_NAME} watchers:`);
  console.log(
    `  compact update in the steady phase: p50 ${formatBytes(steadyBytes.compact.p50)} (≤ ${formatBytes(GOALS.compactP50)}) — ${verdict(steadyBytes.compact.p50 <= GOALS.compactP50)}; ` +
      `p99 ${formatBytes(steadyBytes.compact.p99)} (≤ ${formatBytes(GOALS.compactP99)}) — ${verdict(steadyBytes.compact.p99 <= GOALS.compactP99)}` +
      ` (whole rows: p50 ${formatBytes(steadyBytes.whole.p50)}, p99 ${formatBytes(steadyBytes.whole.p99)})`,
  );
  const perPhone = steadyBytes.compact.perSecond;
  console.log(
    `  one phone in the steady phase: ${(perPhone / KB).toFixed(2)} KB/s (≤ ${GOALS.phonePerSecond / KB} KB/s) — ${verdict(perPhone <= GOALS.phonePerSecond)}; ` +
      `1000 phones ${mbit(perPhone, 1000).toFixed(1)} Mbit/s (< ${GOALS.venueMbit}) — ${verdict(mbit(perPhone, 1000) < GOALS.venueMbit)}` +
      ` (whole rows: ${(steadyBytes.whole.perSecond / KB).toFixed(0)} KB/s, ${mbit(steadyBytes.whole.perSecond, 1000).toFixed(0)} Mbit/s)`,
  );
  console.log(`  p99 within ${GOALS.p99VsRelay}× the bare relay's on the same messages, steady rate: ${p99('steady', GOALS.p99VsRelay)}`);
  console.log(`    at ${VENUE}: ${p99(VENUE, GOALS.p99VsRelay)}`);
  console.log(`    burst (PUTs queueing in the server), within ${GOALS.burstP99VsRelay}×: ${p99('burst', GOALS.burstP99VsRelay)}`);
  const keptUp = !venue.rejected && venue.reply.p99 < 250;
  console.log(
    `  at least ${GOALS.sheetsPerSecond} sheets/s accepted: burst ${burst.rate.toFixed(0)}/s — ${verdict(burst.rate >= GOALS.sheetsPerSecond)}; ` +
      `offered ${VENUE} on a schedule, ${venue.accepted} of ${venue.sheets} accepted, PUT reply p99 ${formatLatency(venue.reply.p99)} — ${keptUp ? 'kept up' : 'fell behind'}`,
  );
  console.log(
    `  server RSS peak under ${GOALS.rssMb} MB with ${f.watchers} watchers: ${peakHere.toFixed(0)} MB — ${verdict(peakHere < GOALS.rssMb)}` +
      (all.length > 1 ? ` (highest over every size: ${peak.toFixed(0)} MB)` : ''),
  );
  const lost = all.flatMap((x) => x.phases.map((p) => lossCount(p.server.report, x.watchers))).reduce((a, b) => a + b, 0);
  const unseenTotal = all.flatMap((x) => x.phases.map((p) => p.server.unseen)).reduce((a, b) => a + b, 0);
  console.log(
    `  no lost message, seq gap, prev break or dropped connection, any size, any phase: ${lost ? `${lost} found` : 'none'} — ${verdict(!lost)}` +
      (unseenTotal ? ` (${unseenTotal} sheets unseen: superseded by their station's next sheet before an update, see the method)` : ''),
  );
  console.log(`  the sampling watcher's merged board equals GET …/standings at the end: ${all.map((x) => `${x.watchers}: ${x.boardMatches}`).join('; ')}`);
}
