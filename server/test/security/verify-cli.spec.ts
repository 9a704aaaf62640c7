import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlOne, sqlRun } from '../../src/database/sql';
import { putSheet } from '../support/sheets';
import { client, hairBib, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/**
 * `npm run verify -- --contest CODE` against the database a test server writes: the chain and
 * every event's recheck in a table, exit code 0 when all agree, 1 after a change made straight in
 * the database, 2 when it cannot check.
 */
const SERVER = resolve(__dirname, '..', '..');
const ROOT = resolve(SERVER, '..');
const CODE = 'VERIFYCLI';
let t: TestApp;
let em: EntityManager;
let databaseUrl: string;

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, DATABASE_URL: databaseUrl, INIT_CWD: cwd } });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out, err }));
  });
}

const verify = (...args: string[]) => run(process.execPath, ['-r', '@swc-node/register', 'src/cli/verify.ts', ...args], SERVER);

beforeAll(async () => {
  t = await startTestApp();
  em = t.app.get(DataSource).manager;
  const marker = join(t.dir, 'postgres-database');
  if (process.env.TEST_DATABASE_URL) {
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.pathname = `/${readFileSync(marker, 'utf8')}`;
    databaseUrl = url.toString();
  } else databaseUrl = `sqlite:${join(t.dir, 'test.sqlite')}`;
  const api = client(t.base);
  const org = await organizerToken(t.base);
  expect((await api('POST', '/api/contests', hairContest(CODE, 3), org)).status).toBe(201);
  const judges = await Promise.all([1, 2, 3, 4, 5].map((i) => judgeToken(t.base, CODE, String(100000 + i))));
  for (const station of ['07', '08', '09']) {
    for (const [i, j] of judges.entries()) expect((await putSheet(api, j, CODE, 'hair', station, { design: 30 + i, technique: 20, finish: 20 })).status).toBe(200);
  }
}, 60_000);
afterAll(() => t.close());

describe('npm run verify', () => {
  it('reports an intact chain and agreeing results, and exits 0', async () => {
    const r = await run('npm', ['run', 'verify', '--', '--contest', CODE], ROOT);
    expect(r.code, r.err + r.out).toBe(0);
    expect(r.out).toContain(`Contest ${CODE}`);
    expect(r.out).toMatch(/Audit chain: intact — \d+ records, head [0-9a-f]{64}/);
    expect(r.out).toMatch(/hair\s+3\s+\d+\s+0\s+agrees with the audit trail/);
  }, 60_000);

  it('exits 1 and names bib and field after a mark is changed in the database', async () => {
    const sheet = (await sqlOne<{ id: number; scores: string }>(
      em,
      `SELECT s."id" AS "id", s."scores" AS "scores" FROM "sheets" s JOIN "entries" n ON n."id" = s."entryId" JOIN "judges" j ON j."id" = s."judgeId" WHERE n."station" = '08' AND j."key" = 'J2'`,
    ))!;
    const scores = JSON.parse(sheet.scores) as Record<string, number>;
    await sqlRun(em, `UPDATE "sheets" SET "scores" = ? WHERE "id" = ?`, [JSON.stringify({ ...scores, design: 4000 }), sheet.id]);
    try {
      const r = await verify('--contest', CODE);
      expect(r.code, r.err + r.out).toBe(1);
      expect(r.out).toContain('DIFFERS');
      expect(r.out).toMatch(new RegExp(`${hairBib('08')}\\s+parts\\.design\\s+33\\s+32`));
      expect(r.out).toContain('FAILS');
    } finally {
      await sqlRun(em, `UPDATE "sheets" SET "scores" = ? WHERE "id" = ?`, [sheet.scores, sheet.id]);
    }
  }, 60_000);

  it('exits 1 on a broken chain, 2 for an unknown contest; it never writes', async () => {
    const record = (await sqlOne<{ id: number; reason: string | null }>(em, `SELECT "id", "reason" FROM "audit_log" WHERE "action" = 'sheet.submit' ORDER BY "id" LIMIT 1`))!;
    const heads = await sqlOne<{ n: number }>(em, `SELECT COUNT(*) AS "n" FROM "audit_log"`);
    await sqlRun(em, `UPDATE "audit_log" SET "reason" = ? WHERE "id" = ?`, ['改过', record.id]);
    try {
      const r = await verify('--contest', CODE);
      expect(r.code, r.err + r.out).toBe(1);
      expect(r.out).toMatch(/Audit chain: BROKEN at record \d+/);
    } finally {
      await sqlRun(em, `UPDATE "audit_log" SET "reason" = ? WHERE "id" = ?`, [record.reason, record.id]);
    }
    const unknown = await verify('--contest', 'NO-SUCH');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('NO-SUCH');
    expect(await sqlOne<{ n: number }>(em, `SELECT COUNT(*) AS "n" FROM "audit_log"`)).toEqual(heads);
  }, 60_000);
});
