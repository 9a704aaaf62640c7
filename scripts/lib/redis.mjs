// The tests of throttles shared by several server processes need a Redis. This starts a
// throwaway redis-server in a temporary folder on a free loopback port, installing Debian's
// redis-server first when it is missing and the machine allows it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.mjs';

export const REDIS_INSTALL = 'apt-get update && apt-get install -y --no-install-recommends redis-server';

function serverBinary() {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  return existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : null;
}

/** Resolves once the server answers PING on the port, or rejects after `ms`. */
async function waitForPong(port, ms) {
  const deadline = Date.now() + ms;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const c = createConnection({ host: '127.0.0.1', port }, () => c.write('PING\r\n'));
      c.setTimeout(500, () => (c.destroy(), resolve(false)));
      c.once('data', (d) => (c.destroy(), resolve(d.toString().startsWith('+PONG'))));
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not answer PING on port ${port} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * { url, stop } of a running server. Throws, naming the exact command to install it, when
 * redis-server is missing and cannot be installed here: the shared-throttle tests must not pass
 * by skipping.
 */
export async function startRedis() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let bin = serverBinary();
  if (!bin && isRoot && !spawnSync('apt-get', ['--version']).error) {
    console.log("installing redis-server from Debian's packages for the shared-throttle tests…");
    spawnSync('sh', ['-c', REDIS_INSTALL], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    bin = serverBinary();
  }
  if (!bin) throw new Error(`The shared-throttle tests need redis-server. Install with:\n\n  sudo sh -c '${REDIS_INSTALL}'\n`);
  const dir = mkdtempSync(join(tmpdir(), 'skillscore-redis-'));
  const port = await freePort();
  // no persistence and loopback only: a throwaway server for one test run
  const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await waitForPong(port, 10_000);
  } catch (e) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${e.message}${err ? `:\n${err}` : ''}`);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
