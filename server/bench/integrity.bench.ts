import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { chainHash, GENESIS, storedJson, type ChainedContent } from '../src/audit/audit-chain';
import { AuditVerifyService } from '../src/audit/audit-verify.service';
import { RecheckService } from '../src/audit/recheck.service';
import { createApp } from '../src/app.factory';
import { AppConfig } from '../src/config/config';
import type { ContestFileInput } from '../src/contracts/contest-file';
import { ContestEvent } from '../src/database/entities';
import { sqlOne, sqlRun } from '../src/database/sql';
import { describeMachine } from './machine';
import { seededRandom } from './prng';
import { printTable } from './table';

/**
 * Results integrity on SQLite, in process: the audit chain's verify over 100,000 records, and the
 * recheck of a 300-entry event marked by 7 judges (its results replayed from the trail and compared
 * with the live ones). Targets: verify ≥ 200,000 records/s, recheck < 200 ms.
 */
const RECORDS = 100_000;
const ENTRIES = 300;
const JUDGES = 7;
const RECHECKS = 15;
const PASSWORD = 'bench-organizer-password';

function contestFile(code: string, entries: number): ContestFileInput {
  const judges = Array.from({ length: JUDGES + 1 }, (_, i) => ({ key: `J${i + 1}`, name: `裁判${i + 1}`, pin: String(400001 + i) }));
  const contestants = Array.from({ length: entries }, (_, i) => ({ bib: `A${String(i + 1).padStart(3, '0')}`, name: `选手${i + 1}`, organization: `单位${i % 12}` }));
  return {
    code,
    title: '复核基准',
    locale: 'zh-CN',
    venue: '重庆',
    judges,
    contestants,
    events: [
      {
        key: 'hair',
        name: '美发',
        precision: 2,
        criteria: [
          { key: 'design', name: '造型设计', kind: 'judged', max: 40, step: 0.5 },
          { key: 'technique', name: '技术难度', kind: 'judged', max: 30, step: 0.5 },
          { key: 'finish', name: '整体效果', kind: 'judged', max: 30, step: 0.5 },
        ],
        aggregate: { over: 'criterion', method: 'trimmed', trim: 1 },
        tieBreak: [{ criterion: 'design' }, { fewerDeductions: true }],
        awards: [
          { name: '一等奖', share: 0.1 },
          { name: '二等奖', share: 0.2 },
          { name: '三等奖', share: 0.3 },
        ],
        panel: judges.slice(0, JUDGES).map((j) => ({ judge: j.key })),
        chiefJudge: `J${JUDGES + 1}`,
        entries: contestants.map((c, i) => ({ bib: c.bib, station: String(i + 1).padStart(3, '0') })),
      },
    ],
  };
}

async function call(base: string, method: string, path: string, body: unknown, token?: string): Promise<any> {
  const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** `count` sheet records chained onto a contest's trail straight in the database, as a long contest's marking would leave them. */
async function appendChained(ds: DataSource, contestId: number, count: number): Promise<void> {
  await ds.transaction(async (tx) => {
    const head = await sqlOne<{ position: number; hash: string }>(tx, `SELECT "position", "hash" FROM "audit_heads" WHERE "contestId" = ?`, [contestId]);
    let position = Number(head?.position ?? 0);
    let prev = head?.hash ?? GENESIS;
    const at = new Date().toISOString();
    const BATCH = 500;
    for (let done = 0; done < count; done += BATCH) {
      const n = Math.min(BATCH, count - done);
      const params: unknown[] = [];
      for (let i = 0; i < n; i++) {
        const k = done + i;
        const c: ChainedContent = {
          contestId,
          position: ++position,
          at,
          actor: `judge:J${(k % JUDGES) + 1}`,
          action: 'sheet.submit',
          event: 'long',
          station: String(k % ENTRIES).padStart(3, '0'),
          judge: `J${(k % JUDGES) + 1}`,
          before: null,
          after: { version: 1, scores: { design: 30 + (k % 10), technique: 20, finish: 20.5 } },
          reason: null,
        };
        prev = chainHash(prev, c);
        params.push(contestId, position, prev, c.event, c.station, c.judge, c.actor, c.action, storedJson(c.before), storedJson(c.after), c.reason, at);
      }
      const values = Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
      await sqlRun(tx, `INSERT INTO "audit_log" ("contestId", "position", "hash", "event", "station", "judge", "actor", "action", "before", "after", "reason", "at") VALUES ${values}`, params);
    }
    await sqlRun(tx, `UPDATE "audit_heads" SET "position" = ?, "hash" = ? WHERE "contestId" = ?`, [position, prev, contestId]);
  });
}

const cpuOf = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs: number[]) => Math.max(...xs);

export async function run(): Promise<void> {
  console.log(`Results integrity: audit verify and recheck (SQLite, in process) — ${describeMachine()}`);
  const dir = mkdtempSync(join(tmpdir(), 'skillscore-integrity-'));
  const app = await createApp(new AppConfig({ DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`, ORGANIZER_PASSWORD: PASSWORD, DEMO: '0', LOG_LEVEL: 'error', PORT: '0', JUDGE_APP_DIR: join(dir, 'none'), SCOREBOARD_DIR: join(dir, 'none') }));
  try {
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const org = (await call(base, 'POST', '/api/auth/organizer', { password: PASSWORD })).token as string;
    const ds = app.get(DataSource);

    // a 300-entry event marked by 7 judges through the sheet API, a few reopened and resubmitted, some deductions
    await call(base, 'POST', '/api/contests', contestFile('RECHECK', ENTRIES), org);
    const tokens = await Promise.all(Array.from({ length: JUDGES + 1 }, (_, i) => call(base, 'POST', '/api/auth/judge', { contest: 'RECHECK', pin: String(400001 + i) }).then((r) => r.token as string)));
    const rnd = seededRandom(2024);
    const mark = (max: number) => Math.round(rnd() * max * 2) / 2;
    const started = performance.now();
    for (let e = 0; e < ENTRIES; e++) {
      const station = String(e + 1).padStart(3, '0');
      await Promise.all(
        tokens.slice(0, JUDGES).map((tk) =>
          call(base, 'PUT', `/api/contests/RECHECK/events/hair/sheets/${station}`, { requestId: randomUUID(), scores: { design: mark(40), technique: mark(30), finish: mark(30) } }, tk),
        ),
      );
    }
    const chief = tokens[JUDGES];
    for (let e = 0; e < ENTRIES; e += 25) {
      const station = String(e + 1).padStart(3, '0');
      await call(base, 'POST', `/api/contests/RECHECK/events/hair/sheets/${station}/J1/reopen`, { reason: '复核' }, chief);
      await call(base, 'PUT', `/api/contests/RECHECK/events/hair/sheets/${station}`, { requestId: randomUUID(), scores: { design: 20, technique: 20, finish: 20 } }, tokens[0]);
      await call(base, 'POST', '/api/contests/RECHECK/events/hair/deductions', { station, points: 1.5, reason: '超时' }, chief);
    }
    console.log(`  marked ${ENTRIES} entries × ${JUDGES} judges through the API in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const rechecks = app.get(RecheckService);
    const contest = (await sqlOne<{ id: number }>(ds.manager, `SELECT "id" FROM "contests" WHERE "code" = 'RECHECK'`))!;
    const event = await ds.getRepository(ContestEvent).findOneByOrFail({ contestId: contest.id, key: 'hair' });
    const service: number[] = [];
    const serviceCpu: number[] = [];
    const http: number[] = [];
    let last = null as Awaited<ReturnType<RecheckService['events']>>[0] | null;
    for (let i = 0; i < RECHECKS + 3; i++) {
      let t0 = performance.now();
      const cpu = process.cpuUsage();
      [last] = await rechecks.events(contest.id, [event]);
      const ms = performance.now() - t0;
      const cpuMs = cpuOf(process.cpuUsage(cpu));
      t0 = performance.now();
      await call(base, 'GET', '/api/contests/RECHECK/events/hair/recheck', undefined, org);
      const hms = performance.now() - t0;
      // the first rounds warm the code up
      if (i >= 3) {
        service.push(ms);
        serviceCpu.push(cpuMs);
        http.push(hms);
      }
    }
    if (!last || last.differences.length) throw new Error(`the benchmark event does not recheck clean: ${JSON.stringify(last?.differences.slice(0, 3))}`);

    // a long trail: 100,000 chained records in a contest of their own
    await call(base, 'POST', '/api/contests', { ...contestFile('LONGTRAIL', 3), events: [{ ...contestFile('LONGTRAIL', 3).events![0], key: 'long' }] }, org);
    const long = (await sqlOne<{ id: number }>(ds.manager, `SELECT "id" FROM "contests" WHERE "code" = 'LONGTRAIL'`))!;
    await appendChained(ds, long.id, RECORDS);
    const verifier = app.get(AuditVerifyService);
    const rates: number[] = [];
    const cpuRates: number[] = [];
    const walls: number[] = [];
    let records = 0;
    for (let i = 0; i < 4; i++) {
      const t0 = performance.now();
      const cpu = process.cpuUsage();
      const v = await verifier.verify(long.id);
      const ms = performance.now() - t0;
      const cpuMs = cpuOf(process.cpuUsage(cpu));
      if (!v.ok) throw new Error(`the long trail does not verify: ${v.message}`);
      records = v.records;
      if (i > 0) {
        walls.push(ms);
        rates.push(v.records / (ms / 1000));
        cpuRates.push(v.records / (cpuMs / 1000));
      }
    }

    const perSecond = (x: number) => `${Math.round(x).toLocaleString('en')} records/s`;
    // a busy machine stretches the wall clock; the CPU time the process spent says what the work itself costs
    printTable([
      ['measure', 'median (wall)', 'worst (wall)', 'per CPU time', 'target', 'met'],
      [`verify, ${records.toLocaleString('en')} records`, `${perSecond(median(rates))} (${median(walls).toFixed(0)} ms)`, perSecond(Math.min(...rates)), perSecond(median(cpuRates)), '≥ 200,000 records/s', median(rates) >= 200_000 ? 'yes' : 'NO'],
      [`recheck ${ENTRIES} entries × ${JUDGES} judges (service)`, `${median(service).toFixed(1)} ms`, `${max(service).toFixed(1)} ms`, `${median(serviceCpu).toFixed(1)} ms`, '< 200 ms', median(service) < 200 ? 'yes' : 'NO'],
      [`recheck ${ENTRIES} entries × ${JUDGES} judges (HTTP)`, `${median(http).toFixed(1)} ms`, `${max(http).toFixed(1)} ms`, '', '< 200 ms', median(http) < 200 ? 'yes' : 'NO'],
    ]);
    console.log(`  the recheck replayed ${last.replayed} audit records of the event's trail`);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
