#!/usr/bin/env node
// Fails when the built board's JavaScript, gzipped, is over budget: phones on venue Wi-Fi load it cold.
// Two budgets: everything built (projector and phone), and what a phone loads (the entry, the phone
// view's chunk and what they import; not the projector's chunk nor the socket.io fallback).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 80;
const PHONE_BUDGET_KB = 40;
const PHONE_VIEW = 'src/components/phone/PhoneView.svelte';
const dist = new URL('../dist/', import.meta.url).pathname;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

let all;
let manifest;
try {
  all = files(dist);
  manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
} catch {
  console.error('scoreboard/dist (with .vite/manifest.json) not found: run `npm run build -w scoreboard` first');
  process.exit(1);
}

const kb = (n) => (n / 1024).toFixed(1);
const gzipped = new Map();
let js = 0;
for (const path of all.filter((p) => /\.(m?js|css)$/.test(p)).sort()) {
  const raw = readFileSync(path);
  const gz = gzipSync(raw, { level: 9 }).length;
  gzipped.set(path.slice(dist.length), gz);
  if (/\.m?js$/.test(path)) js += gz;
  console.log(`${path.slice(dist.length).padEnd(40)} ${kb(raw.length).padStart(8)} KB  ${kb(gz).padStart(7)} KB gzip`);
}

/** The JS files a chunk needs before it runs: itself and its static imports, transitively. */
function closure(key, out = new Set()) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the build manifest`);
  if (out.has(chunk.file)) return out;
  out.add(chunk.file);
  for (const dep of chunk.imports ?? []) closure(dep, out);
  return out;
}

// the board's page (the broadcast overlay is an entry of its own, loaded by no phone)
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry && k === 'index.html');
const phoneFiles = [...new Set([...closure(entry), ...closure(PHONE_VIEW)])].sort();
const phone = phoneFiles.reduce((sum, f) => sum + (gzipped.get(f) ?? 0), 0);

console.log(`JavaScript total: ${kb(js)} KB gzip (budget ${BUDGET_KB} KB)`);
console.log(`JavaScript a phone loads: ${kb(phone)} KB gzip (budget ${PHONE_BUDGET_KB} KB): ${phoneFiles.join(', ')}`);
let over = false;
if (js > BUDGET_KB * 1024) {
  console.error(`total over budget by ${kb(js - BUDGET_KB * 1024)} KB`);
  over = true;
}
if (phone > PHONE_BUDGET_KB * 1024) {
  console.error(`phone over budget by ${kb(phone - PHONE_BUDGET_KB * 1024)} KB`);
  over = true;
}
if (over) process.exit(1);
