// Browser tests need Debian's Chromium and a CJK font. Installs them when missing and the machine
// allows it (root with apt-get); otherwise says exactly what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PACKAGES = ['chromium', 'fonts-wqy-microhei', 'poppler-utils'];
const COMMAND = `apt-get update && apt-get install -y --no-install-recommends ${PACKAGES.join(' ')}`;

function hasCjkFont() {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}

function missing() {
  const m = [];
  if (!existsSync(CHROMIUM)) m.push('chromium');
  if (!hasCjkFont()) m.push('fonts-wqy-microhei');
  if (spawnSync('pdftotext', ['-v']).error) m.push('poppler-utils');
  return m;
}

/** true when everything is there (after installing it if need be). */
export function ensureBrowser() {
  let m = missing();
  if (!m.length) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = !spawnSync('apt-get', ['--version']).error;
  if (isRoot && hasApt) {
    console.log(`installing ${m.join(', ')} from Debian's packages for the browser tests…`);
    spawnSync('sh', ['-c', COMMAND], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    m = missing();
    if (!m.length) return true;
  }
  console.error(`\nThe browser tests need ${m.join(', ')}. Install with:\n\n  sudo sh -c '${COMMAND}'\n`);
  return false;
}
