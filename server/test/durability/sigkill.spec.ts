import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bibOf, panelContest, stationOf } from '../support/contests';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { client } from '../support/test-app';

/** An acknowledged mark survives the server process being killed outright. */
const JUDGES = 4;
const STATIONS = 10;
const PASSWORD = 'sigkill-organizer-password';
const dir = mkdtempSync(join(tmpdir(), 'skillscore-kill-'));
const env = { DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, ORGANIZER_PASSWORD: PASSWORD };
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

describe('SIGKILL right after acknowledged submissions', () => {
  it('every acknowledged sheet is there after a restart on the same database, and retries store the rest once', async () => {
    const first = await startServerProcess(env);
    running.push(first);
    const api1 = client(first.base);
    const org = (await api1('POST', '/api/auth/organizer', { password: PASSWORD })).body.token;
    expect((await api1('POST', '/api/contests', panelContest('KILL', { judges: JUDGES, stations: STATIONS }), org)).status).toBe(201);
    const tokens: string[] = [];
    for (let j = 0; j < JUDGES; j++) tokens.push((await api1('POST', '/api/auth/judge', { contest: 'KILL', pin: String(200001 + j) })).body.token);

    const sent: Sent[] = [];
    for (let s = 0; s < STATIONS; s++) for (let j = 0; j < JUDGES; j++) sent.push({ judge: j, station: stationOf(s), requestId: randomUUID(), score: 60 + j + s });
    const acked: Sent[] = [];
    const killAfter = Math.floor(sent.length * 0.6);
    await Promise.allSettled(
      sent.map((x) =>
        api1('PUT', `/api/contests/KILL/events/e1/sheets/${x.station}`, { requestId: x.requestId, scores: { score: x.score } }, tokens[x.judge]).then((r) => {
          if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
          acked.push(x);
          // no await: the kill follows the acknowledgement at once
          if (acked.length === killAfter) first.child.kill('SIGKILL');
        }),
      ),
    );
    await first.kill();
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(killAfter);

    const second = await startServerProcess(env);
    running.push(second);
    const api2 = client(second.base);
    const lists: Record<string, any>[] = [];
    for (let j = 0; j < JUDGES; j++) {
      // the tablets' tokens outlive the server process
      const r = await api2('GET', '/api/contests/KILL/events/e1/sheets', undefined, tokens[j]);
      expect(r.status).toBe(200);
      lists.push(Object.fromEntries(r.body.map((x: { station: string }) => [x.station, x])));
    }
    for (const x of acked) {
      expect(lists[x.judge][x.station], `J${x.judge + 1} at ${x.station}`).toMatchObject({ status: 'submitted', scores: { score: x.score }, version: 1 });
    }
    // what was not acknowledged is either all there or not there at all
    for (const x of sent.filter((s) => !acked.includes(s))) {
      const item = lists[x.judge][x.station];
      if (item.status === 'submitted') expect(item).toMatchObject({ scores: { score: x.score }, version: 1 });
      else expect(item).toMatchObject({ status: 'open', scores: null });
    }

    // every tablet retries what it has no answer for, and also what it has (a lost answer looks the same)
    const retries = await Promise.all(sent.map((x) => api2('PUT', `/api/contests/KILL/events/e1/sheets/${x.station}`, { requestId: x.requestId, scores: { score: x.score } }, tokens[x.judge])));
    retries.forEach((r, i) => expect(r.body, JSON.stringify(sent[i])).toMatchObject({ status: 'submitted', scores: { score: sent[i].score }, version: 1 }));

    // and nothing was counted twice: one submission per sheet in the audit trail
    const org2 = (await api2('POST', '/api/auth/organizer', { password: PASSWORD })).body.token;
    const trail = await api2('GET', '/api/contests/KILL/audit?event=e1', undefined, org2);
    expect(trail.status).toBe(200);
    const submissions = trail.body.filter((a: { action: string }) => a.action === 'sheet.submit').map((a: { judge: string; station: string }) => `${a.judge}@${a.station}`);
    expect(submissions).toHaveLength(sent.length);
    expect(new Set(submissions).size).toBe(sent.length);

    const { rows } = (await api2('GET', '/api/contests/KILL/events/e1/standings')).body;
    for (let s = 0; s < STATIONS; s++) {
      const mean = Array.from({ length: JUDGES }, (_, j) => 60 + j + s).reduce((a, b) => a + b, 0) / JUDGES;
      expect(rows.find((r: { bib: string }) => r.bib === bibOf(s))).toMatchObject({ complete: true, total: mean });
    }
    await second.kill();
  });
});
