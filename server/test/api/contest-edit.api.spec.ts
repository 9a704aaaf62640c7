import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContestFile, ContestFileInput } from '../../src/contracts/contest-file';
import { soloContest } from '../support/contests';
import { putSheet } from '../support/sheets';
import { client, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/** Editing a stored contest with a whole contest file, and reading it back as one. */
let t: TestApp;
let api: ReturnType<typeof client>;
let org: string;
beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  org = await organizerToken(t.base);
});
afterAll(() => t.close());

const SOLO = [
  { bib: 'S01', organization: '重庆市总工会', station: '01' },
  { bib: 'S02', organization: '四川省总工会', station: '02' },
  { bib: 'S03', organization: '重庆市总工会', station: '03' },
];

async function create(file: ContestFileInput): Promise<void> {
  const r = await api('POST', '/api/contests', file, org);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

async function fileOf(code: string): Promise<ContestFile> {
  const r = await api('GET', `/api/contests/${code}/file`, undefined, org);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

async function audit(code: string, query = ''): Promise<{ action: string; event: string | null; before: any; after: any; reason: string | null; actor: string }[]> {
  const r = await api('GET', `/api/contests/${code}/audit${query}`, undefined, org);
  expect(r.status).toBe(200);
  return r.body;
}

/** J1 marks one station of event `solo` (see soloContest), so marking has started. */
async function markOne(code: string, pin: string, station = '01', score = 80): Promise<void> {
  const j1 = await judgeToken(t.base, code, pin);
  const r = await putSheet(api, j1, code, 'solo', station, { score });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

describe('GET /api/contests/:code/file', () => {
  it('answers the whole contest as a contest file that can be posted again', async () => {
    const source = hairContest('EDIT-FILE', 3);
    source.judges = source.judges!.map((j) => (j.key === 'J7' ? { key: j.key, name: j.name } : j));
    await create(source);
    const file = await fileOf('EDIT-FILE');
    expect(file).toMatchObject({ code: 'EDIT-FILE', title: source.title, venue: source.venue, locale: 'zh-CN', teams: { size: 3, events: ['hair'] } });
    expect(file.contestants).toEqual(source.contestants);
    expect(file.events[0]).toMatchObject({ key: 'hair', name: '美发', criteria: source.events![0].criteria, aggregate: source.events![0].aggregate, entries: source.events![0].entries });
    expect(file.judges.slice(0, 6)).toEqual(source.judges!.slice(0, 6));
    // the generated PIN is in the file, and is the one that logs in
    expect(file.judges[6].pin).toMatch(/^\d{6}$/);
    expect((await api('POST', '/api/auth/judge', { contest: 'EDIT-FILE', pin: file.judges[6].pin })).status).toBe(200);

    const copy = await api('POST', '/api/contests', { ...file, code: 'EDIT-COPY' }, org);
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    expect((await fileOf('EDIT-COPY')).events).toEqual(file.events);
  });

  it('is for the organizer only', async () => {
    expect((await api('GET', '/api/contests/EDIT-FILE/file')).status).toBe(401);
    const judge = await judgeToken(t.base, 'EDIT-FILE', '100001');
    expect((await api('GET', '/api/contests/EDIT-FILE/file', undefined, judge)).status).toBe(403);
    expect((await api('GET', '/api/contests/NOPE/file', undefined, org)).status).toBe(404);
  });
});

describe('PUT /api/contests/:code', () => {
  it('sending the stored file back changes nothing and writes no audit record', async () => {
    // reading the file (with its PINs) is audited itself, so it is read before counting
    const file = await fileOf('EDIT-FILE');
    const before = await audit('EDIT-FILE');
    const r = await api('PUT', '/api/contests/EDIT-FILE', file, org);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.changes).toEqual([]);
    expect(await audit('EDIT-FILE')).toHaveLength(before.length);
  });

  it('checks the file as on create: 400 naming every field at fault, nothing stored', async () => {
    const file = await fileOf('EDIT-FILE');
    const bad = structuredClone(file);
    bad.title = '改过的标题';
    bad.events[0].criteria[1].max = 0;
    bad.events[0].panel.push({ judge: 'J99' });
    bad.contestants.push({ ...bad.contestants[0] });
    const r = await api('PUT', '/api/contests/EDIT-FILE', bad, org);
    expect(r.status).toBe(400);
    const paths = r.body.problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['events[0].criteria[1].max', 'events[0].panel[5].judge', 'contestants[3].bib']));
    expect((await fileOf('EDIT-FILE')).title).toBe(file.title);
  });

  it('400 when the body changes the code; 404 for an unknown contest; 401/403 without the organizer', async () => {
    const file = await fileOf('EDIT-FILE');
    const moved = await api('PUT', '/api/contests/EDIT-FILE', { ...file, code: 'EDIT-OTHER' }, org);
    expect(moved.status).toBe(400);
    expect(moved.body.problems).toEqual([{ path: 'code', message: expect.stringContaining('EDIT-FILE') }]);
    expect((await api('PUT', '/api/contests/NOPE', { ...file, code: 'NOPE' }, org)).status).toBe(404);
    expect((await api('PUT', '/api/contests/EDIT-FILE', file)).status).toBe(401);
    const judge = await judgeToken(t.base, 'EDIT-FILE', '100001');
    expect((await api('PUT', '/api/contests/EDIT-FILE', file, judge)).status).toBe(403);
    expect((await api('PUT', '/api/contests/EDIT-FILE', { ...file, confirm: 'yes' }, org)).status).toBe(400);
  });

  it('before marking, any edit applies at once and is audited with before and after', async () => {
    await create(soloContest('EDIT-FREE', SOLO, 310001));
    const file = await fileOf('EDIT-FREE');
    file.title = '单项赛（修订）';
    file.judges.push({ key: 'J3', name: '新评委' });
    file.contestants.push({ bib: 'S04', name: '选手4', organization: '四川省总工会' });
    file.events[0].entries.push({ bib: 'S04', station: '04' });
    file.events[0].criteria[0] = { ...file.events[0].criteria[0], max: 50, step: 1 };
    file.events[0].panel.push({ judge: 'J3' });
    const r = await api('PUT', '/api/contests/EDIT-FREE', { ...file, reason: '赛前修订' }, org);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ code: 'EDIT-FREE', title: '单项赛（修订）' });
    const j3 = r.body.judges.find((j: { key: string }) => j.key === 'J3');
    expect(j3.pin).toMatch(/^\d{6}$/);
    expect((await api('POST', '/api/auth/judge', { contest: 'EDIT-FREE', pin: j3.pin })).body.judge.key).toBe('J3');
    expect(r.body.changes.every((c: { confirmed: boolean }) => !c.confirmed)).toBe(true);

    const stored = await fileOf('EDIT-FREE');
    expect(stored.events[0].criteria[0]).toMatchObject({ max: 50, step: 1 });
    expect(stored.events[0].entries).toContainEqual({ bib: 'S04', station: '04' });
    const standings = await api('GET', '/api/contests/EDIT-FREE/events/solo/standings');
    expect(standings.body.rows.map((row: { bib: string }) => row.bib)).toContain('S04');

    const trail = await audit('EDIT-FREE');
    const contestEdit = trail.find((a) => a.action === 'contest.edit')!;
    expect(contestEdit).toMatchObject({ actor: 'organizer', event: null, reason: '赛前修订' });
    expect(contestEdit.before.title).toBe('单项赛 EDIT-FREE');
    expect(contestEdit.after.title).toBe('单项赛（修订）');
    expect(contestEdit.after['judge J3']).toEqual({ key: 'J3', name: '新评委' });
    expect(JSON.stringify(trail)).not.toContain(j3.pin);
    const eventEdit = trail.find((a) => a.action === 'event.edit')!;
    expect(eventEdit.event).toBe('solo');
    expect(eventEdit.before.criteria[0]).toMatchObject({ max: 100, step: 0.5 });
    expect(eventEdit.after.criteria[0]).toMatchObject({ max: 50, step: 1 });
    expect((await audit('EDIT-FREE', '?event=solo')).map((a) => a.action)).toContain('event.edit');
  });

  describe('once marking has started', () => {
    beforeAll(async () => {
      await create(soloContest('EDIT-MARKED', SOLO, 320001));
      await markOne('EDIT-MARKED', '320001', '01', 80);
    });

    it('409 for a change of the criteria, naming the field, and nothing changes', async () => {
      const file = await fileOf('EDIT-MARKED');
      file.events[0].criteria[0].max = 90;
      const r = await api('PUT', '/api/contests/EDIT-MARKED', file, org);
      expect(r.status).toBe(409);
      expect(r.body.problems).toEqual([{ path: 'events[0].criteria', message: expect.stringContaining('confirm') }]);
      expect((await fileOf('EDIT-MARKED')).events[0].criteria[0].max).toBe(100);
    });

    it('each kind of change that alters results is refused without confirm', async () => {
      const base = await fileOf('EDIT-MARKED');
      const edits: [string, (f: ContestFile) => void][] = [
        ['events[0].aggregate', (f) => (f.events[0].aggregate = { over: 'criterion', method: 'median' })],
        ['events[0].tieBreak', (f) => (f.events[0].tieBreak = [{ fewerDeductions: true }])],
        ['events[0].awards', (f) => (f.events[0].awards = [{ name: '一等奖', share: 0.5 }])],
        ['events[0].panel', (f) => f.events[0].panel.push({ judge: 'J2' })],
        ['events[0].precision', (f) => (f.events[0].precision = 1)],
        ['events[0].entries', (f) => f.events[0].entries.splice(2, 1)],
        ['events[0].entries[0].station', (f) => (f.events[0].entries[0].station = '09')],
        ['teams', (f) => (f.teams = { size: 2, events: ['solo'] })],
        ['contestants[0].organization', (f) => (f.contestants[0].organization = '成都市总工会')],
      ];
      for (const [path, edit] of edits) {
        const file = structuredClone(base);
        edit(file);
        const r = await api('PUT', '/api/contests/EDIT-MARKED', file, org);
        expect(r.status, path).toBe(409);
        expect(r.body.problems.map((p: { path: string }) => p.path), path).toEqual([path]);
      }
      expect(await fileOf('EDIT-MARKED')).toEqual(base);
    });

    it('changes that alter no result apply without confirm', async () => {
      const file = await fileOf('EDIT-MARKED');
      file.events[0].name = '调制制作（决赛）';
      file.events[0].criteria[0].name = '综合得分';
      file.contestants[1].name = '选手二';
      file.contestants.push({ bib: 'S09', name: '选手9', organization: '重庆市总工会' });
      file.events[0].entries.push({ bib: 'S09', station: '09' });
      const r = await api('PUT', '/api/contests/EDIT-MARKED', file, org);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.events[0].name).toBe('调制制作（决赛）');
      const rows = (await api('GET', '/api/contests/EDIT-MARKED/events/solo/standings')).body.rows;
      expect(rows.find((row: { bib: string }) => row.bib === 'S02').name).toBe('选手二');
      expect(rows.map((row: { bib: string }) => row.bib)).toContain('S09');
    });

    it('with confirm the change applies, the results follow, and the audit keeps the reason', async () => {
      const file = await fileOf('EDIT-MARKED');
      file.events[0].criteria[0] = { ...file.events[0].criteria[0], weight: 0.5 };
      file.events[0].entries = file.events[0].entries.filter((x) => x.bib !== 'S03');
      const r = await api('PUT', '/api/contests/EDIT-MARKED', { ...file, confirm: true, reason: '按组委会通知调整权重' }, org);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.changes.filter((c: { confirmed: boolean }) => c.confirmed).map((c: { what: string }) => c.what).sort()).toEqual(['criteria', 'entry S03']);
      const rows = (await api('GET', '/api/contests/EDIT-MARKED/events/solo/standings')).body.rows;
      expect(rows.find((row: { bib: string }) => row.bib === 'S01').total).toBe(40);
      expect(rows.map((row: { bib: string }) => row.bib)).not.toContain('S03');
      const edit = (await audit('EDIT-MARKED', '?event=solo')).find((a) => a.action === 'event.edit' && a.reason === '按组委会通知调整权重')!;
      expect(edit.before['entry S03']).toEqual({ bib: 'S03', station: '03' });
      expect(edit.after.confirmed.sort()).toEqual(['criteria', 'entry S03']);
    });

    it('400 when stored marks would not fit the new max or step, even with confirm', async () => {
      const file = await fileOf('EDIT-MARKED');
      file.events[0].criteria[0] = { ...file.events[0].criteria[0], max: 60, step: 0.5 };
      const low = await api('PUT', '/api/contests/EDIT-MARKED', { ...file, confirm: true }, org);
      expect(low.status).toBe(400);
      expect(low.body.problems).toEqual([{ path: 'events[0].criteria[0].max', message: expect.stringContaining('80') }]);
      file.events[0].criteria[0] = { ...file.events[0].criteria[0], max: 99, step: 3 };
      const step = await api('PUT', '/api/contests/EDIT-MARKED', { ...file, confirm: true }, org);
      expect(step.status).toBe(400);
      expect(step.body.problems.map((p: { path: string }) => p.path)).toEqual(['events[0].criteria[0].step']);
    });

    it('a new PIN ends the judge’s sessions; a PIN another judge has is refused', async () => {
      const old = await judgeToken(t.base, 'EDIT-MARKED', '320001');
      const file = await fileOf('EDIT-MARKED');
      const clash = structuredClone(file);
      delete clash.judges[1].pin;
      clash.judges[0].pin = '320002';
      // J2's PIN is left out (kept as stored), and J1 may not take it
      const refused = await api('PUT', '/api/contests/EDIT-MARKED', clash, org);
      expect(refused.status).toBe(400);
      expect(refused.body.problems).toEqual([{ path: 'judges[0].pin', message: expect.stringContaining('J2') }]);

      file.judges[0].pin = '654321';
      const r = await api('PUT', '/api/contests/EDIT-MARKED', file, org);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.judges[0]).toEqual({ key: 'J1', name: '评委甲', pin: '654321' });
      expect((await api('GET', '/api/contests/EDIT-MARKED/events/solo/sheets', undefined, old)).status).toBe(401);
      expect((await api('POST', '/api/auth/judge', { contest: 'EDIT-MARKED', pin: '320001' })).status).toBe(401);
      expect((await api('POST', '/api/auth/judge', { contest: 'EDIT-MARKED', pin: '654321' })).status).toBe(200);

      // two judges may swap PINs in one edit
      const swap = await fileOf('EDIT-MARKED');
      [swap.judges[0].pin, swap.judges[1].pin] = [swap.judges[1].pin, swap.judges[0].pin];
      expect((await api('PUT', '/api/contests/EDIT-MARKED', swap, org)).status).toBe(200);
      expect((await api('POST', '/api/auth/judge', { contest: 'EDIT-MARKED', pin: '654321' })).body.judge.key).toBe('J2');
    });
  });

  it('a finalized event must be reopened first, confirm or not', async () => {
    await create(soloContest('EDIT-FINAL', SOLO, 330001));
    const j1 = await judgeToken(t.base, 'EDIT-FINAL', '330001');
    for (const [i, x] of SOLO.entries()) expect((await putSheet(api, j1, 'EDIT-FINAL', 'solo', x.station, { score: 70 + i })).status).toBe(200);
    const chief = await judgeToken(t.base, 'EDIT-FINAL', '330002');
    expect((await api('POST', '/api/contests/EDIT-FINAL/events/solo/finalize', {}, chief)).status).toBe(200);

    const file = await fileOf('EDIT-FINAL');
    file.events[0].awards = [{ name: '金奖', count: 1 }];
    const refused = await api('PUT', '/api/contests/EDIT-FINAL', { ...file, confirm: true }, org);
    expect(refused.status).toBe(409);
    expect(refused.body.problems).toEqual([{ path: 'events[0].awards', message: expect.stringContaining('reopen') }]);

    const added = await fileOf('EDIT-FINAL');
    added.contestants.push({ bib: 'S05', name: '迟到选手', organization: '重庆市总工会' });
    added.events[0].entries.push({ bib: 'S05', station: '05' });
    expect((await api('PUT', '/api/contests/EDIT-FINAL', { ...added, confirm: true }, org)).status).toBe(409);

    expect((await api('POST', '/api/contests/EDIT-FINAL/events/solo/reopen', { reason: '更正奖项设置' }, org)).status).toBe(200);
    const r = await api('PUT', '/api/contests/EDIT-FINAL', { ...file, confirm: true, reason: '更正奖项设置' }, org);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const rows = (await api('GET', '/api/contests/EDIT-FINAL/events/solo/standings')).body.rows;
    expect(rows.map((row: { award: string | null }) => row.award)).toEqual(['金奖', null, null]);
  });

  it('removing an event that was never marked applies at once; a marked one needs confirm', async () => {
    const file = soloContest('EDIT-EVENTS', SOLO, 340001);
    file.events!.push({ ...file.events![0], key: 'duo', name: '双人赛' });
    await create(file);
    await markOne('EDIT-EVENTS', '340001', '01', 60);
    const stored = await fileOf('EDIT-EVENTS');
    const withoutDuo = { ...stored, events: stored.events.filter((e) => e.key !== 'duo'), teams: { size: 3, events: ['solo'] } };
    const r = await api('PUT', '/api/contests/EDIT-EVENTS', withoutDuo, org);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.events.map((e: { key: string }) => e.key)).toEqual(['solo']);
    expect((await api('GET', '/api/contests/EDIT-EVENTS/events/duo/standings')).status).toBe(404);

    const withoutSolo = { ...withoutDuo, events: [], teams: undefined };
    const refused = await api('PUT', '/api/contests/EDIT-EVENTS', withoutSolo, org);
    expect(refused.status).toBe(409);
    expect(refused.body.problems.map((p: { path: string }) => p.path)).toContain('events');
  });
});
