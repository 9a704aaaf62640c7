#!/usr/bin/env node
// `npm run backup [-- DESTINATION]`: a consistent copy of the SQLite database, taken while the
// server runs, with SQLite's online backup (the server keeps taking marks meanwhile).
// DESTINATION: a .sqlite file, or a folder to put scoring-YYYYMMDD-HHMMSS.sqlite in;
// default data/backups/ beside the database. DATABASE_URL as for the server.
import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';

const DEFAULT_DATABASE_URL = 'sqlite:./data/scoring.sqlite';

function stamp(d = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** The address without its password, fit to print. */
function withoutPassword(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '';
    return u.toString();
  } catch {
    return 'postgres://USER@HOST:5432/DATABASE';
  }
}

function destinationFor(arg, source) {
  const name = `scoring-${stamp()}.sqlite`;
  if (!arg) return join(dirname(source), 'backups', name);
  const target = resolve(arg);
  const isFolder = arg.endsWith('/') || (existsSync(target) && statSync(target).isDirectory()) || extname(target) === '';
  return isFolder ? join(target, name) : target;
}

async function main() {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write('usage: npm run backup [-- DESTINATION.sqlite | DESTINATION-FOLDER/]\n');
    return 0;
  }
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//.test(url)) {
    const file = `scoring-${stamp()}.dump`;
    process.stderr.write(
      [
        'DATABASE_URL is PostgreSQL: back it up with PostgreSQL\'s own tool, which takes a consistent copy while the server runs:',
        '',
        `  pg_dump --format=custom --file=${file} '${withoutPassword(url)}'`,
        '',
        '(the password from PGPASSWORD or ~/.pgpass). Restore into an empty database with:',
        '',
        `  pg_restore --no-owner --dbname='${withoutPassword(url)}' ${file}`,
        '',
      ].join('\n'),
    );
    return 2;
  }
  if (!url.startsWith('sqlite:')) {
    process.stderr.write('DATABASE_URL must be sqlite:PATH or postgres://…\n');
    return 2;
  }
  const path = url.slice('sqlite:'.length);
  if (path === ':memory:') {
    process.stderr.write('DATABASE_URL is an in-memory database: there is nothing on disk to back up\n');
    return 2;
  }
  const source = resolve(path);
  if (!existsSync(source)) {
    process.stderr.write(`no database at ${source} (DATABASE_URL=${url}); start the server once, or set DATABASE_URL\n`);
    return 2;
  }
  const dest = destinationFor(args[0], source);
  if (existsSync(dest)) {
    process.stderr.write(`${dest} exists already: name another file\n`);
    return 2;
  }
  mkdirSync(dirname(dest), { recursive: true });

  const started = Date.now();
  const db = new Database(source, { fileMustExist: true });
  try {
    // the server's writes wait at most this long for the moment the copy is taken
    db.pragma('busy_timeout = 10000');
    // all pages in one step: a copy of one moment, never restarted by the server's next write
    await db.backup(dest, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
  } finally {
    db.close();
  }
  chmodSync(dest, 0o600);

  const copy = new Database(dest, { readonly: true, fileMustExist: true });
  let check;
  let sheets = 0;
  try {
    check = copy.pragma('integrity_check', { simple: true });
    sheets = copy.prepare('SELECT COUNT(*) AS n FROM "sheets"').get()?.n ?? 0;
  } catch {
    /* an older schema without sheets: the integrity check above is what counts */
  } finally {
    copy.close();
  }
  if (check !== 'ok') {
    process.stderr.write(`the copy at ${dest} failed SQLite's integrity check (${check}): keep the previous backup, and try again\n`);
    return 1;
  }
  const lines = [`backed up ${source}`, `       to ${dest} (${(statSync(dest).size / 1024).toFixed(0)} KB, ${sheets} sheets, integrity ok, ${Date.now() - started} ms)`];
  // judges' PINs are sealed with this key: a restored database needs it (unless SECRET_KEY is set)
  const key = join(dirname(source), 'secret.key');
  if (existsSync(key)) {
    const keyCopy = join(dirname(dest), `${basename(dest, extname(dest))}.secret.key`);
    copyFileSync(key, keyCopy);
    chmodSync(keyCopy, 0o600);
    lines.push(`  and the PIN key to ${keyCopy}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`backup failed: ${e?.message ?? e}\n`);
    process.exit(1);
  },
);
