import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { panelContest, stationOf } from '../support/contests';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { client } from '../support/test-app';

/** A SIGTERM in the middle of a burst of marks: what was acknowledged is stored, once. */
const JUDGES = 5;
const STATIONS = 24;
const PASSWORD = 'shutdown-organizer-password';
const dir = mkdtempSync(join(tmpdir(), 'skillscore-term-'));
const env = { DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, ORGANIZER_PASSWORD: PASSWORD, LOG_LEVEL: 'log' };
const running: ServerProcess[] = [];

afterAll(async () => {
  for (const s of running) await s.kill();
  rmSync(dir, { recursive: true, force: true });
});

interface Sent {
  judge: number;
  station: string;
  requestId: string;
  score: number;
}

describe('SIGTERM during a burst of sheet PUTs', () => {
  it('drains: every acknowledged sheet is stored exactly once after a restart, watchers are told to reconnect, the process exits 0', async () => {
    const first = await startServerProcess(env);
    running.push(first);
    const api1 = client(first.base);
    const org = (await api1('POST', '/api/auth/organizer', { password: PASSWORD })).body.token;
    expect((await api1('POST', '/api/contests', panelContest('TERM', { judges: JUDGES, stations: STATIONS }), org)).status).toBe(201);
    const tokens: string[] = [];
    for (let j = 0; j < JUDGES; j++) tokens.push((await api1('POST', '/api/auth/judge', { contest: 'TERM', pin: String(200001 + j) })).body.token);

    // a board watching the feed: it must see the connection drop as a transport loss, which socket.io clients reconnect from
    const watcher = io(`${first.base}/live`, { transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      watcher.once('connect', () => resolve());
      watcher.once('connect_error', reject);
    });
    watcher.emit('watch', { contest: 'TERM' });
    const dropped = new Promise<string>((resolve) => watcher.once('disconnect', (reason) => resolve(reason)));

    const sent: Sent[] = [];
    for (let s = 0; s < STATIONS; s++) for (let j = 0; j < JUDGES; j++) sent.push({ judge: j, station: stationOf(s), requestId: randomUUID(), score: 50 + j + s });
    const acked: Sent[] = [];
    const refused: string[] = [];
    const termAfter = Math.floor(sent.length * 0.4);
    let termAt = 0;
    const exited = new Promise<number>((resolve) => first.child.once('exit', () => resolve(Date.now())));
    let afterTerm = 0;
    // the judges' tablets keep sending as they would: ten at a time, a wave every 15 ms
    await Promise.allSettled(
      sent.map(async (x, i) => {
        await new Promise((r) => setTimeout(r, Math.floor(i / 10) * 15));
        const r = await api1('PUT', `/api/contests/TERM/events/e1/sheets/${x.station}`, { requestId: x.requestId, scores: { score: x.score } }, tokens[x.judge]);
        if (r.status !== 200) {
          refused.push(`${r.status}`);
          return;
        }
        acked.push(x);
        if (termAt) afterTerm++;
        if (acked.length === termAfter) {
          termAt = Date.now();
          first.child.kill('SIGTERM');
        }
      }),
    );
    const exitAt = await exited;
    const drainMs = exitAt - termAt;
    console.log(`SIGTERM → exit: ${drainMs} ms; ${acked.length} of ${sent.length} PUTs acknowledged (${afterTerm} of them after the SIGTERM), ${refused.length} answered otherwise`);
    expect(first.child.exitCode).toBe(0);
    expect(drainMs).toBeLessThan(15_000);
    expect(acked.length).toBeGreaterThanOrEqual(termAfter);
    // no PUT that reached the server was answered with an error: it finished or was never taken in
    expect(refused).toEqual([]);
    expect(await dropped).toBe('transport close');
    watcher.close();
    expect(first.stdout()).toMatch(/SIGTERM: stopping/);
    expect(first.stdout()).toMatch(/stopped in \d+ ms/);

    const second = await startServerProcess(env);
    running.push(second);
    const api2 = client(second.base);
    for (let j = 0; j < JUDGES; j++) {
      const r = await api2('GET', '/api/contests/TERM/events/e1/sheets', undefined, tokens[j]);
      expect(r.status).toBe(200);
      const list = Object.fromEntries(r.body.map((x: { station: string }) => [x.station, x]));
      for (const x of acked.filter((a) => a.judge === j)) {
        expect(list[x.station], `J${j + 1} at ${x.station}`).toMatchObject({ status: 'submitted', scores: { score: x.score }, version: 1 });
      }
    }
    const org2 = (await api2('POST', '/api/auth/organizer', { password: PASSWORD })).body.token;
    const trail = await api2('GET', '/api/contests/TERM/audit?event=e1', undefined, org2);
    expect(trail.status).toBe(200);
    const submissions: string[] = trail.body.filter((a: { action: string }) => a.action === 'sheet.submit').map((a: { judge: string; station: string }) => `${a.judge}@${a.station}`);
    // stored exactly once: no sheet submitted twice, and every acknowledged one among them
    expect(new Set(submissions).size).toBe(submissions.length);
    for (const x of acked) expect(submissions).toContain(`J${String(x.judge + 1).padStart(2, '0')}@${x.station}`);
    await second.kill();
  }, 120_000);
});
