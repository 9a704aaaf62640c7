import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.factory';
import { sourceOf } from '../../src/auth/auth.guard';
import { AppConfig } from '../../src/config/config';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { ORGANIZER_PASSWORD, client, hairContest, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/**
 * Configuration and transport: which address a login counts against, the key that seals PINs,
 * where a generated organizer password goes, HTTPS, and bodies read only after the token.
 */

/** The real app with one extra route that answers the source a login would be counted against. */
async function appWithSourceProbe(env: Record<string, string>): Promise<{ app: NestExpressApplication; base: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'skillscore-src-'));
  const app = await createApp(
    new AppConfig({ DATABASE_URL: `sqlite:${join(dir, 'test.sqlite')}`, ORGANIZER_PASSWORD, LOG_LEVEL: 'error', JUDGE_APP_DIR: join(dir, 'x'), SCOREBOARD_DIR: join(dir, 'x'), ...env }),
  );
  app.use('/probe/source', (req: Request, res: Response) => res.json({ source: sourceOf(req) }));
  await app.listen(0, '127.0.0.1');
  return { app, base: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`, dir };
}

async function sourceSeen(base: string, forwardedFor?: string): Promise<string> {
  const r = await fetch(`${base}/probe/source`, { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
  return ((await r.json()) as { source: string }).source;
}

describe('TRUST_PROXY: the source of a request', () => {
  const apps: { app: NestExpressApplication; dir: string }[] = [];
  const start = async (env: Record<string, string>) => {
    const a = await appWithSourceProbe(env);
    apps.push(a);
    return a.base;
  };
  afterAll(async () => {
    for (const a of apps) {
      await a.app.close();
      rmSync(a.dir, { recursive: true, force: true });
    }
  });

  it('unset: X-Forwarded-For is ignored, the source is the socket\u2019s peer', async () => {
    const base = await start({});
    expect(await sourceSeen(base)).toBe('127.0.0.1');
    expect(await sourceSeen(base, '203.0.113.9')).toBe('127.0.0.1');
    expect(await sourceSeen(base, '203.0.113.9, 198.51.100.7')).toBe('127.0.0.1');
  });

  it('1: the right-most entry (written by the one proxy) is the source, not the left-most the client wrote', async () => {
    const base = await start({ TRUST_PROXY: '1' });
    expect(await sourceSeen(base, '198.51.100.7')).toBe('198.51.100.7');
    expect(await sourceSeen(base, '203.0.113.9, 198.51.100.7')).toBe('198.51.100.7');
    expect(await sourceSeen(base, '10.9.9.9, 6.6.6.6, 198.51.100.7')).toBe('198.51.100.7');
  });

  it('2: two proxies, the second entry from the right', async () => {
    const base = await start({ TRUST_PROXY: '2' });
    expect(await sourceSeen(base, '203.0.113.9, 198.51.100.7, 10.0.0.2')).toBe('198.51.100.7');
  });

  it('a list: only those proxies are skipped', async () => {
    const base = await start({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' });
    expect(await sourceSeen(base, '203.0.113.9, 198.51.100.7, 10.1.2.3')).toBe('198.51.100.7');
    expect(await sourceSeen(base, '203.0.113.9, 198.51.100.7')).toBe('198.51.100.7');
  });

  it('a client rotating the left-most X-Forwarded-For behind one proxy still runs into the login throttle', async () => {
    const base = await start({ TRUST_PROXY: '1' });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await fetch(`${base}/api/auth/organizer`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i + 1}, 198.51.100.7` },
        body: JSON.stringify({ password: `wrong-${i}` }),
      });
      statuses.push(r.status);
    }
    expect(statuses).toContain(429);
  });
});

describe('SECRET_KEY', () => {
  let p: ServerProcess | null = null;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'skillscore-key-'));
  });
  afterAll(async () => {
    await p?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('"abcd" stops the start with a message naming SECRET_KEY and the limit', async () => {
    const started = startServerProcess({ SECRET_KEY: 'abcd', DATABASE_URL: `sqlite:${join(dir, 'abcd.sqlite')}`, ORGANIZER_PASSWORD }, 20_000);
    await expect(started).rejects.toThrow(/server exited with 2: Invalid configuration:\n {2}SECRET_KEY: must be 64 hex characters .*passphrase of 16–1024 characters \(got 4 characters\)/);
  });

  it('a passphrase gives a working key: a contest is created and its judge cards show the PINs', async () => {
    p = await startServerProcess({ SECRET_KEY: 'the venue office passphrase', DATABASE_URL: `sqlite:${join(dir, 'keyed.sqlite')}`, ORGANIZER_PASSWORD });
    const api = client(p.base);
    const org = await organizerToken(p.base);
    expect((await api('POST', '/api/contests', hairContest('KEYED'), org)).status).toBe(201);
    const judges = await api('GET', '/api/contests/KEYED/judges', undefined, org);
    expect(judges.status).toBe(200);
    expect(judges.body.find((j: { key: string }) => j.key === 'J1').pin).toBe('100001');
    // the key came from the passphrase, not from a key file written beside the database
    expect(existsSync(join(dir, 'secret.key'))).toBe(false);
  });
});

describe('a generated organizer password, started with no terminal', () => {
  let p: ServerProcess;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'skillscore-pw-'));
    p = await startServerProcess({ ORGANIZER_PASSWORD: undefined, DEMO: '0', LOG_LEVEL: 'log', DATABASE_URL: `sqlite:${join(dir, 'scoring.sqlite')}` });
    const deadline = Date.now() + 10_000;
    while (!p.stdout().includes('SkillScore is running') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  });
  afterAll(async () => {
    await p?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is never in the log; it is in a file only the server\u2019s user can read, and the log says where', async () => {
    const file = join(dir, 'organizer-password.txt');
    const password = readFileSync(file, 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const log = p.stdout() + p.stderr();
    expect(log).toContain('SkillScore is running');
    expect(log).not.toContain(password);
    expect(log).toContain(file);
    const login = await client(p.base)('POST', '/api/auth/organizer', { password });
    expect(login.status).toBe(200);
  });
});

describe('HTTPS with TLS_CERT and TLS_KEY', () => {
  let t: TestApp;
  let dir: string;
  let httpsBase: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'skillscore-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-keyout', join(dir, 'venue.key'), '-out', join(dir, 'venue.crt')], { stdio: 'ignore' });
    t = await startTestApp({ TLS_CERT: join(dir, 'venue.crt'), TLS_KEY: join(dir, 'venue.key') });
    httpsBase = t.base.replace('http://', 'https://');
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /api/health over TLS on the port, and not in clear text', async () => {
    const reply = await new Promise<{ status: number; body: string; encrypted: boolean }>((resolve, reject) => {
      httpsGet(`${httpsBase}/api/health`, { rejectUnauthorized: false }, (res) => {
        const encrypted = Boolean((res.socket as { encrypted?: boolean }).encrypted);
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, encrypted }));
      }).on('error', reject);
    });
    expect(reply.status).toBe(200);
    expect(reply.encrypted).toBe(true);
    await expect(fetch(`${t.base}/api/health`)).rejects.toThrow();
  });

  it('carries the live feed over the same TLS port', async () => {
    const socket = io(`${httpsBase}/live`, { transports: ['websocket'], reconnection: false, forceNew: true, rejectUnauthorized: false });
    try {
      const error = await new Promise<{ statusCode: number }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no answer over wss')), 5000);
        socket.on('connect_error', reject);
        socket.on('connect', () => socket.emit('watch', { contest: 'NO-SUCH' }));
        socket.onAny((name: string, payload: { statusCode: number }) => {
          if (name === 'error' || name === 'feed-error') {
            clearTimeout(timer);
            resolve(payload);
          }
        });
      });
      expect(error.statusCode).toBe(404);
    } finally {
      socket.disconnect();
    }
  });
});

describe('an upload is read only after its token is checked', () => {
  let t: TestApp;
  let org: string;
  const NINE_MB = 9 * 1024 * 1024;
  beforeAll(async () => {
    t = await startTestApp();
    org = await organizerToken(t.base);
    expect((await client(t.base)('POST', '/api/contests', hairContest('UPLOAD', 1), org)).status).toBe(201);
  });
  afterAll(() => t.close());

  /**
   * Announces a 9 MB body, sends its first 64 KB and waits: a server that wants the whole body
   * before it answers never answers. Notes whether the server closed the connection after its
   * answer, with the rest of the body still unsent.
   */
  function announcedUpload(token: string | null): Promise<{ status: number; body: string; closed: boolean }> {
    const url = new URL(`${t.base}/api/contests/UPLOAD/import?dryRun=1`);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        req.destroy();
        reject(new Error('no answer within 3 s while the body was still being sent'));
      }, 3000);
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'POST', headers: { 'content-type': 'text/csv', 'content-length': String(NINE_MB), ...(token ? { authorization: `Bearer ${token}` } : {}) } },
        (res) => {
          clearTimeout(timer);
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => {
            const socket = res.socket;
            const closed = new Promise<boolean>((r) => {
              if (!socket || socket.destroyed) return r(true);
              socket.once('close', () => r(true));
              setTimeout(() => r(false), 1000);
            });
            void closed.then((c) => resolve({ status: res.statusCode ?? 0, body, closed: c }));
          });
        },
      );
      // the server may close while this side still holds unsent bytes; the answer is what counts
      req.on('error', () => undefined);
      req.write(Buffer.alloc(64 * 1024, 'a'));
    });
  }

  it('without a token: 401 before the body is read, and the connection closes', async () => {
    const r = await announcedUpload(null);
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toMatchObject({ statusCode: 401 });
    expect(r.closed).toBe(true);
  });

  it('with a judge\u2019s token: 403, also before the body is read', async () => {
    const judge = (await client(t.base)('POST', '/api/auth/judge', { contest: 'UPLOAD', pin: '100001' })).body.token as string;
    const r = await announcedUpload(judge);
    expect(r.status).toBe(403);
    expect(r.closed).toBe(true);
  });

  it('with the organizer\u2019s token the upload is read and imported as before', async () => {
    const csv = '参赛号,姓名,单位,赛项,工位号\r\nU001,赵敏,合川区总工会,美发,\r\n';
    const r = await fetch(`${t.base}/api/contests/UPLOAD/import?dryRun=1`, { method: 'POST', headers: { authorization: `Bearer ${org}`, 'content-type': 'text/csv' }, body: csv });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ dryRun: true, rows: 1, problems: [] });
  });
});
