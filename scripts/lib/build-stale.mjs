// Builds each workspace whose output is older than its sources (npm start, npm test).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname;

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

const shared = ['server/src/contracts', 'server/src/domain/scoring'];
const appSources = (app) => [`${app}/src`, `${app}/index.html`, `${app}/public`, `${app}/vite.config.mts`, `${app}/package.json`, ...shared];

export const TARGETS = [
  { workspace: 'judge-app', output: 'judge-app/dist/index.html', sources: appSources('judge-app') },
  { workspace: 'scoreboard', output: 'scoreboard/dist/index.html', sources: appSources('scoreboard') },
  { workspace: 'server', output: 'server/dist/main.js', sources: ['server/src', 'server/tsconfig.json', 'server/tsconfig.build.json'] },
];

/** Returns false when a build failed. */
export function buildStale(workspaces = TARGETS.map((t) => t.workspace)) {
  for (const t of TARGETS.filter((x) => workspaces.includes(x.workspace))) {
    const built = newest(join(root, t.output));
    const source = Math.max(...t.sources.map((s) => newest(join(root, s))));
    if (built && built >= source) continue;
    console.log(`building ${t.workspace}…`);
    const r = spawnSync('npm', ['run', 'build', '-w', t.workspace], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`build of ${t.workspace} failed`);
      return false;
    }
  }
  return true;
}
