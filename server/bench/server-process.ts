import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sleep } from './clock';

const SERVER_DIR = resolve(__dirname, '..');

export interface BenchServer {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolveP, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolveP(port));
    });
  });
}

/**
 * Builds the server (`npm run build -w server`) unless the build is newer than every source
 * file. Returns how the server will run: the build, as `npm start` runs it, or — when the build
 * fails — the sources through @swc-node/register, which holds tens of MB more in memory.
 */
export function prepareServerBuild(): string {
  if (buildIsCurrent()) return 'server/dist/main.js';
  const r = spawnSync('npm', ['run', 'build', '-w', 'server'], { cwd: resolve(SERVER_DIR, '..'), stdio: 'ignore' });
  if (buildIsCurrent()) return `server/dist/main.js, built now${r.status === 0 ? '' : ' (tsc reported errors)'}`;
  return 'the sources through @swc-node/register (the build failed)';
}

export interface BenchServerOptions {
  /** Node options for the server process (a CPU profile, a heap limit) */
  nodeArgs?: string[];
  /** another build's main.js, to compare two versions of the server on one machine */
  entry?: string;
  timeoutMs?: number;
}

/**
 * The real server in its own process on a fresh SQLite file, answering once /api/health does.
 * The compiled build runs when it is at least as new as every source file (a stale build would
 * measure old code); otherwise the sources run through @swc-node/register.
 */
export async function startBenchServer(env: Record<string, string>, opts: BenchServerOptions = {}): Promise<BenchServer> {
  const { nodeArgs = [], entry, timeoutMs = 60_000 } = opts;
  const dir = mkdtempSync(join(tmpdir(), 'skillscore-bench-'));
  const port = await freePort();
  const args = entry ? [resolve(entry)] : buildIsCurrent() ? ['dist/main.js'] : ['-r', '@swc-node/register', 'src/main.ts'];
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      DEMO: '0',
      LOG_LEVEL: 'error',
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
    if (!done) {
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  await waitForHealth(child, base, timeoutMs, () => err).catch(async (e: unknown) => {
    await stop();
    throw e;
  });
  return { base, pid: child.pid!, stop };
}

async function waitForHealth(child: ChildProcess, base: string, timeoutMs: number, stderr: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr()}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not answer /api/health within ${timeoutMs} ms: ${stderr()}`);
    await sleep(100);
  }
}

function buildIsCurrent(): boolean {
  const main = join(SERVER_DIR, 'dist', 'main.js');
  if (!existsSync(main)) return false;
  const builtAt = statSync(main).mtimeMs;
  return newestSource(join(SERVER_DIR, 'src')) <= builtAt;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : e.name.endsWith('.ts') ? statSync(p).mtimeMs : 0);
  }
  return newest;
}
