#!/usr/bin/env node
// Fails when the JavaScript a tablet downloads (app bundle and service worker) is over budget.
// Venue Wi-Fi is slow and shared: the first load of 40 tablets must not take minutes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 120;
const dist = new URL('../dist/', import.meta.url).pathname;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

let list;
try {
  list = [...files(dist)].filter((p) => p.endsWith('.js'));
} catch {
  console.error('judge-app/dist is missing: run `npm run build -w judge-app` first');
  process.exit(2);
}
if (list.length === 0) {
  console.error('no JavaScript in judge-app/dist');
  process.exit(2);
}

let total = 0;
for (const p of list.sort()) {
  const raw = readFileSync(p);
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  console.log(`${relative(dist, p).padEnd(40)} ${(raw.length / 1024).toFixed(1).padStart(8)} KB  gzip ${(gz / 1024).toFixed(1).padStart(7)} KB`);
}
const kb = total / 1024;
console.log(`${'total JavaScript (gzip)'.padEnd(40)} ${kb.toFixed(1).padStart(26)} KB  budget ${BUDGET_KB} KB`);
if (kb > BUDGET_KB) {
  console.error(`over budget by ${(kb - BUDGET_KB).toFixed(1)} KB`);
  process.exit(1);
}
