#!/usr/bin/env node
// Fails when the JavaScript of a page is over budget. The tablet page (index.html, its lazy
// screens and the service worker) and the organizer console (admin.html) are separate entries
// with a budget each: venue Wi-Fi is slow and shared, and the first load of 40 tablets must not
// take minutes, while the console must stay usable on the same network.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 120;
const dist = new URL('../dist/', import.meta.url).pathname;
const assets = join(dist, 'assets');

if (!existsSync(join(dist, 'index.html'))) {
  console.error('judge-app/dist is missing: run `npm run build -w judge-app` first');
  process.exit(2);
}

/** Chunks a chunk loads, statically or lazily: `./name.js` or `assets/name.js` inside its text. */
function referenced(file) {
  const text = readFileSync(join(assets, file), 'utf8');
  return [...text.matchAll(/(?:\.\/|assets\/)([A-Za-z0-9_.-]+\.js)\b/g)].map((m) => m[1]).filter((f) => existsSync(join(assets, f)));
}

/** Every chunk a page may load: its scripts and preloads, and all they import. */
function closure(html) {
  const page = readFileSync(join(dist, html), 'utf8');
  const todo = [...page.matchAll(/(?:src|href)="[^"]*\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Set();
  while (todo.length) {
    const f = todo.pop();
    if (seen.has(f)) continue;
    seen.add(f);
    todo.push(...referenced(f));
  }
  return [...seen].sort().map((f) => join('assets', f));
}

const sizes = new Map();
function gz(rel) {
  if (!sizes.has(rel)) {
    const raw = readFileSync(join(dist, rel));
    sizes.set(rel, { raw: raw.length, gz: gzipSync(raw, { level: 9 }).length });
  }
  return sizes.get(rel);
}

const worker = readdirSync(dist).filter((f) => f === 'sw.js' || /^workbox-.*\.js$/.test(f));
const entries = [
  { name: 'tablet (index.html + service worker)', files: [...closure('index.html'), ...worker] },
  ...(existsSync(join(dist, 'admin.html')) ? [{ name: 'organizer console (admin.html)', files: closure('admin.html') }] : []),
];

const counted = new Set(entries.flatMap((e) => e.files));
const stray = readdirSync(assets).filter((f) => f.endsWith('.js') && !counted.has(join('assets', f)));
if (stray.length) entries.push({ name: 'JavaScript no page loads', files: stray.map((f) => join('assets', f)) });

/** JavaScript the tablet's service worker precaches although the tablet page never loads it. */
const tabletFiles = new Set(entries[0].files);
const precachedExtra = existsSync(join(dist, 'sw.js'))
  ? [...readFileSync(join(dist, 'sw.js'), 'utf8').matchAll(/url:"([^"]+\.js)"/g)].map((m) => m[1]).filter((f) => !tabletFiles.has(f) && existsSync(join(dist, f)))
  : [];

let failed = false;
for (const entry of entries) {
  console.log(`\n${entry.name}`);
  let total = 0;
  for (const rel of entry.files) {
    const s = gz(rel);
    total += s.gz;
    console.log(`  ${rel.padEnd(40)} ${(s.raw / 1024).toFixed(1).padStart(8)} KB  gzip ${(s.gz / 1024).toFixed(1).padStart(7)} KB`);
  }
  const kb = total / 1024;
  console.log(`  ${'total JavaScript (gzip)'.padEnd(40)} ${kb.toFixed(1).padStart(26)} KB  budget ${BUDGET_KB} KB`);
  if (kb > BUDGET_KB) {
    console.error(`  ${entry.name}: over budget by ${(kb - BUDGET_KB).toFixed(1)} KB`);
    failed = true;
  }
}
if (precachedExtra.length) {
  const kb = precachedExtra.reduce((n, f) => n + gz(f).gz, 0) / 1024;
  console.warn(`\nwarning: the tablet's service worker also precaches ${kb.toFixed(1)} KB (gzip) of JavaScript the tablet never runs: ${precachedExtra.join(', ')}`);
  console.warn("         leave them out of the precache (workbox globIgnores in vite.config.mts, e.g. ['admin.html', 'assets/admin-*'])");
}
process.exit(failed ? 1 : 0);
