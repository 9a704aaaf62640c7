#!/usr/bin/env node
// Fails when the built board's JavaScript, gzipped, is over budget: phones on venue Wi-Fi load it cold.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 80;
const dist = new URL('../dist/', import.meta.url).pathname;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

let all;
try {
  all = files(dist);
} catch {
  console.error('scoreboard/dist not found: run `npm run build -w scoreboard` first');
  process.exit(1);
}

const kb = (n) => (n / 1024).toFixed(1);
let js = 0;
for (const path of all.filter((p) => /\.(m?js|css)$/.test(p)).sort()) {
  const raw = readFileSync(path);
  const gz = gzipSync(raw, { level: 9 }).length;
  if (/\.m?js$/.test(path)) js += gz;
  console.log(`${path.slice(dist.length).padEnd(40)} ${kb(raw.length).padStart(8)} KB  ${kb(gz).padStart(7)} KB gzip`);
}
console.log(`JavaScript total: ${kb(js)} KB gzip (budget ${BUDGET_KB} KB)`);
if (js > BUDGET_KB * 1024) {
  console.error(`over budget by ${kb(js - BUDGET_KB * 1024)} KB`);
  process.exit(1);
}
