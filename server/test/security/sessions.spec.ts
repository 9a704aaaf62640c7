import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrganizerPassword } from '../../src/auth/organizer-password';
import { sha256 } from '../../src/auth/secrets';
import { AuthToken } from '../../src/database/entities';
import { StaffGateway } from '../../src/live/staff.gateway';
import { ORGANIZER_PASSWORD, client, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/**
 * Sessions end: a logout revokes the token at once, a new organizer password ends every other
 * organizer login, and a staff socket of a revoked token is closed.
 */

/** A chief's desk (or the organizer's console) following one event on the staff channel. */
class StaffDesk {
  readonly socket: Socket;
  readonly errors: { statusCode: number; message: string }[] = [];
  disconnectReason: string | null = null;
  private readonly closed: Promise<string>;

  constructor(base: string, token: string) {
    this.socket = io(`${base}/staff`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    this.socket.on('staff-error', (e: { statusCode: number; message: string }) => this.errors.push(e));
    this.closed = new Promise((resolve) => this.socket.on('disconnect', (reason) => resolve((this.disconnectReason = reason))));
  }

  watch(contest: string, event: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "watching" for ${contest}/${event}; errors: ${JSON.stringify(this.errors)}`)), 5000);
      this.socket.once('watching', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.emit('watch-event', { contest, event });
    });
  }

  /** The reason the server closed the socket, or null if it is still open after `ms`. */
  closedWithin(ms: number): Promise<string | null> {
    return Promise.race([this.closed, new Promise<null>((r) => setTimeout(() => r(null), ms))]);
  }

  close(): void {
    this.socket.disconnect();
  }
}

describe('logout', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await startTestApp();
    api = client(t.base);
    expect((await api('POST', '/api/contests', hairContest('SESS'), await organizerToken(t.base))).status).toBe(201);
  });
  afterAll(() => t.close());

  it('a judge token answers 401 right after its logout; the judge\u2019s other tablet stays signed in', async () => {
    const tablet = await judgeToken(t.base, 'SESS', '100001');
    const spare = await judgeToken(t.base, 'SESS', '100001');
    expect((await api('GET', '/api/contests/SESS/events/hair/sheets', undefined, tablet)).status).toBe(200);
    const out = await api('POST', '/api/auth/logout', undefined, tablet);
    expect(out.status).toBe(204);
    expect(out.body).toBeNull();
    const reuse = await api('GET', '/api/contests/SESS/events/hair/sheets', undefined, tablet);
    expect(reuse.status).toBe(401);
    expect((await api('POST', '/api/auth/logout', undefined, tablet)).status).toBe(401);
    expect((await api('GET', '/api/contests/SESS/events/hair/sheets', undefined, spare)).status).toBe(200);
  });

  it('an organizer token answers 401 right after its logout', async () => {
    const org = await organizerToken(t.base);
    expect((await api('GET', '/api/contests/SESS/judges', undefined, org)).status).toBe(200);
    expect((await api('POST', '/api/auth/logout', undefined, org)).status).toBe(204);
    expect((await api('GET', '/api/contests/SESS/judges', undefined, org)).status).toBe(401);
  });

  it('without a token, or with an unknown one, it is 401 and revokes nothing', async () => {
    const org = await organizerToken(t.base);
    expect((await api('POST', '/api/auth/logout')).status).toBe(401);
    expect((await api('POST', '/api/auth/logout', undefined, 'not-a-token')).status).toBe(401);
    expect((await api('GET', '/api/contests/SESS/judges', undefined, org)).status).toBe(200);
  });

  it('closes the chief\u2019s staff socket at once, and only the sockets of that token', async () => {
    const chief = await judgeToken(t.base, 'SESS', '100006');
    const other = await judgeToken(t.base, 'SESS', '100006');
    const desk = new StaffDesk(t.base, chief);
    const spareDesk = new StaffDesk(t.base, other);
    try {
      await desk.watch('SESS', 'hair');
      await spareDesk.watch('SESS', 'hair');
      const started = Date.now();
      expect((await api('POST', '/api/auth/logout', undefined, chief)).status).toBe(204);
      expect(await desk.closedWithin(2000)).toBe('io server disconnect');
      expect(Date.now() - started).toBeLessThan(2000);
      expect(desk.errors.at(-1)).toMatchObject({ statusCode: 401 });
      expect(await spareDesk.closedWithin(300)).toBeNull();
    } finally {
      desk.close();
      spareDesk.close();
    }
  });

  it('a socket whose token vanished without a word (another process, a restart) is closed by the periodic check', async () => {
    const chief = await judgeToken(t.base, 'SESS', '100006');
    const desk = new StaffDesk(t.base, chief);
    try {
      await desk.watch('SESS', 'hair');
      // the token is gone from the database, as after a revocation this process never heard of
      await t.app.get(DataSource).getRepository(AuthToken).delete({ tokenHash: sha256(chief) });
      expect(await desk.closedWithin(300)).toBeNull();
      await t.app.get(StaffGateway).recheck();
      expect(await desk.closedWithin(2000)).toBe('io server disconnect');
    } finally {
      desk.close();
    }
  });
});

/** A server started without ORGANIZER_PASSWORD: the password is the stored one, changed in the console. */
function withoutEnvPassword(): Record<string, string> {
  return { ORGANIZER_PASSWORD: undefined } as unknown as Record<string, string>;
}

describe('changing the organizer password', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let password: string;
  const login = async (p: string) => api('POST', '/api/auth/organizer', { password: p });
  beforeAll(async () => {
    t = await startTestApp(withoutEnvPassword());
    api = client(t.base);
    password = t.app.get(OrganizerPassword).generated!;
    expect(password).toEqual(expect.any(String));
    expect((await api('POST', '/api/contests', hairContest('PWD'), (await login(password)).body.token)).status).toBe(201);
  });
  afterAll(() => t.close());

  it('ends every other organizer login, and its staff sockets, and keeps the caller\u2019s', async () => {
    const mine = (await login(password)).body.token as string;
    const other = (await login(password)).body.token as string;
    const third = (await login(password)).body.token as string;
    const judge = await judgeToken(t.base, 'PWD', '100001');
    const otherDesk = new StaffDesk(t.base, other);
    const myDesk = new StaffDesk(t.base, mine);
    try {
      await otherDesk.watch('PWD', 'hair');
      await myDesk.watch('PWD', 'hair');
      const next = 'a-new-organizer-password';
      expect((await api('POST', '/api/auth/organizer/password', { current: password, next }, mine)).status).toBe(204);
      password = next;
      expect((await api('GET', '/api/contests/PWD/judges', undefined, other)).status).toBe(401);
      expect((await api('GET', '/api/contests/PWD/judges', undefined, third)).status).toBe(401);
      expect(await otherDesk.closedWithin(2000)).toBe('io server disconnect');
      expect((await api('GET', '/api/contests/PWD/judges', undefined, mine)).status).toBe(200);
      expect(await myDesk.closedWithin(300)).toBeNull();
      // judges' logins are not the organizer's
      expect((await api('GET', '/api/contests/PWD/events/hair/sheets', undefined, judge)).status).toBe(200);
      expect((await login(next)).status).toBe(200);
    } finally {
      otherDesk.close();
      myDesk.close();
    }
  });

  it('the old password no longer logs in', async () => {
    const mine = (await login(password)).body.token as string;
    const next = 'third-organizer-password';
    expect((await api('POST', '/api/auth/organizer/password', { current: password, next }, mine)).status).toBe(204);
    expect((await login(password)).status).toBe(401);
    password = next;
    expect((await login(password)).status).toBe(200);
  });

  it('checks the body: the new one of 8–200 characters, different from the current one', async () => {
    const mine = (await login(password)).body.token as string;
    const short = await api('POST', '/api/auth/organizer/password', { current: password, next: 'short' }, mine);
    expect(short.status).toBe(400);
    expect(short.body.message).toContain('next');
    expect(short.body.message).toContain('at least 8');
    const long = await api('POST', '/api/auth/organizer/password', { current: password, next: 'x'.repeat(201) }, mine);
    expect(long.status).toBe(400);
    expect(long.body.message).toContain('at most 200');
    expect((await api('POST', '/api/auth/organizer/password', { current: password, next: password }, mine)).status).toBe(400);
    expect((await api('POST', '/api/auth/organizer/password', { next: 'long-enough-password' }, mine)).status).toBe(400);
    expect((await login(password)).status).toBe(200);
  });

  it('a wrong current password is 400 naming it; the fifth ends the login, so a stolen token cannot guess on', async () => {
    const mine = (await login(password)).body.token as string;
    for (let i = 1; i <= 4; i++) {
      const r = await api('POST', '/api/auth/organizer/password', { current: `wrong-guess-${i}`, next: 'attacker-password' }, mine);
      expect(r.status).toBe(400);
      expect(r.body.message).toContain('current');
    }
    const fifth = await api('POST', '/api/auth/organizer/password', { current: 'wrong-guess-5', next: 'attacker-password' }, mine);
    expect(fifth.status).toBe(401);
    expect((await api('GET', '/api/contests/PWD/judges', undefined, mine)).status).toBe(401);
    expect((await login('attacker-password')).status).toBe(401);
    expect((await login(password)).status).toBe(200);
  });

  it('a judge may not change it', async () => {
    const judge = await judgeToken(t.base, 'PWD', '100002');
    expect((await api('POST', '/api/auth/organizer/password', { current: password, next: 'judge-chosen-password' }, judge)).status).toBe(403);
    expect((await api('POST', '/api/auth/organizer/password', { current: password, next: 'judge-chosen-password' })).status).toBe(401);
  });
});

describe('a password fixed by ORGANIZER_PASSWORD', () => {
  let t: TestApp | null = null;
  const started: TestApp[] = [];
  const start = async (...args: Parameters<typeof startTestApp>) => {
    t = await startTestApp(...args);
    started.push(t);
    return t;
  };
  afterAll(async () => {
    for (const s of started.reverse()) await s.close().catch(() => undefined);
  });

  it('answers 409 saying the environment fixes it, and changes nothing', async () => {
    t = await start();
    const api = client(t.base);
    const org = await organizerToken(t.base);
    const r = await api('POST', '/api/auth/organizer/password', { current: ORGANIZER_PASSWORD, next: 'another-password' }, org);
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('ORGANIZER_PASSWORD');
    expect((await api('POST', '/api/auth/organizer', { password: ORGANIZER_PASSWORD })).status).toBe(200);
    expect((await api('GET', '/api/contests', undefined, org)).status).toBe(200);
  });

  it('a restart with another ORGANIZER_PASSWORD ends the old password\u2019s logins; the same one keeps them', async () => {
    const first = await start({ ORGANIZER_PASSWORD: 'password-of-monday' });
    const api1 = client(first.base);
    const monday = (await api1('POST', '/api/auth/organizer', { password: 'password-of-monday' })).body.token as string;
    expect((await api1('POST', '/api/contests', hairContest('RESTART'), monday)).status).toBe(201);
    const judge = await judgeToken(first.base, 'RESTART', '100001');

    await first.app.close();
    t = await start({ ORGANIZER_PASSWORD: 'password-of-monday' }, { dir: first.dir });
    let api = client(t.base);
    expect((await api('GET', '/api/contests/RESTART/judges', undefined, monday)).status).toBe(200);

    await t.app.close();
    t = await start({ ORGANIZER_PASSWORD: 'password-of-tuesday' }, { dir: first.dir });
    api = client(t.base);
    expect((await api('GET', '/api/contests/RESTART/judges', undefined, monday)).status).toBe(401);
    expect((await api('POST', '/api/auth/organizer', { password: 'password-of-monday' })).status).toBe(401);
    expect((await api('POST', '/api/auth/organizer', { password: 'password-of-tuesday' })).status).toBe(200);
    expect((await api('GET', '/api/contests/RESTART/events/hair/sheets', undefined, judge)).status).toBe(200);
  });
});

/** A throwaway redis-server (scripts/lib/redis.mjs, which names the install command when it is missing). */
async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const lib = pathToFileURL(resolve(__dirname, '..', '..', '..', 'scripts', 'lib', 'redis.mjs')).href;
  const { startRedis: start } = (await import(lib)) as { startRedis(): Promise<{ url: string; stop(): Promise<void> }> };
  return start();
}

describe('two server processes on one database and one Redis', () => {
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    redis = await startRedis();
    a = await startTestApp({ REDIS_URL: redis.url, ...withoutEnvPassword() });
    b = await startTestApp({ REDIS_URL: redis.url, ...withoutEnvPassword() }, { dir: a.dir });
  });
  afterAll(async () => {
    await b?.app.close();
    await a?.close();
    await redis?.stop();
  });

  it('a logout on one process closes the staff socket held by the other; a new password holds on both', async () => {
    const password = a.app.get(OrganizerPassword).generated!;
    const apiA = client(a.base);
    const apiB = client(b.base);
    const org = (await apiA('POST', '/api/auth/organizer', { password })).body.token as string;
    expect((await apiA('POST', '/api/contests', hairContest('TWO'), org)).status).toBe(201);
    const chief = await judgeToken(b.base, 'TWO', '100006');
    const desk = new StaffDesk(b.base, chief);
    const orgDesk = new StaffDesk(b.base, (await apiB('POST', '/api/auth/organizer', { password })).body.token);
    try {
      await desk.watch('TWO', 'hair');
      await orgDesk.watch('TWO', 'hair');
      expect((await apiA('POST', '/api/auth/logout', undefined, chief)).status).toBe(204);
      expect(await desk.closedWithin(3000)).toBe('io server disconnect');

      expect((await apiA('POST', '/api/auth/organizer/password', { current: password, next: 'shared-new-password' }, org)).status).toBe(204);
      expect(await orgDesk.closedWithin(3000)).toBe('io server disconnect');
      expect((await apiB('POST', '/api/auth/organizer', { password })).status).toBe(401);
      expect((await apiB('POST', '/api/auth/organizer', { password: 'shared-new-password' })).status).toBe(200);
    } finally {
      desk.close();
      orgDesk.close();
    }
  });
});
