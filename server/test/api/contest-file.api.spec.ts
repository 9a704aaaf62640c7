import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContestFileInput } from '../../src/contracts/contest-file';
import { client, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/** Contract §1: the contest file, judge cards and the public contest summary. */
let t: TestApp;
let api: ReturnType<typeof client>;
let org: string;
beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  org = await organizerToken(t.base);
});
afterAll(() => t.close());

describe('POST /api/contests', () => {

  it('201 with the contest summary and the judges with their PINs', async () => {
    const r = await api('POST', '/api/contests', hairContest('FILE-OK'), org);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      code: 'FILE-OK',
      title: '2024年“碚广”双城美容美发行业劳动和技能竞赛暨川渝邀请赛',
      venue: '重庆市北碚区',
      locale: 'zh-CN',
      events: [{ key: 'hair', name: '美发', final: false }],
    });
    expect(r.body.judges).toHaveLength(7);
    expect(r.body.judges[0]).toEqual({ key: 'J1', name: '裁判1', pin: '100001' });
  });

  it('a file without a pin gets a generated 6-digit PIN, shown to the organizer and usable at login', async () => {
    const file = hairContest('FILE-PIN');
    file.judges = file.judges!.map((j) => (j.key === 'J2' || j.key === 'J6' ? { key: j.key, name: j.name } : j));
    const r = await api('POST', '/api/contests', file, org);
    expect(r.status).toBe(201);
    const generated = r.body.judges.filter((j: { key: string }) => j.key === 'J2' || j.key === 'J6');
    expect(generated).toHaveLength(2);
    for (const j of generated) expect(j.pin).toMatch(/^\d{6}$/);
    const pins = r.body.judges.map((j: { pin: string }) => j.pin);
    expect(new Set(pins).size).toBe(pins.length);

    const cards = await api('GET', '/api/contests/FILE-PIN/judges', undefined, org);
    expect(cards.status).toBe(200);
    for (const j of generated) expect(cards.body.find((c: { key: string }) => c.key === j.key)).toMatchObject({ key: j.key, pin: j.pin });
    expect(cards.body.find((c: { key: string }) => c.key === 'J1')).toMatchObject({ key: 'J1', name: '裁判1', pin: '100001' });

    const login = await api('POST', '/api/auth/judge', { contest: 'FILE-PIN', pin: generated[0].pin });
    expect(login.status).toBe(200);
    expect(login.body.judge.key).toBe(generated[0].key);
  });

  it('400 lists every problem of the file at once, naming each field, and stores nothing', async () => {
    const bad: ContestFileInput = {
      code: 'FILE-BAD',
      title: '问题文件',
      judges: [
        { key: 'J1', name: '甲', pin: '111111' },
        { key: 'J2', name: '乙', pin: '222222' },
      ],
      contestants: [
        { bib: 'A001', name: '王一', organization: '广安市总工会' },
        { bib: 'A002', name: '王二', organization: '广安市总工会' },
        { bib: 'A001', name: '王三', organization: '北碚区总工会' },
      ],
      events: [
        {
          key: 'hair',
          name: '美发',
          criteria: [
            { key: 'design', name: '造型', kind: 'judged', max: 0, step: 0.5 },
            { key: 'finish', name: '效果', kind: 'judged', max: 10, step: 3 },
          ],
          awards: [
            { name: '一等奖', share: 0.6 },
            { name: '二等奖', share: 0.5 },
          ],
          panel: [{ judge: 'J1' }, { judge: 'J8' }],
          chiefJudge: 'J9',
          entries: [
            { bib: 'A001', station: '01' },
            { bib: 'A002', station: '01' },
          ],
        },
      ],
    };
    const r = await api('POST', '/api/contests', bad, org);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const expected: [string, RegExp][] = [
      ['contestants[2].bib', /duplicate bib/],
      ['events[0].entries[1].station', /duplicate station/],
      ['events[0].criteria[0].max', /greater than 0/],
      ['events[0].criteria[1].step', /divide/],
      ['events[0].awards', /more than 1/],
      ['events[0].panel[1].judge', /J8/],
      ['events[0].chiefJudge', /J9/],
    ];
    for (const [path, message] of expected) {
      expect(r.body.problems, path).toContainEqual({ path, message: expect.stringMatching(message) });
      expect(r.body.message).toContain(path);
    }

    expect((await api('GET', '/api/contests/FILE-BAD')).status).toBe(404);
    const good = hairContest('FILE-BAD');
    const again = await api('POST', '/api/contests', good, org);
    expect(again.status).toBe(201);
  });

  it('400 lists shape problems and rule problems together', async () => {
    const file = hairContest('FILE-MIXED', 2) as { contestants: { name: string }[]; events: { entries: { station: string }[] }[] };
    file.contestants[0].name = '';
    file.events[0].entries[1].station = file.events[0].entries[0].station;
    const r = await api('POST', '/api/contests', file, org);
    expect(r.status).toBe(400);
    expect(r.body.problems).toContainEqual({ path: 'contestants[0].name', message: expect.stringMatching(/empty/) });
    expect(r.body.problems).toContainEqual({ path: 'events[0].entries[1].station', message: expect.stringMatching(/duplicate station/) });
  });

  it('400 for a file that is not a contest file, naming the missing field', async () => {
    const r = await api('POST', '/api/contests', { title: '无代码' }, org);
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('code');
    const arr = await api('POST', '/api/contests', [1, 2], org);
    expect(arr.status).toBe(400);
  });

  it('409 when the code exists, and the first contest is left as it was', async () => {
    expect((await api('POST', '/api/contests', hairContest('FILE-DUP'), org)).status).toBe(201);
    const other = hairContest('FILE-DUP', 5);
    other.title = '另一个标题';
    const r = await api('POST', '/api/contests', other, org);
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ statusCode: 409, error: 'Conflict', message: expect.stringContaining('FILE-DUP') });
    const s = await api('GET', '/api/contests/FILE-DUP');
    expect(s.body.title).toBe(hairContest('FILE-DUP').title);
  });

  it('409 for a code that differs only in letter case, since judges type it in any case', async () => {
    expect((await api('POST', '/api/contests', hairContest('CaseCode'), org)).status).toBe(201);
    const file = hairContest('casecode');
    file.judges = file.judges!.map((j, i) => ({ ...j, pin: String(500001 + i) }));
    const r = await api('POST', '/api/contests', file, org);
    expect(r.status).toBe(409);
    const login = await api('POST', '/api/auth/judge', { contest: 'casecode', pin: '100001' });
    expect(login.status).toBe(200);
    expect(login.body.judge.key).toBe('J1');
  });

  it('401 without a token and 403 with a judge token; neither stores anything', async () => {
    const none = await api('POST', '/api/contests', hairContest('FILE-AUTH'));
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    const garbage = await api('POST', '/api/contests', hairContest('FILE-AUTH'), 'not-a-token');
    expect(garbage.status).toBe(401);
    const judge = await judgeToken(t.base, 'FILE-OK', '100001');
    const forbidden = await api('POST', '/api/contests', hairContest('FILE-AUTH'), judge);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    expect((await api('GET', '/api/contests/FILE-AUTH')).status).toBe(404);
    expect((await api('POST', '/api/contests', hairContest('FILE-AUTH'), org)).status).toBe(201);
  });
});

describe('GET /api/contests/:code/judges (organizer)', () => {
  beforeAll(async () => {
    expect((await api('POST', '/api/contests', hairContest('CARDS'), org)).status).toBe(201);
  });

  it('lists every judge with PIN and role per event', async () => {
    const r = await api('GET', '/api/contests/CARDS/judges', undefined, org);
    expect(r.status).toBe(200);
    expect(r.body.map((j: { key: string }) => j.key)).toEqual(['J1', 'J2', 'J3', 'J4', 'J5', 'J6', 'J7']);
    expect(r.body[0]).toMatchObject({ key: 'J1', pin: '100001', events: [{ key: 'hair', role: 'judge' }] });
    expect(r.body[5]).toMatchObject({ key: 'J6', pin: '100006', events: [{ key: 'hair', role: 'chief' }] });
    expect(r.body[6]).toMatchObject({ key: 'J7', events: [] });
  });

  it('401 without a token, 403 for a judge, 404 for an unknown contest', async () => {
    expect((await api('GET', '/api/contests/CARDS/judges')).status).toBe(401);
    const judge = await judgeToken(t.base, 'CARDS', '100006');
    expect((await api('GET', '/api/contests/CARDS/judges', undefined, judge)).status).toBe(403);
    const missing = await api('GET', '/api/contests/NOPE/judges', undefined, org);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('NOPE');
  });
});

describe('GET /api/contests/:code (public)', () => {
  beforeAll(async () => {
    const file = hairContest('SUMMARY');
    file.events = [file.events![0], { ...file.events![0], key: 'beauty', name: '美容' }];
    file.teams = { size: 3, events: ['hair', 'beauty'] };
    expect((await api('POST', '/api/contests', file, org)).status).toBe(201);
  });

  it('answers { code, title, venue, locale, events: [{ key, name, final }] } without a login', async () => {
    const r = await api('GET', '/api/contests/SUMMARY');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      code: 'SUMMARY',
      title: hairContest().title,
      venue: '重庆市北碚区',
      locale: 'zh-CN',
    });
    expect(r.body.events).toEqual([
      expect.objectContaining({ key: 'hair', name: '美发', final: false }),
      expect.objectContaining({ key: 'beauty', name: '美容', final: false }),
    ]);
    expect(JSON.stringify(r.body)).not.toMatch(/pin|100001/i);
  });

  it('404 JSON for an unknown contest', async () => {
    const r = await api('GET', '/api/contests/NOSUCH');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ statusCode: 404, error: 'Not Found', message: expect.stringContaining('NOSUCH') });
  });
});
