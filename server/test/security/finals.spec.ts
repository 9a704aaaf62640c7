import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContestFile, ContestFileInput } from '../../src/contracts/contest-file';
import { soloContest } from '../support/contests';
import { putSheet } from '../support/sheets';
import { client, judgeToken, organizerToken, startTestApp, type Reply, type TestApp } from '../support/test-app';

/**
 * Final means final: once an event is finalized, no write path changes it — not an import, a
 * contest file edit, a station draw, a sheet or any chief act — until the organizer reopens it.
 * Each refusal is a 409 naming the event, and nothing of the refused act is stored.
 */
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

/** Event `solo` (to be finalized) and event `open` with the same contestants, both marked by J1, chief J2. */
function twoEvents(code: string, pin: number): ContestFileInput {
  const file = soloContest(code, SOLO, pin);
  file.events!.push({ ...file.events![0], key: 'open', name: '公开赛' });
  file.teams = { size: 3, events: ['solo', 'open'] };
  return file;
}

const csv = (rows: string[][]) => ['参赛号,姓名,单位,赛项,工位号', ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n';

async function upload(code: string, body: string, query = ''): Promise<Reply> {
  const res = await fetch(`${t.base}/api/contests/${code}/import${query}`, { method: 'POST', headers: { authorization: `Bearer ${org}`, 'content-type': 'text/csv' }, body });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

async function fileOf(code: string): Promise<ContestFile> {
  const r = await api('GET', `/api/contests/${code}/file`, undefined, org);
  expect(r.status).toBe(200);
  return r.body;
}

/** Everything a refused act could have changed: every event's standings and finality, and the audit trail. */
async function state(code: string) {
  // the summary carries each event's latest feed seq: let a publish still under way land first
  await t.settle();
  const summary = (await api('GET', `/api/contests/${code}`)).body as { events: { key: string; final: boolean }[] };
  const standings: Record<string, unknown> = {};
  for (const e of summary.events) {
    const s = (await api('GET', `/api/contests/${code}/events/${e.key}/standings`)).body;
    standings[e.key] = { final: s.final, rows: s.rows };
  }
  const audit = (await api('GET', `/api/contests/${code}/audit`, undefined, org)).body as { id: number }[];
  return { events: summary.events, standings, audit: audit.map((a) => a.id) };
}

async function expectRefused(code: string, act: () => Promise<Reply>, event = 'solo'): Promise<Reply> {
  const before = await state(code);
  const r = await act();
  expect(r.status, JSON.stringify(r.body)).toBe(409);
  expect(r.body.message).toContain(event);
  await t.settle();
  expect(await state(code)).toEqual(before);
  return r;
}

describe('a finalized event refuses every write path', () => {
  const CODE = 'FINAL-ALL';
  let j1: string;
  let chief: string;
  let deduction: number;

  beforeAll(async () => {
    expect((await api('POST', '/api/contests', twoEvents(CODE, 410001), org)).status).toBe(201);
    j1 = await judgeToken(t.base, CODE, '410001');
    chief = await judgeToken(t.base, CODE, '410002');
    for (const [i, x] of SOLO.entries()) expect((await putSheet(api, j1, CODE, 'solo', x.station, { score: 70 + i })).status).toBe(200);
    const d = await api('POST', `/api/contests/${CODE}/events/solo/deductions`, { station: '01', points: 1, reason: '超时' }, chief);
    expect(d.status).toBe(201);
    deduction = d.body.id;
    expect((await api('POST', `/api/contests/${CODE}/events/solo/finalize`, {}, chief)).status).toBe(200);
    await t.settle();
  });

  it('a spreadsheet import, confirmed or not, and its dry run says so', async () => {
    const file = csv([['N01', '新选手', '重庆市总工会', 'solo', '']]);
    const preview = await upload(CODE, file, '?dryRun=1');
    expect(preview.status).toBe(200);
    expect(preview.body.finalEvents).toEqual(['solo']);
    await expectRefused(CODE, () => upload(CODE, file));
    await expectRefused(CODE, () => upload(CODE, file, '?confirm=1'));
  });

  it('an import that also touches an open event: nothing of it is stored', async () => {
    const r = await expectRefused(CODE, () =>
      upload(
        CODE,
        csv([
          ['N02', '新选手二', '重庆市总工会', 'open', ''],
          ['N02', '新选手二', '重庆市总工会', '调制制作', ''],
        ]),
        '?confirm=1',
      ),
    );
    expect(r.body.message).not.toContain('"open"');
  });

  it('contest file edits that change the finalized event in any way, confirmed or not', async () => {
    const edits: [string, (f: ContestFile) => void][] = [
      ['awards', (f) => (f.events[0].awards = [{ name: '金奖', count: 1 }])],
      ['a late entry', (f) => {
        f.contestants.push({ bib: 'S04', name: '迟到选手', organization: '重庆市总工会' });
        f.events[0].entries.push({ bib: 'S04', station: '04' });
      }],
      ['an entry removed', (f) => (f.events[0].entries = f.events[0].entries.slice(1))],
      ['a station', (f) => (f.events[0].entries[0].station = '09')],
      ['the panel', (f) => (f.events[0].panel = [{ judge: 'J1' }, { judge: 'J2' }])],
      ['the chief judge', (f) => (f.events[0].chiefJudge = 'J1')],
      ['the event name', (f) => (f.events[0].name = '调制制作（决赛）')],
      ['a criterion renamed', (f) => (f.events[0].criteria[0].name = '总分')],
      ['the event removed', (f) => (f.events = f.events.filter((e) => e.key !== 'solo'))],
      ['a contestant of the event renamed', (f) => (f.contestants[0].name = '改名')],
      ['a contestant of the event moving organization', (f) => (f.contestants[0].organization = '四川省总工会')],
    ];
    for (const [what, edit] of edits) {
      const file = await fileOf(CODE);
      edit(file);
      if (what === 'the event removed') file.teams = { size: 3, events: ['open'] };
      const r = await expectRefused(CODE, () => api('PUT', `/api/contests/${CODE}`, { ...file, confirm: true, reason: what }, org));
      expect(r.body.problems.length, what).toBeGreaterThan(0);
    }
  });

  it('an edit of both events is refused as a whole, naming only the finalized one', async () => {
    const file = await fileOf(CODE);
    file.events[0].name = '调制制作（决赛）';
    file.events[1].name = '公开赛（改）';
    const r = await expectRefused(CODE, () => api('PUT', `/api/contests/${CODE}`, { ...file, confirm: true }, org));
    expect(r.body.message).toMatch(/^event "solo" is finalized/);
    expect(r.body.problems.map((p: { path: string }) => p.path)).toEqual(['events[0].name']);
  });

  it('a station draw', async () => {
    await expectRefused(CODE, () => api('POST', `/api/contests/${CODE}/events/solo/draw`, { seed: 'x' }, org));
  });

  it('a station draw of a finalized event nobody marked (every entry absent)', async () => {
    const code = 'FINAL-DRAW';
    expect((await api('POST', '/api/contests', soloContest(code, SOLO, 415001), org)).status).toBe(201);
    const cj = await judgeToken(t.base, code, '415002');
    for (const x of SOLO) expect((await api('POST', `/api/contests/${code}/events/solo/entries/${x.station}/status`, { status: 'absent', reason: '缺考' }, cj)).status).toBe(200);
    expect((await api('POST', `/api/contests/${code}/events/solo/finalize`, {}, cj)).status).toBe(200);
    await t.settle();
    await expectRefused(code, () => api('POST', `/api/contests/${code}/events/solo/draw`, { seed: 'x' }, org));
  });

  it('sheets, reopening a sheet, deductions, statuses and a second finalize', async () => {
    await expectRefused(CODE, () => putSheet(api, j1, CODE, 'solo', '01', { score: 99 }));
    await expectRefused(CODE, () => api('POST', `/api/contests/${CODE}/events/solo/sheets/01/J1/reopen`, { reason: '复核' }, chief));
    await expectRefused(CODE, () => api('POST', `/api/contests/${CODE}/events/solo/deductions`, { station: '02', points: 2, reason: '违规' }, chief));
    await expectRefused(CODE, () => api('POST', `/api/contests/${CODE}/events/solo/deductions/${deduction}/void`, { reason: '撤销' }, chief));
    await expectRefused(CODE, () => api('POST', `/api/contests/${CODE}/events/solo/entries/02/status`, { status: 'disqualified', reason: '违规' }, chief));
    // the organizer acts as any chief judge, and is refused alike
    await expectRefused(CODE, () => api('POST', `/api/contests/${CODE}/events/solo/entries/02/status`, { status: 'withdrawn', reason: '退赛' }, org));
    await expectRefused(CODE, () => api('POST', `/api/contests/${CODE}/events/solo/finalize`, {}, chief));
  });

  it('changes that touch only the open event still apply', async () => {
    const file = await fileOf(CODE);
    file.events[1].name = '公开赛（改）';
    const edit = await api('PUT', `/api/contests/${CODE}`, file, org);
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    const imported = await upload(CODE, csv([['N10', '公开选手', '四川省总工会', 'open', '']]));
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect((await api('POST', `/api/contests/${CODE}/events/open/draw`, { seed: 'open' }, org)).status).toBe(200);
    expect((await api('GET', `/api/contests/${CODE}/events/solo/standings`)).body.final).toBe(true);
  });

  it('the organizer reopening the event is the way to change it', async () => {
    expect((await api('POST', `/api/contests/${CODE}/events/solo/reopen`, { reason: '补录迟到选手' }, org)).status).toBe(200);
    const r = await upload(CODE, csv([['N20', '补录选手', '重庆市总工会', 'solo', '']]), '?confirm=1');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const rows = (await api('GET', `/api/contests/${CODE}/events/solo/standings`)).body.rows as { bib: string }[];
    expect(rows.map((x) => x.bib)).toContain('N20');
  });
});

describe('an import once marking has started asks for confirmation', () => {
  const CODE = 'FINAL-CONFIRM';

  it('409 saying marking has started and what to send; the dry run names the event; confirm=1 imports and is audited', async () => {
    expect((await api('POST', '/api/contests', twoEvents(CODE, 420001), org)).status).toBe(201);
    const j1 = await judgeToken(t.base, CODE, '420001');
    expect((await putSheet(api, j1, CODE, 'open', '01', { score: 80 })).status).toBe(200);
    const file = csv([
      ['N01', '新选手', '重庆市总工会', 'open', ''],
      ['N02', '新选手二', '四川省总工会', 'solo', ''],
    ]);

    const preview = await upload(CODE, file, '?dryRun=1');
    expect(preview.body).toMatchObject({ dryRun: true, problems: [], markedEvents: ['open'], finalEvents: [] });

    const before = await state(CODE);
    const refused = await upload(CODE, file);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('marking has started');
    expect(refused.body.message).toContain('"open"');
    expect(refused.body.message).toContain('confirm=1');
    expect(refused.body.message).not.toContain('"solo"');
    expect(await state(CODE)).toEqual(before);

    expect((await upload(CODE, file, '?confirm=true')).status).toBe(200);
    const audit = (await api('GET', `/api/contests/${CODE}/audit`, undefined, org)).body as { action: string; after: { confirmed?: string[] } }[];
    expect(audit.find((a) => a.action === 'import')?.after.confirmed).toEqual(['open']);
  });

  it('an import into events nobody has marked needs no confirmation; a bad switch is a 400 naming it', async () => {
    expect((await upload(CODE, csv([['N03', '新选手三', '重庆市总工会', 'solo', '']]))).status).toBe(200);
    const bad = await upload(CODE, csv([['N04', '新选手四', '重庆市总工会', 'solo', '']]), '?confirm=yes');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('confirm');
  });
});

describe('an import racing finalize', () => {
  const CODE = 'FINAL-RACE';
  const ROUNDS = 30;

  it('never leaves a finalized event with an incomplete competing entry or changed awards', async () => {
    expect((await api('POST', '/api/contests', soloContest(CODE, SOLO, 430001), org)).status).toBe(201);
    const j1 = await judgeToken(t.base, CODE, '430001');
    const chief = await judgeToken(t.base, CODE, '430002');
    for (const [i, x] of SOLO.entries()) expect((await putSheet(api, j1, CODE, 'solo', x.station, { score: 70 + i * 5 })).status).toBe(200);
    const standings = async () => (await api('GET', `/api/contests/${CODE}/events/solo/standings`)).body as { final: boolean; rows: { bib: string; complete: boolean; status: string; award: string | null }[] };
    const awards = (rows: { bib: string; award: string | null; status: string }[]) => Object.fromEntries(rows.filter((r) => r.status === 'competing').map((r) => [r.bib, r.award]));

    let imports = 0;
    let finals = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const before = awards((await standings()).rows);
      const bib = `R${String(round).padStart(2, '0')}`;
      // public rows carry no station before the event is final, so the test names it
      const station = `5${String(round).padStart(2, '0')}`;
      const doImport = () => upload(CODE, csv([[bib, `迟到${round}`, '重庆市总工会', 'solo', station]]), '?confirm=1');
      const doFinalize = () => api('POST', `/api/contests/${CODE}/events/solo/finalize`, {}, chief);
      // both at once, each going first in turn
      const [imported, finalized] = round % 2 ? await Promise.all([doImport(), doFinalize()]) : await Promise.all([doFinalize(), doImport()]).then(([f, i]) => [i, f] as const);
      expect([200, 409], JSON.stringify(imported.body)).toContain(imported.status);
      expect([200, 409], JSON.stringify(finalized.body)).toContain(finalized.status);
      // exactly one wins: a finalize first refuses the import; an import first leaves an incomplete entry that refuses the finalize
      expect(imported.status === 200, `round ${round}`).not.toBe(finalized.status === 200);

      await t.settle();
      const after = await standings();
      if (finalized.status === 200) {
        finals++;
        expect(after.final).toBe(true);
        expect(after.rows.filter((r) => r.status === 'competing' && !r.complete)).toEqual([]);
        expect(after.rows.map((r) => r.bib)).not.toContain(bib);
        expect(awards(after.rows)).toEqual(before);
        expect((await api('POST', `/api/contests/${CODE}/events/solo/reopen`, { reason: `第${round}轮` }, org)).status).toBe(200);
      } else {
        imports++;
        expect(after.final).toBe(false);
        const late = after.rows.find((r) => r.bib === bib)!;
        expect(late.complete).toBe(false);
        // the late entry is withdrawn so the next round can finalize again
        expect((await api('POST', `/api/contests/${CODE}/events/solo/entries/${station}/status`, { status: 'withdrawn', reason: '未到场' }, chief)).status).toBe(200);
      }
    }
    const trail = (await api('GET', `/api/contests/${CODE}/audit`, undefined, org)).body as { action: string }[];
    expect(trail.filter((a) => a.action === 'import')).toHaveLength(imports);
    expect(trail.filter((a) => a.action === 'event.finalize')).toHaveLength(finals);
    expect(imports + finals).toBe(ROUNDS);
  });
});

describe('a contest file edit racing finalize', () => {
  const CODE = 'FINAL-EDIT-RACE';
  const ROUNDS = 16;

  it('either the late entry is in and the event open, or the event final and the entry refused', async () => {
    expect((await api('POST', '/api/contests', soloContest(CODE, SOLO, 440001), org)).status).toBe(201);
    const j1 = await judgeToken(t.base, CODE, '440001');
    const chief = await judgeToken(t.base, CODE, '440002');
    for (const [i, x] of SOLO.entries()) expect((await putSheet(api, j1, CODE, 'solo', x.station, { score: 70 + i * 5 })).status).toBe(200);
    const base = await fileOf(CODE);
    for (let round = 0; round < ROUNDS; round++) {
      const late = { ...base, contestants: [...base.contestants, { bib: 'L01', name: '迟到选手', organization: '重庆市总工会' }] };
      late.events = [{ ...base.events[0], entries: [...base.events[0].entries, { bib: 'L01', station: '09' }] }];
      const doEdit = () => api('PUT', `/api/contests/${CODE}`, late, org);
      const doFinalize = () => api('POST', `/api/contests/${CODE}/events/solo/finalize`, {}, chief);
      const [edited, finalized] = round % 2 ? await Promise.all([doEdit(), doFinalize()]) : await Promise.all([doFinalize(), doEdit()]).then(([f, e]) => [e, f] as const);
      expect(edited.status === 200, `round ${round}: ${JSON.stringify([edited.body, finalized.body])}`).not.toBe(finalized.status === 200);
      const s = (await api('GET', `/api/contests/${CODE}/events/solo/standings`)).body as { final: boolean; rows: { bib: string; complete: boolean; status: string }[] };
      if (finalized.status === 200) {
        expect(edited.status).toBe(409);
        expect(s.final).toBe(true);
        expect(s.rows.map((r) => r.bib)).not.toContain('L01');
        expect((await api('POST', `/api/contests/${CODE}/events/solo/reopen`, { reason: `第${round}轮` }, org)).status).toBe(200);
      } else {
        expect(s.final).toBe(false);
        expect(s.rows.find((r) => r.bib === 'L01')?.complete).toBe(false);
        // the late entry goes again (a change to a marked event: confirmed)
        expect((await api('PUT', `/api/contests/${CODE}`, { ...base, confirm: true, reason: '撤回' }, org)).status).toBe(200);
      }
    }
  });
});
