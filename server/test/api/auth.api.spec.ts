import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGANIZER_PASSWORD, client, hairContest, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/** Contract §1–2: organizer and judge login, sessions, brute-force throttle. */
let t: TestApp;
let api: ReturnType<typeof client>;
let org: string;
beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  org = await organizerToken(t.base);
  expect((await api('POST', '/api/contests', hairContest('AUTH'), org)).status).toBe(201);
  // J1 is both on the panel and the chief judge of this one
  const both = hairContest('AUTH-CHIEF');
  both.events![0].chiefJudge = 'J1';
  both.events = [both.events![0], { ...hairContest().events![0], key: 'beauty', name: '美容', panel: [{ judge: 'J2' }, { judge: 'J3' }, { judge: 'J4' }] }];
  both.teams = { size: 3, events: ['hair', 'beauty'] };
  expect((await api('POST', '/api/contests', both, org)).status).toBe(201);
  expect((await api('POST', '/api/contests', hairContest('THROTTLE'), org)).status).toBe(201);
  expect((await api('POST', '/api/contests', hairContest('THROTTLE-OK'), org)).status).toBe(201);
});
afterAll(() => t.close());

describe('POST /api/auth/organizer', () => {
  it('200 { token } for the right password; the token opens organizer endpoints', async () => {
    const r = await api('POST', '/api/auth/organizer', { password: ORGANIZER_PASSWORD });
    expect(r.status).toBe(200);
    expect(r.body.token).toEqual(expect.any(String));
    expect(r.body.token.length).toBeGreaterThanOrEqual(20);
    expect((await api('GET', '/api/contests/AUTH/judges', undefined, r.body.token)).status).toBe(200);
  });

  it('401 JSON for a wrong password', async () => {
    const r = await api('POST', '/api/auth/organizer', { password: 'wrong-password' });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
    expect(r.body.token).toBeUndefined();
  });

  it('400 naming the field when the password is missing', async () => {
    const r = await api('POST', '/api/auth/organizer', {});
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('password');
  });
});

describe('POST /api/auth/judge', () => {
  it('200 { token, judge: { key, name }, events: [{ key, name, role }] } for a panel judge', async () => {
    const r = await api('POST', '/api/auth/judge', { contest: 'AUTH', pin: '100003' });
    expect(r.status).toBe(200);
    expect(r.body.token).toEqual(expect.any(String));
    expect(r.body.judge).toEqual({ key: 'J3', name: '裁判3' });
    expect(r.body.events).toEqual([{ key: 'hair', name: '美发', role: 'judge' }]);
  });

  it('role "chief" for the chief judge, none for a judge on no panel', async () => {
    const chief = await api('POST', '/api/auth/judge', { contest: 'AUTH', pin: '100006' });
    expect(chief.status).toBe(200);
    expect(chief.body.judge).toEqual({ key: 'J6', name: '裁判6' });
    expect(chief.body.events).toEqual([{ key: 'hair', name: '美发', role: 'chief' }]);
    const spare = await api('POST', '/api/auth/judge', { contest: 'AUTH', pin: '100007' });
    expect(spare.status).toBe(200);
    expect(spare.body.events).toEqual([]);
  });

  it('a judge on the panel who is also the chief gets "chief" and may still mark; roles are per event', async () => {
    const r = await api('POST', '/api/auth/judge', { contest: 'AUTH-CHIEF', pin: '100001' });
    expect(r.status).toBe(200);
    expect(r.body.events).toEqual([{ key: 'hair', name: '美发', role: 'chief' }]);
    const put = await api('PUT', '/api/contests/AUTH-CHIEF/events/hair/sheets/07', { requestId: crypto.randomUUID(), scores: { design: 30, technique: 20, finish: 20 } }, r.body.token);
    expect(put.status).toBe(200);
    const j2 = await api('POST', '/api/auth/judge', { contest: 'AUTH-CHIEF', pin: '100002' });
    expect(j2.body.events).toEqual([
      { key: 'hair', name: '美发', role: 'judge' },
      { key: 'beauty', name: '美容', role: 'judge' },
    ]);
    const j6 = await api('POST', '/api/auth/judge', { contest: 'AUTH-CHIEF', pin: '100006' });
    expect(j6.body.events).toEqual([{ key: 'beauty', name: '美容', role: 'chief' }]);
  });

  it('401 for a wrong PIN and for an unknown contest', async () => {
    const wrong = await api('POST', '/api/auth/judge', { contest: 'AUTH', pin: '999999' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    expect(wrong.body.token).toBeUndefined();
    expect((await api('POST', '/api/auth/judge', { contest: 'NOPE', pin: '100001' })).status).toBe(401);
  });

  it('400 naming the field when contest or pin is missing', async () => {
    const r = await api('POST', '/api/auth/judge', { contest: 'AUTH' });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('pin');
    const c = await api('POST', '/api/auth/judge', { pin: '100001' });
    expect(c.status).toBe(400);
    expect(c.body.message).toContain('contest');
  });

  it('logging in again keeps the first session valid (a spare tablet)', async () => {
    const first = await api('POST', '/api/auth/judge', { contest: 'AUTH', pin: '100002' });
    const second = await api('POST', '/api/auth/judge', { contest: 'AUTH', pin: '100002' });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.token).not.toBe(first.body.token);
    for (const token of [first.body.token, second.body.token]) {
      expect((await api('GET', '/api/contests/AUTH/events/hair/sheets', undefined, token)).status).toBe(200);
    }
  });

  it('429 with Retry-After once one source has failed 10 times within the window, even with the right PIN', async () => {
    for (let i = 0; i < 10; i++) {
      const r = await api('POST', '/api/auth/judge', { contest: 'THROTTLE', pin: String(900000 + i) });
      expect(r.status, `attempt ${i + 1}`).toBe(401);
    }
    const blocked = await api('POST', '/api/auth/judge', { contest: 'THROTTLE', pin: '900010' });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', message: expect.any(String) });
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    const right = await api('POST', '/api/auth/judge', { contest: 'THROTTLE', pin: '100001' });
    expect(right.status).toBe(429);
    expect(right.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('a successful login in between does not wipe the count: a judge cannot guess other PINs nine at a time', async () => {
    const attempt = (pin: string) => api('POST', '/api/auth/judge', { contest: 'THROTTLE-OK', pin });
    for (let i = 0; i < 9; i++) expect((await attempt(String(910000 + i))).status).toBe(401);
    expect((await attempt('100001')).status).toBe(200);
    expect((await attempt('910009')).status).toBe(401);
    const blocked = await attempt('910010');
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('tokens', () => {
  it('401 for a missing, garbage or malformed Authorization header', async () => {
    const path = '/api/contests/AUTH/events/hair/sheets';
    const none = await api('GET', path);
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: expect.stringMatching(/token/i) });
    expect((await api('GET', path, undefined, 'garbage')).status).toBe(401);
    const basic = await fetch(t.base + path, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.status).toBe(401);
  });
});

describe('expired tokens', () => {
  let short: TestApp;
  beforeAll(async () => {
    // tokens that last about a second
    short = await startTestApp({ JUDGE_TOKEN_HOURS: '0.0003', ORGANIZER_TOKEN_HOURS: '0.0003' });
  });
  afterAll(() => short.close());

  it('401 once a judge or organizer token has expired', async () => {
    const call = client(short.base);
    const o = await organizerToken(short.base);
    expect((await call('POST', '/api/contests', hairContest('EXPIRE'), o)).status).toBe(201);
    const j = (await call('POST', '/api/auth/judge', { contest: 'EXPIRE', pin: '100001' })).body.token;
    expect((await call('GET', '/api/contests/EXPIRE/events/hair/sheets', undefined, j)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1300));
    const judge = await call('GET', '/api/contests/EXPIRE/events/hair/sheets', undefined, j);
    expect(judge.status).toBe(401);
    expect(judge.body.message).toMatch(/expired/);
    expect((await call('GET', '/api/contests/EXPIRE/judges', undefined, o)).status).toBe(401);
  });
});
