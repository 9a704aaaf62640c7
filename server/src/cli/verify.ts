import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AuditVerifyService } from '../audit/audit-verify.service';
import { RecheckService } from '../audit/recheck.service';
import { AppConfig, ConfigError, type DatabaseTarget } from '../config/config';
import { ContestLookup } from '../contests/contest-lookup';
import { SchemeCache } from '../contests/scheme-cache';
import type { AuditVerification } from '../contracts/audit';
import type { RecheckResult } from '../contracts/recheck';
import { dataSourceOptions } from '../database/data-source-options';
import { Contest, ContestEvent, Entry, Judge } from '../database/entities';
import { Transactor } from '../database/transactor';
import { EventInputsRepository } from '../standings/event-inputs.repository';

/**
 * `npm run verify -- --contest CODE`: checks a contest's audit chain and recomputes every event's
 * results from the trail, against the database DATABASE_URL names, with the server stopped or
 * running. It reads only: the database is opened read-only, migrations are checked, never run.
 * Exit code 0: intact and in agreement; 1: a break or a difference; 2: it could not check (no
 * such database or contest, a schema to migrate, a contest whose trail predates recorded setups).
 */

/** Differences listed per event; the rest are counted. */
const LISTED = 50;

class UsageError extends Error {}
/** Nothing could be checked, for a reason the message gives (not a mistake in the command). */
class CannotCheck extends Error {}

function parseArgs(argv: readonly string[]): { contest: string | null } {
  let contest: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--contest' || a === '-c') contest = argv[++i] ?? '';
    else if (a.startsWith('--contest=')) contest = a.slice('--contest='.length);
    else if (a === '--help' || a === '-h') throw new UsageError('');
    else throw new UsageError(`unknown argument "${a}"`);
  }
  if (contest === '') throw new UsageError('--contest needs a contest code');
  return { contest };
}

/** The server's own options, opened so that nothing can be written: no migrations run, a read-only file or session. */
function readOnlyOptions(target: DatabaseTarget): DataSourceOptions {
  if (target.kind === 'sqlite') {
    const path = resolve(target.path);
    if (target.path === ':memory:' || !existsSync(path)) throw new CannotCheck(`no database at ${path} (DATABASE_URL=sqlite:${target.path})`);
    return { ...dataSourceOptions(target), migrationsRun: false, readonly: true, enableWAL: false } as DataSourceOptions;
  }
  const options = dataSourceOptions(target) as Extract<DataSourceOptions, { type: 'postgres' }>;
  return { ...options, migrationsRun: false, extra: { ...options.extra, max: 2, options: '-c default_transaction_read_only=on' } };
}

function pad(cells: string[][]): string {
  const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => [...r[i]].length)));
  return cells.map((r) => r.map((c, i) => c + ' '.repeat(widths[i] - [...c].length)).join('  ').trimEnd()).join('\n');
}

const show = (v: unknown) => (v === null || v === undefined ? '—' : String(v));

/**
 * The report of one contest and its exit code: 0 intact and in agreement, 1 a break or a
 * difference, 2 an event the trail cannot recompute (its contest predates the recorded setups).
 */
function report(code: string, chain: AuditVerification, events: readonly RecheckResult[]): { text: string; exit: number } {
  const lines: string[] = [];
  lines.push(`Contest ${code}`);
  lines.push(
    chain.ok
      ? `  Audit chain: intact — ${chain.records} records, head ${chain.head}`
      : `  Audit chain: BROKEN at record ${chain.brokenAt} of ${chain.records} — ${chain.message}`,
  );
  const rows = [['Event', 'Entries', 'Replayed', 'Differences', 'Result']];
  const outcome = (e: RecheckResult) => (e.setupMissing ? 'CANNOT RECHECK: no setup in the audit trail' : e.differences.length ? 'DIFFERS' : 'agrees with the audit trail');
  for (const e of events) rows.push([e.event, String(e.checked), String(e.replayed), e.setupMissing ? '—' : String(e.differences.length), outcome(e)]);
  lines.push('', pad(rows).replace(/^/gm, '  '));
  for (const e of events) {
    if (e.message) lines.push('', `  ${e.event}: ${e.message}`);
    if (!e.differences.length || e.setupMissing) continue;
    const diff = [['Bib', 'Field', 'Published', 'Recomputed']];
    for (const d of e.differences.slice(0, LISTED)) diff.push([d.bib, d.field, show(d.published), show(d.recomputed)]);
    lines.push('', `  ${e.event}: ${e.differences.length} difference${e.differences.length === 1 ? '' : 's'}`, pad(diff).replace(/^/gm, '    '));
    if (e.differences.length > LISTED) lines.push(`    … and ${e.differences.length - LISTED} more`);
  }
  const failed = !chain.ok || events.some((e) => !e.setupMissing && (e.differences.length > 0 || e.message));
  const exit = failed ? 1 : events.some((e) => e.setupMissing) ? 2 : 0;
  lines.push(
    '',
    exit === 0
      ? `  Result: ${code} is intact and its results agree with the audit trail.`
      : exit === 1
        ? `  Result: ${code} FAILS the check.`
        : `  Result: ${code}'s chain is intact, but its results cannot be recomputed from the trail.`,
  );
  return { text: lines.join('\n'), exit };
}

async function main(): Promise<number> {
  // npm runs the script in the server's folder; a relative sqlite: path means the folder it was started from, as for `npm start`
  if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
  const { contest: wanted } = parseArgs(process.argv.slice(2));
  const config = new AppConfig({ ...process.env, LOG_LEVEL: 'error' });
  const ds = new DataSource(readOnlyOptions(config.database));
  await ds.initialize();
  try {
    if (await ds.showMigrations()) {
      console.error('The database schema is older than this version: start the server once to migrate it, then verify again. Nothing was checked.');
      return 2;
    }
    const lookup = new ContestLookup(ds.getRepository(Contest), ds.getRepository(ContestEvent), ds.getRepository(Entry), ds.getRepository(Judge));
    const contests = wanted !== null ? [await lookup.contest(wanted)] : await ds.getRepository(Contest).find({ order: { id: 'ASC' } });
    if (!contests.length) throw new CannotCheck('the database holds no contest');
    const tx = new Transactor(ds);
    const verifier = new AuditVerifyService(tx);
    const rechecks = new RecheckService(tx, lookup, new EventInputsRepository(ds), new SchemeCache());
    let exit = 0;
    for (const c of contests) {
      const r = report(c.code, await verifier.verify(c.id), await rechecks.contest(c.id));
      console.log(r.text + '\n');
      // a failure outweighs a contest that could not be rechecked
      exit = exit === 1 || r.exit === 1 ? 1 : Math.max(exit, r.exit);
    }
    return exit;
  } finally {
    await ds.destroy();
  }
}

const USAGE = 'usage: npm run verify -- --contest CODE   (every contest when --contest is left out; the database is DATABASE_URL)';

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    if (e instanceof UsageError) console.error(e.message ? `${e.message}\n${USAGE}` : USAGE);
    else if (e instanceof ConfigError) console.error(e.message);
    else console.error(e instanceof Error ? (e.message || String(e)) : String(e));
    process.exitCode = 2;
  },
);
