import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandingsRow } from '../../src/contracts/standings';
import { panelContest, stationOf } from '../support/contests';
import { LiveClient } from '../support/live-client';
import { putSheet } from '../support/sheets';
import { client, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/**
 * The integrator's example in examples/python follows a live contest with Debian's
 * python3-socketio and prints the top 10; what it prints must be the standings, row for row.
 */

const EXAMPLE = resolve(__dirname, '..', '..', '..', 'examples', 'python', 'follow_top10.py');
// Debian's interpreter: the one its python3-* packages install into (a pyenv or venv python3 on PATH does not see them)
const PYTHON = process.env.EXAMPLES_PYTHON ?? '/usr/bin/python3';
const APT = 'apt-get update && apt-get install -y --no-install-recommends python3-socketio python3-websocket';
const STATIONS = 24;

function pythonReady(): boolean {
  return spawnSync(PYTHON, ['-c', 'import socketio, websocket'], { stdio: 'ignore' }).status === 0;
}

/** Installs the Debian packages when missing and the machine allows it, as the PostgreSQL tests do. */
function ensurePython(): void {
  if (pythonReady()) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && !spawnSync('apt-get', ['--version']).error) {
    spawnSync('sh', ['-c', APT], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 300_000 });
  }
  if (!pythonReady()) throw new Error(`The Python example needs Debian's python3-socketio. Install with:\n\n  sudo sh -c '${APT}'\n`);
}

interface Printed {
  contest: string;
  event: string;
  seq: number;
  top: StandingsRow[];
}

/** Runs the example and collects each JSON line it prints. */
class Example {
  readonly lines: Printed[] = [];
  stderr = '';
  private readonly child: ChildProcess;
  private buffered = '';

  constructor(args: string[]) {
    this.child = spawn(PYTHON, [EXAMPLE, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PYTHONUNBUFFERED: '1' } });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      this.buffered += chunk;
      const parts = this.buffered.split('\n');
      this.buffered = parts.pop() ?? '';
      for (const line of parts) if (line.trim()) this.lines.push(JSON.parse(line) as Printed);
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
  }

  async waitFor(accept: (p: Printed) => boolean, timeoutMs: number): Promise<Printed> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = [...this.lines].reverse().find(accept);
      if (hit) return hit;
      if (this.child.exitCode !== null) throw new Error(`the example exited (${this.child.exitCode}): ${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`the example printed nothing matching within ${timeoutMs} ms; last: ${JSON.stringify(this.lines.at(-1))}; stderr: ${this.stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  stop(): void {
    this.child.kill('SIGTERM');
  }
}

/** What a person reads in a top-10 line. */
const shown = (r: StandingsRow) => ({ rank: r.rank, bib: r.bib, name: r.name, organization: r.organization, total: r.total, award: r.award });

describe('examples/python/follow_top10.py', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    ensurePython();
    t = await startTestApp();
    api = client(t.base);
    const org = await organizerToken(t.base);
    const file = panelContest('PY2024', { judges: 1, stations: STATIONS });
    // awards make entries crossing a cut-off travel as moves with their new award
    file.events = file.events!.map((e) => ({ ...e, awards: [{ name: '一等奖', share: 0.1 }, { name: '二等奖', share: 0.2 }, { name: '三等奖', share: 0.3 }] }));
    expect((await api('POST', '/api/contests', file, org)).status).toBe(201);
  }, 360_000);
  afterAll(() => t?.close());

  it('prints the same top 10 as the standings while sheets arrive', async () => {
    const judge = await judgeToken(t.base, 'PY2024', '200001');
    // a seeded order of marks with ties, so updates carry shifts, moves and whole rows
    const score = (i: number) => 50 + ((i * 37) % 29) * 1.5;
    for (let i = 0; i < 4; i++) expect((await putSheet(api, judge, 'PY2024', 'e1', stationOf(i), { score: score(i) })).status).toBe(200);
    await t.settle();

    // typed in lower case, as a person might
    const example = new Example(['--server', t.base, '--contest', 'py2024', '--event', 'e1', '--json', '--seconds', '120']);
    // a second compact watcher, to show the example was given shifts and moves to apply, not only whole rows
    const witness = new LiveClient(t.base);
    await witness.connect();
    witness.socket.emit('watch', { contest: 'PY2024', compact: true });
    await witness.snapshot();
    try {
      const first = await example.waitFor(() => true, 20_000);
      expect(first.contest).toBe('PY2024');
      for (let i = 4; i < STATIONS; i++) {
        expect((await putSheet(api, judge, 'PY2024', 'e1', stationOf(i), { score: score(i) })).status).toBe(200);
        if (i % 5 === 0) await new Promise((r) => setTimeout(r, 60));
      }
      // the chief judge's deductions: entries drop past others
      const chief = await judgeToken(t.base, 'PY2024', '999999');
      for (const [i, points] of [[2, 20], [7, 4.5], [11, 1]] as const) {
        const r = await api('POST', '/api/contests/PY2024/events/e1/deductions', { station: stationOf(i), points, reason: '超时' }, chief);
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      }
      await t.settle();
      const standings = (await api('GET', '/api/contests/PY2024/events/e1/standings')).body as { seq: number; rows: StandingsRow[] };
      const printed = await example.waitFor((p) => p.seq >= standings.seq, 10_000);
      expect(printed.seq).toBe(standings.seq);
      expect(printed.top.map(shown)).toEqual(standings.rows.slice(0, 10).map(shown));
      expect(example.lines.length).toBeGreaterThan(2);
      const updates = witness.log.filter((m) => m.name === 'update').map((m) => m.payload as { shifts?: unknown[]; moves?: unknown[] });
      expect(updates.some((u) => (u.shifts?.length ?? 0) > 0)).toBe(true);
      expect(updates.some((u) => (u.moves?.length ?? 0) > 0)).toBe(true);
    } finally {
      witness.disconnect();
      example.stop();
    }
  }, 120_000);
});
