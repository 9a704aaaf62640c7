// The API, socket and concurrency tests run a second time against PostgreSQL, the database of
// larger deployments. This starts a throwaway server in a temporary folder on a free loopback
// port, installing Debian's postgresql first when it is missing and the machine allows it.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.mjs';

const COMMAND = 'apt-get update && apt-get install -y --no-install-recommends postgresql';

function binDir() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : null;
}

/** { url, stop } of a running server, or null after saying what to install. */
export async function startPostgres() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let bin = binDir();
  if (!bin && isRoot && !spawnSync('apt-get', ['--version']).error) {
    console.log("installing postgresql from Debian's packages for the PostgreSQL tests…");
    spawnSync('sh', ['-c', COMMAND], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    bin = binDir();
  }
  if (!bin) {
    console.error(`\nThe PostgreSQL tests need postgresql. Install with:\n\n  sudo sh -c '${COMMAND}'\n`);
    return null;
  }
  // PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user
  const as = isRoot ? ['runuser', '-u', 'postgres', '--'] : [];
  const run = (cmd, args) => spawnSync(as.length ? as[0] : cmd, as.length ? [...as.slice(1), cmd, ...args] : args, { encoding: 'utf8' });
  const dir = mkdtempSync(join(tmpdir(), 'skillscore-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  const init = run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale']);
  if (init.status !== 0) {
    console.error(`initdb failed:\n${init.stdout}${init.stderr}`);
    return null;
  }
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = run(join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  if (start.status !== 0) {
    console.error(`PostgreSQL did not start:\n${start.stdout}${start.stderr}`);
    return null;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
