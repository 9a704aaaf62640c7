import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const SERVER_DIR = resolve(__dirname, '..', '..');

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  /** what the process wrote to stderr, for failure messages */
  stderr(): string;
  /** what the process wrote to stdout (its log) */
  stdout(): string;
  /** SIGKILL, and wait until the process is gone */
  kill(): Promise<void>;
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
 * The real server as its own process (`node -r @swc-node/register src/main.ts`), answering once
 * /api/health does. An `undefined` in `env` removes that variable from the inherited environment.
 */
export async function startServerProcess(env: Record<string, string | undefined>, timeoutMs = 30_000): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const merged: Record<string, string | undefined> = { ...process.env, DEMO: '0', LOG_LEVEL: 'error', HOST: '127.0.0.1', ...env, PORT: String(port) };
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  // always read, so a chatty log never fills the pipe and stalls the server
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${err}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer /api/health within ${timeoutMs} ms: ${err}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base,
    child,
    stderr: () => err,
    stdout: () => out,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
