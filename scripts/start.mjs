#!/usr/bin/env node
// `npm start`: builds whatever is older than its sources, then runs the product.
// DEMO defaults to 1 here (seed the demo contest on an empty database); `npm run demo` sets DEMO=live.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'dist') continue;
    t = Math.max(t, newest(join(path, name)));
  }
  return t;
}

const contracts = join(root, 'server/src/contracts');
const scoring = join(root, 'server/src/domain/scoring');
const targets = [
  { workspace: 'judge-app', output: 'judge-app/dist/index.html', sources: ['judge-app/src', 'judge-app/index.html', 'judge-app/public', 'judge-app/vite.config.mts', contracts, scoring] },
  { workspace: 'scoreboard', output: 'scoreboard/dist/index.html', sources: ['scoreboard/src', 'scoreboard/index.html', 'scoreboard/public', 'scoreboard/vite.config.mts', contracts] },
  { workspace: 'server', output: 'server/dist/main.js', sources: ['server/src', 'server/tsconfig.json', 'server/tsconfig.build.json'] },
];

for (const t of targets) {
  const built = newest(join(root, t.output));
  const source = Math.max(...t.sources.map((s) => newest(s.startsWith('/') ? s : join(root, s))));
  if (built && built >= source) continue;
  console.log(`building ${t.workspace}…`);
  const r = spawnSync('npm', ['run', 'build', '-w', t.workspace], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`build of ${t.workspace} failed`);
    process.exit(r.status ?? 1);
  }
}

const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'server/dist/main.js')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DEMO: process.env.DEMO ?? '1' },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
