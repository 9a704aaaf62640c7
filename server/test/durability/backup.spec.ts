import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { panelContest, stationOf } from '../support/contests';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { client } from '../support/test-app';

// better-sqlite3 ships no type declarations; this is the little of it the test reads the copy with
interface SqliteCopy {
  pragma(source: string, options: { simple: true }): unknown;
  prepare(sql: string): { all(): unknown[]; get(): unknown };
  close(): void;
}
type SqliteOpen = new (path: string, options: { readonly: boolean; fileMustExist: boolean }) => SqliteCopy;
const openCopy = async (path: string): Promise<SqliteCopy> => {
  const name = 'better-sqlite3';
  const Database = ((await import(name)) as { default: SqliteOpen }).default;
  return new Database(path, { readonly: true, fileMustExist: true });
};

/** `npm run backup` while the server takes marks: a sound copy with everything acknowledged before it. */
const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '..', '..', 'scripts', 'backup.mjs');
const JUDGES = 4;
const STATIONS = 30;
const PASSWORD = 'backup-organizer-password';
const dir = mkdtempSync(join(tmpdir(), 'skillscore-backup-'));
const env = { DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, ORGANIZER_PASSWORD: PASSWORD };
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run backup', () => {
  it('copies the live database consistently while PUTs keep arriving', async () => {
    server = await startServerProcess(env);
    const api = client(server.base);
    const org = (await api('POST', '/api/auth/organizer', { password: PASSWORD })).body.token;
    expect((await api('POST', '/api/contests', panelContest('BACK', { judges: JUDGES, stations: STATIONS }), org)).status).toBe(201);
    const tokens: string[] = [];
    for (let j = 0; j < JUDGES; j++) tokens.push((await api('POST', '/api/auth/judge', { contest: 'BACK', pin: String(200001 + j) })).body.token);
    const put = (j: number, s: number) => api('PUT', `/api/contests/BACK/events/e1/sheets/${stationOf(s)}`, { requestId: randomUUID(), scores: { score: 40 + j + s } }, tokens[j]);

    // acknowledged before the backup starts
    const before: string[] = [];
    for (let s = 0; s < STATIONS / 2; s++) {
      const replies = await Promise.all(Array.from({ length: JUDGES }, (_, j) => put(j, s)));
      replies.forEach((r, j) => {
        expect(r.status).toBe(200);
        before.push(`J${String(j + 1).padStart(2, '0')}@${stationOf(s)}`);
      });
    }

    // the rest keeps arriving while the copy is taken
    let during = 0;
    const stream = (async () => {
      for (let s = STATIONS / 2; s < STATIONS; s++) {
        const replies = await Promise.all(Array.from({ length: JUDGES }, (_, j) => put(j, s)));
        during += replies.filter((r) => r.status === 200).length;
      }
    })();
    const dest = join(dir, 'copies', 'during.sqlite');
    const { stdout } = await run(process.execPath, [SCRIPT, dest], { env: { ...process.env, ...env } });
    await stream;
    expect(during).toBe((JUDGES * STATIONS) / 2);
    expect(stdout).toMatch(/integrity ok/);
    expect(existsSync(join(dir, 'copies', 'during.secret.key'))).toBe(true);
    expect(statSync(dest).mode & 0o777).toBe(0o600);

    const copy = await openCopy(dest);
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = copy
        .prepare(`SELECT j."key" AS judge, e."station" AS station FROM "sheets" s JOIN "judges" j ON j."id" = s."judgeId" JOIN "entries" e ON e."id" = s."entryId" WHERE s."status" = 'submitted'`)
        .all() as { judge: string; station: string }[];
      const keys = new Set(stored.map((r) => `${r.judge}@${r.station}`));
      for (const k of before) expect(keys.has(k), k).toBe(true);
      // a copy of one moment: every stored sheet has its audit record, nothing is half there
      const audited = copy.prepare(`SELECT COUNT(*) AS n FROM "audit_log" WHERE "action" = 'sheet.submit'`).get() as { n: number };
      expect(audited.n).toBe(stored.length);
    } finally {
      copy.close();
    }

    // a folder as the destination: a dated name inside it
    await run(process.execPath, [SCRIPT, join(dir, 'folder') + '/'], { env: { ...process.env, ...env } });
    expect(readdirSync(join(dir, 'folder')).filter((f) => /^scoring-\d{8}-\d{6}\.sqlite$/.test(f))).toHaveLength(1);
  }, 120_000);

  it('refuses a PostgreSQL database politely and prints the pg_dump command, without the password', async () => {
    const failure = await run(process.execPath, [SCRIPT], { env: { ...process.env, DATABASE_URL: 'postgres://scoring:s3cret-pw@db.local:5432/scoring' } }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/pg_dump --format=custom/);
    expect(failure?.stderr).toMatch(/pg_restore/);
    expect(failure?.stderr).not.toContain('s3cret-pw');
  });
});
