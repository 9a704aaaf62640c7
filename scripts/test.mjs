#!/usr/bin/env node
// Runs every workspace's vitest suite, the server's contract tests once more on PostgreSQL and
// the apps' size budgets, and ends with one plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildStale } from './lib/build-stale.mjs';
import { ensureBrowser } from './lib/ensure-browser.mjs';
import { startPostgres } from './lib/postgres.mjs';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);
const suites = ['server', 'judge-app', 'scoreboard'].filter((s) => !only.length || only.includes(s));
// the browser tests click through the real built apps
if (!buildStale(['judge-app', 'scoreboard'])) {
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}
if (!ensureBrowser()) {
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}

const out = mkdtempSync(join(tmpdir(), 'skillscore-test-'));
let passed = 0;
let failed = 0;
let skipped = 0;
let crashed = [];

/** Runs one vitest suite and adds its counts to the totals. */
function runSuite(title, cwd, files = [], env = {}) {
  const report = join(out, `${title.replace(/\W+/g, '-')}.json`);
  console.log(`\n=== ${title} ===`);
  const r = spawnSync('npx', ['vitest', 'run', ...files, '--passWithNoTests', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0', ...env },
  });
  if (!existsSync(report)) {
    crashed.push(title);
    return;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  skipped += json.numPendingTests + json.numTodoTests;
  // A suite that failed to load counts as a failure even when no test inside it ran.
  const brokenFiles = json.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  failed += brokenFiles;
  if (r.status !== 0 && json.numFailedTests === 0 && brokenFiles === 0) crashed.push(title);
}

for (const suite of suites) {
  const cwd = join(root, suite);
  if (existsSync(join(cwd, 'vitest.config.mts'))) runSuite(suite, cwd);
}

// the same contract, sheet and feed tests against PostgreSQL, the database of larger deployments
if (suites.includes('server')) {
  const pg = await startPostgres();
  if (!pg) failed++;
  else {
    try {
      runSuite('server on PostgreSQL', join(root, 'server'), ['test/api', 'test/socket', 'test/security', 'test/durability/concurrency.spec.ts'], { TEST_DATABASE_URL: pg.url });
    } finally {
      pg.stop();
    }
  }
}

// size budgets of the built apps: phones and tablets load them cold over venue Wi-Fi
for (const app of ['scoreboard', 'judge-app'].filter((a) => !only.length || only.includes(a))) {
  if (!existsSync(join(root, app, 'scripts', 'size.mjs'))) continue;
  console.log(`\n=== ${app} size budget ===`);
  const r = spawnSync('node', [join(root, app, 'scripts', 'size.mjs')], { stdio: 'inherit' });
  if (r.status === 0) passed++;
  else failed++;
}

if (crashed.length) console.log(`\nsuites that did not finish: ${crashed.join(', ')}`);
console.log(`\n${passed} passed, ${failed + crashed.length} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed + crashed.length > 0 ? 1 : 0);
