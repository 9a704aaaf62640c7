import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError, ErrorCode } from '../common/domain-error';
import type { AppConfig } from '../config/config';
import { BUDGETS, LoginThrottle, type LoginAttempt } from './login-throttle';

const memory = () => new LoginThrottle({ redisUrl: undefined } as AppConfig);

/** A failed login: the reserved failure is kept. */
async function fail(t: LoginThrottle, a: LoginAttempt): Promise<number> {
  try {
    await t.reserve(a);
    return 401;
  } catch (e) {
    if (e instanceof DomainError && e.code === ErrorCode.TooManyAttempts) return 429;
    throw e;
  }
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  expect((e as DomainError).code).toBe(ErrorCode.TooManyAttempts);
  return e as DomainError;
}

const pin = (source: string, contest = 'C1'): LoginAttempt => ({ kind: 'pin', source, contest });
const named = (source: string, judge: string, contest = 'C1'): LoginAttempt => ({ kind: 'named', source, contest, judge });

describe('LoginThrottle (memory)', () => {
  it('refuses a source after 10 PIN-only failures with a Retry-After inside the window', async () => {
    const t = memory();
    for (let i = 0; i < 10; i++) expect(await fail(t, pin('10.0.0.1'))).toBe(401);
    const e = await refusal(t.reserve(pin('10.0.0.1')));
    expect(e.retryAfter).toBeGreaterThan(0);
    expect(e.retryAfter).toBeLessThanOrEqual(600);
    expect(e.message).toMatch(/this device/);
    // another source and another contest are not touched
    expect(await fail(t, pin('10.0.0.2'))).toBe(401);
    expect(await fail(t, pin('10.0.0.1', 'C2'))).toBe(401);
  });

  it('concurrent guesses cannot slip past the count: exactly 10 of 40 at once get through', async () => {
    const t = memory();
    const codes = await Promise.all(Array.from({ length: 40 }, () => fail(t, pin('10.0.0.1'))));
    expect(codes.filter((c) => c === 401)).toHaveLength(10);
  });

  it('logins sharing a budget take turns: thirty right PINs at once from one NAT are never refused', async () => {
    const t = memory();
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => t.guard(pin('10.9.0.1'), async () => 'ok')));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
  });

  it('forty wrong PINs at once through guard: ten are checked, thirty refused without a check', async () => {
    const t = memory();
    let checked = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, () =>
        t.guard(pin('10.9.0.2'), async () => {
          checked++;
          throw new DomainError(ErrorCode.Unauthenticated, 'wrong PIN');
        }),
      ),
    );
    expect(checked).toBe(10);
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as DomainError).code : 'ok'));
    expect(codes.filter((c) => c === ErrorCode.TooManyAttempts)).toHaveLength(30);
    // and a right PIN from elsewhere still gets in while the contest's budget has room
    await expect(t.guard(pin('10.9.0.3'), async () => 'ok')).resolves.toBe('ok');
  });

  it('a success gives back its own reservation only', async () => {
    const t = memory();
    for (let i = 0; i < 9; i++) await fail(t, pin('10.0.0.1'));
    await (await t.reserve(pin('10.0.0.1'))).succeeded();
    expect(await fail(t, pin('10.0.0.1'))).toBe(401);
    await refusal(t.reserve(pin('10.0.0.1')));
  });

  it('counts PIN-only failures per contest whatever the source, and says how to get in', async () => {
    const t = memory();
    for (let i = 0; i < BUDGETS.pinContest.failures; i++) expect(await fail(t, pin(`10.1.0.${i}`))).toBe(401);
    const e = await refusal(t.reserve(pin('10.1.1.1')));
    expect(e.message).toMatch(/judge key/);
    // a judge who names themselves is counted apart
    await (await t.reserve(named('10.1.1.1', 'J1'))).succeeded();
  });

  it('counts failures naming a judge per judge whatever the source', async () => {
    const t = memory();
    for (let i = 0; i < BUDGETS.judge.failures; i++) expect(await fail(t, named(`10.2.0.${i}`, 'J2'))).toBe(401);
    await refusal(t.reserve(named('10.2.1.1', 'J2')));
    // other judges, and PIN-only logins, are not touched
    await (await t.reserve(named('10.2.1.1', 'J3'))).succeeded();
    await (await t.reserve(pin('10.2.1.1'))).succeeded();
  });

  it('a named login is not refused while PIN-only failures from the same source and contest are over budget', async () => {
    const t = memory();
    for (let i = 0; i < 15; i++) await fail(t, pin('192.168.0.1'));
    await refusal(t.reserve(pin('192.168.0.1')));
    await (await t.reserve(named('192.168.0.1', 'J1'))).succeeded();
  });

  it('a refused attempt uses up none of the other budgets', async () => {
    const t = memory();
    for (let i = 0; i < 10; i++) await fail(t, pin('10.3.0.1'));
    // 50 refused tries from the spent source leave the contest's budget as it was (10 of 20 used)
    for (let i = 0; i < 50; i++) expect(await fail(t, pin('10.3.0.1'))).toBe(429);
    for (let i = 0; i < 10; i++) expect(await fail(t, pin(`10.3.1.${i}`))).toBe(401);
    expect(await fail(t, pin('10.3.2.1'))).toBe(429);
  });

  it('counts organizer failures per source and in all', async () => {
    const t = memory();
    for (let i = 0; i < 10; i++) await fail(t, { kind: 'organizer', source: '10.4.0.1' });
    await refusal(t.reserve({ kind: 'organizer', source: '10.4.0.1' }));
    let source = 0;
    for (let i = 10; i < BUDGETS.organizer.failures; i++) expect(await fail(t, { kind: 'organizer', source: `10.4.1.${source++}` })).toBe(401);
    await refusal(t.reserve({ kind: 'organizer', source: '10.4.9.9' }));
  });

  it('counts one IPv6 /64 as one source', async () => {
    const t = memory();
    for (let i = 0; i < 10; i++) await fail(t, pin(`2001:db8:5:6::${i + 1}`));
    await refusal(t.reserve(pin('2001:db8:5:6:ffff::1')));
  });
});

describe('the budgets against guessing (docs/security.md, "Logins")', () => {
  it('hold a 20-judge contest with 6-digit PINs for at least 7 days against any number of sources', () => {
    const pins = 1_000_000;
    const judges = 20;
    // every PIN-only guess rules a value out for all judges, every named guess for one judge: each
    // judge's PIN is searched at the PIN-only rate plus that judge's named rate, all judges at once
    const perSecond = BUDGETS.pinContest.failures / BUDGETS.pinContest.seconds + BUDGETS.judge.failures / BUDGETS.judge.seconds;
    // the first of `judges` uniformly drawn PINs found by a search that rules out `perSecond` values a second
    const expectedSeconds = pins / ((judges + 1) * perSecond);
    expect(expectedSeconds / 86_400).toBeGreaterThanOrEqual(7);
  });
});

describe('LoginThrottle on Redis', () => {
  let redis: { url: string; stop(): Promise<void> };
  beforeAll(async () => {
    const lib = pathToFileURL(resolve(__dirname, '..', '..', '..', 'scripts', 'lib', 'redis.mjs')).href;
    const { startRedis } = (await import(lib)) as { startRedis(): Promise<{ url: string; stop(): Promise<void> }> };
    redis = await startRedis();
  });
  afterAll(() => redis?.stop());

  it('two processes share the counters, and a Redis that goes away does not stop logins', async () => {
    const a = new LoginThrottle({ redisUrl: redis.url } as AppConfig);
    const b = new LoginThrottle({ redisUrl: redis.url } as AppConfig);
    await a.onModuleInit();
    await b.onModuleInit();
    try {
      for (let i = 0; i < 5; i++) expect(await fail(a, named(`10.5.0.${i}`, 'J1'))).toBe(401);
      for (let i = 5; i < 10; i++) expect(await fail(b, named(`10.5.0.${i}`, 'J1'))).toBe(401);
      const e = await refusal(a.reserve(named('10.5.1.1', 'J1')));
      expect(e.retryAfter).toBeGreaterThan(0);
      await refusal(b.reserve(named('10.5.1.2', 'J1')));

      await redis.stop();
      const started = Date.now();
      // each process counts alone until Redis is back
      expect(await fail(a, named('10.5.2.1', 'J9'))).toBe(401);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await a.onModuleDestroy();
      await b.onModuleDestroy();
    }
  });
});
