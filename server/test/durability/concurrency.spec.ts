import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StandingsService } from '../../src/standings/standings.service';
import { bibOf, panelContest, stationOf } from '../support/contests';
import { writesOf } from '../support/records';
import { putSheet, sheetsPath } from '../support/sheets';
import { client, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/** A mark is never lost or counted twice, however many tablets write at once or retry. */
const JUDGES = 20;
const STATIONS = 3;
let t: TestApp;
let api: ReturnType<typeof client>;
let org: string;
const tokens: string[] = [];
const keyOf = (j: number) => `J${String(j + 1).padStart(2, '0')}`;
const markOf = (j: number, s: number) => 50 + j + s * 0.5;

beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  org = await organizerToken(t.base);
  expect((await api('POST', '/api/contests', panelContest('CONC', { judges: JUDGES, stations: STATIONS + 2 }), org)).status).toBe(201);
  tokens.push(...(await Promise.all(Array.from({ length: JUDGES }, (_, j) => judgeToken(t.base, 'CONC', String(200001 + j))))));
});
afterAll(() => t.close());

describe('concurrent submissions', () => {
  it(`${JUDGES} judges submitting ${STATIONS} stations at once: every sheet stored exactly once`, async () => {
    const puts: Promise<{ j: number; s: number; status: number; body: any }>[] = [];
    for (let s = 0; s < STATIONS; s++) {
      for (let j = 0; j < JUDGES; j++) {
        puts.push(putSheet(api, tokens[j], 'CONC', 'e1', stationOf(s), { score: markOf(j, s) }).then((r) => ({ j, s, ...r })));
      }
    }
    const replies = await Promise.all(puts);
    for (const r of replies) {
      expect(r.status, `${keyOf(r.j)} at ${stationOf(r.s)}: ${JSON.stringify(r.body)}`).toBe(200);
      expect(r.body).toMatchObject({ station: stationOf(r.s), judge: keyOf(r.j), status: 'submitted', scores: { score: markOf(r.j, r.s) }, version: 1 });
    }

    for (let j = 0; j < JUDGES; j++) {
      const list = await api('GET', sheetsPath('CONC', 'e1'), undefined, tokens[j]);
      expect(list.status).toBe(200);
      for (let s = 0; s < STATIONS; s++) {
        expect(list.body.find((x: { station: string }) => x.station === stationOf(s))).toMatchObject({ status: 'submitted', scores: { score: markOf(j, s) }, version: 1 });
      }
    }
    for (let s = 0; s < STATIONS; s++) {
      for (let j = 0; j < JUDGES; j++) expect(await writesOf(t, 'CONC', 'e1', stationOf(s), keyOf(j))).toEqual({ versions: [1], auditedSubmissions: 1 });
    }

    const { rows } = (await api('GET', '/api/contests/CONC/events/e1/standings')).body;
    for (let s = 0; s < STATIONS; s++) {
      const expected = Array.from({ length: JUDGES }, (_, j) => markOf(j, s)).reduce((a, b) => a + b, 0) / JUDGES;
      expect(rows.find((r: { bib: string }) => r.bib === bibOf(s))).toMatchObject({ complete: true, total: Math.round(expected * 100) / 100 });
    }
  });

  it('the same request sent 5 times at once is stored once and every copy gets the same answer', async () => {
    const station = stationOf(STATIONS);
    const all = [];
    for (let j = 0; j < 5; j++) {
      const requestId = randomUUID();
      for (let k = 0; k < 5; k++) all.push(putSheet(api, tokens[j], 'CONC', 'e1', station, { score: 80 + j }, requestId).then((r) => ({ j, ...r })));
    }
    const replies = await Promise.all(all);
    for (const r of replies) {
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toEqual(replies.find((x) => x.j === r.j)!.body);
      expect(r.body).toMatchObject({ judge: keyOf(r.j), version: 1, scores: { score: 80 + r.j } });
    }
    for (let j = 0; j < 5; j++) expect(await writesOf(t, 'CONC', 'e1', station, keyOf(j))).toEqual({ versions: [1], auditedSubmissions: 1 });
  });

  it('two tablets of one judge sending different requests at once: one is stored, the other gets 409', async () => {
    const station = stationOf(STATIONS + 1);
    const replies = await Promise.all([70, 71, 72, 73].map((score) => putSheet(api, tokens[7], 'CONC', 'e1', station, { score })));
    const ok = replies.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(3);
    const list = await api('GET', sheetsPath('CONC', 'e1'), undefined, tokens[7]);
    expect(list.body.find((x: { station: string }) => x.station === station)).toMatchObject({ status: 'submitted', scores: ok[0].body.scores, version: 1 });
    expect((await writesOf(t, 'CONC', 'e1', station, keyOf(7))).versions).toEqual([1]);
  });
});

describe('sign-off racing a correction', () => {
  /**
   * Finalize checks that every competing entry is complete; a reopen landing between that check
   * and the sign-off would leave a finalized event with an open sheet nobody may resubmit. The
   * check is held open here (a slow standings computation) while the reopen is sent.
   */
  it('a finalized event never has an incomplete competing entry', async () => {
    expect((await api('POST', '/api/contests', hairContest('RACE', 1), org)).status).toBe(201);
    for (let i = 1; i <= 5; i++) {
      const token = await judgeToken(t.base, 'RACE', String(100000 + i));
      expect((await putSheet(api, token, 'RACE', 'hair', '07', { design: 30, technique: 20, finish: 20 })).status).toBe(200);
    }
    const chief = await judgeToken(t.base, 'RACE', '100006');
    await t.settle();

    const standings = t.app.get(StandingsService);
    const compute = standings.compute.bind(standings);
    let computed!: () => void;
    const finalizeChecked = new Promise<void>((r) => (computed = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    standings.compute = async (eventId: number) => {
      const result = await compute(eventId);
      computed();
      await released;
      return result;
    };
    try {
      const finalizing = api('POST', '/api/contests/RACE/events/hair/finalize', undefined, chief);
      await finalizeChecked;
      const reopening = api('POST', '/api/contests/RACE/events/hair/sheets/07/J1/reopen', { reason: '复核' }, chief);
      // let the reopen through if it can get through, then let the finalize go on
      await Promise.race([reopening, new Promise((r) => setTimeout(r, 300))]);
      standings.compute = compute;
      release();
      const [finalized, reopened] = await Promise.all([finalizing, reopening]);
      expect([finalized.status, reopened.status].sort()).toEqual([200, 409]);
    } finally {
      standings.compute = compute;
      release();
    }
    const s = (await api('GET', '/api/contests/RACE/events/hair/standings')).body;
    if (s.final) expect(s.rows[0].complete).toBe(true);
    const j1 = await judgeToken(t.base, 'RACE', '100001');
    const sheet = (await api('GET', sheetsPath('RACE', 'hair'), undefined, j1)).body[0];
    // never both: finalized and J1's sheet open
    expect(s.final && sheet.status === 'open').toBe(false);
  });
});
