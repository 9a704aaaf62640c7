import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { now, sleep } from './clock';
import type { FloodCommand, FloodReply } from './flood-watchers.process';
import { JsonHttp } from './json-http';
import { formatLatency, spread, type Spread } from './latency';
import { liveContest, type PlannedSheet } from './live-fixture';
import { describeMachine } from './machine';
import { cpuPercent, sampleProcess } from './proc-stats';
import { prepareServerBuild, startBenchServer } from './server-process';
import { printTable } from './table';

/**
 * Judges' PUT latency on a quiet server, then with FLOOD_SOCKETS sockets re-watching the public
 * feed flat out, then quiet again — one server, one run, side by side. FLOOD_SERVER=PATH runs
 * another build's main.js (a before/after comparison); FLOOD_SOCKETS changes the attackers.
 */
const SOCKETS = Number(process.env.FLOOD_SOCKETS ?? 8);
const SERVER_ENTRY = process.env.FLOOD_SERVER || undefined;
const ENTRIES = 300;
/** judges' sheets a second, on a fixed schedule whatever the replies */
const RATE = 20;
const SHEETS_PER_PHASE = 200;
const WARMUP_SHEETS = 40;
/** each attacking socket also re-watches on this timer, besides at once on every answer */
const WATCH_EVERY_MS = 10;
const PASSWORD = 'bench-organizer-password';
const EVENT = 'hair';
const GOAL_P50_RATIO = 1.5;

interface Phase {
  name: string;
  reply: Spread;
  refused: number;
  serverCpu: number;
  flood: Extract<FloodReply, { kind: 'report' }> | null;
}

export async function run(): Promise<void> {
  console.log(`Flood — ${describeMachine()}`);
  console.log(
    `One event, ${ENTRIES} entries, 7 judges; judges' PUTs at ${RATE}/s on a fixed schedule, ${SHEETS_PER_PHASE} a phase after ${WARMUP_SHEETS} untimed; ` +
      `attack: ${SOCKETS} sockets on /live in one process at nice 10, each re-watching at once on every snapshot or error and every ${WATCH_EVERY_MS} ms besides.\n`,
  );
  const build = SERVER_ENTRY ?? prepareServerBuild();
  const server = await startBenchServer({ ORGANIZER_PASSWORD: PASSWORD }, { entry: SERVER_ENTRY });
  const http = new JsonHttp(server.base);
  const phases: Phase[] = [];
  try {
    const code = 'FLOOD';
    const contest = liveContest(code, ENTRIES);
    const { token: org } = await http.expect(200, 'POST', '/api/auth/organizer', { password: PASSWORD });
    await http.expect(201, 'POST', '/api/contests', contest.file, org);
    const tokens = new Map<string, string>();
    for (const [judge, pin] of contest.pins) tokens.set(judge, (await http.expect(200, 'POST', '/api/auth/judge', { contest: code, pin })).token);
    // never rejects: a reply that fails is counted as refused, and a sheet is retried once with its
    // requestId (a replay the server answers from what it stored) when a kept-alive connection was
    // closed under it
    const put = async (s: PlannedSheet): Promise<{ ms: number; status: number }> => {
      const sent = now();
      const body = { requestId: randomUUID(), scores: s.scores };
      const send = () => http.send('PUT', `/api/contests/${code}/events/${EVENT}/sheets/${s.station}`, body, tokens.get(s.judge));
      const r = await send().catch(() => send()).catch(() => ({ status: 0 }));
      return { ms: now() - sent, status: r.status };
    };
    let next = 0;
    const take = (n: number) => contest.sheets.slice(next, (next += n));

    await paced(take(WARMUP_SHEETS), put);
    const measure = async (name: string, flood: ChildProcess | null): Promise<void> => {
      const a = sampleProcess(server.pid);
      const replies = await paced(take(SHEETS_PER_PHASE), put);
      const b = sampleProcess(server.pid);
      const report = flood ? await stopFlood(flood) : null;
      phases.push({ name, reply: spread(replies.map((r) => r.ms)), refused: replies.filter((r) => r.status !== 200).length, serverCpu: cpuPercent(a, b), flood: report });
    };
    await measure('quiet', null);
    const flood = await startFlood(server.base, code);
    await sleep(1000);
    await measure(`${SOCKETS} sockets re-watching`, flood);
    await sleep(1000);
    await measure('quiet again', null);
  } finally {
    http.close();
    await server.stop();
  }
  console.log(`Server: ${build}; load average now ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  print(phases);
}

function print(phases: Phase[]): void {
  const base = phases[0].reply;
  const rows = [['phase', 'PUT p50', 'PUT p99', 'p50 × quiet', 'p99 × quiet', 'refused', 'server CPU', 'snapshots/s pulled', 'MB/s pulled', 'watches/s sent']];
  for (const p of phases) {
    const f = p.flood;
    rows.push([
      p.name,
      formatLatency(p.reply.p50),
      formatLatency(p.reply.p99),
      `${(p.reply.p50 / base.p50).toFixed(2)}×`,
      `${(p.reply.p99 / base.p99).toFixed(2)}×`,
      String(p.refused),
      `${p.serverCpu.toFixed(0)} %`,
      f ? (f.snapshots / f.seconds).toFixed(1) : '',
      f ? (f.snapshotBytes / f.seconds / 1e6).toFixed(2) : '',
      f ? (f.watches / f.seconds).toFixed(0) : '',
    ]);
  }
  printTable(rows);
  const flooded = phases[1];
  const ratio = flooded.reply.p50 / base.p50;
  const f = flooded.flood!;
  console.log(`${f.errors} error answers${f.errorSample ? ` (e.g. "${f.errorSample}")` : ''}, ${f.drops} dropped connections among the attackers.`);
  console.log(`Goal: PUT p50 with the flood within ${GOAL_P50_RATIO}× the quiet run's: ${ratio.toFixed(2)}× — ${ratio <= GOAL_P50_RATIO ? 'met' : 'missed'}`);
}

/** Sends on a fixed schedule (open loop): a slow reply never delays the next sheet. */
async function paced<T>(sheets: PlannedSheet[], put: (s: PlannedSheet) => Promise<T>): Promise<T[]> {
  const start = now();
  const replies: Promise<T>[] = [];
  for (let i = 0; i < sheets.length; i++) {
    const due = start + (i * 1000) / RATE;
    if (due - now() > 1) await sleep(due - now());
    replies.push(put(sheets[i]));
  }
  return Promise.all(replies);
}

async function startFlood(url: string, contest: string): Promise<ChildProcess> {
  const child = fork(resolve(__dirname, 'flood-watchers.process.ts'), [], { cwd: resolve(__dirname, '..'), execArgv: ['-r', '@swc-node/register'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise<void>((ok, fail) => {
    child.once('message', (m: FloodReply) => (m.kind === 'flooding' ? ok() : fail(new Error(`flood: ${m.kind}`))));
    child.once('exit', (c) => fail(new Error(`flood process exited (${c})`)));
    child.send({ kind: 'start', url, contest, sockets: SOCKETS, watchEveryMs: WATCH_EVERY_MS } satisfies FloodCommand);
  });
  return child;
}

async function stopFlood(child: ChildProcess): Promise<Extract<FloodReply, { kind: 'report' }>> {
  const report = await new Promise<Extract<FloodReply, { kind: 'report' }>>((ok) => {
    child.once('message', (m: FloodReply) => {
      if (m.kind === 'report') ok(m);
    });
    child.send({ kind: 'stop' } satisfies FloodCommand);
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.disconnect();
  await exited;
  return report;
}
