import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF, STAFF_NAMESPACE } from '../../src/contracts/staff';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { client, hairContest } from '../support/test-app';

/**
 * The server's log, as a service manager would keep it (stdout and stderr of the process, JSON),
 * after logins of every kind, a mark, a staff socket and a logout, holds no secret at all, and
 * one line per request with its id, route, status and latency.
 */
const PASSWORD = 'logs-organizer-password-7f3c';
const COOKIE = 'sid=cookie-secret-5be1d';
let p: ServerProcess;
let dir: string;
const secrets: string[] = [PASSWORD, 'cookie-secret-5be1d'];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'skillscore-logs-'));
  p = await startServerProcess({ ORGANIZER_PASSWORD: PASSWORD, LOG_LEVEL: 'debug', DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}` });
});
afterAll(async () => {
  await p?.kill();
  rmSync(dir, { recursive: true, force: true });
});

function logLines(): Record<string, any>[] {
  return (p.stdout() + p.stderr())
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, any>);
}

describe('the log holds no password, PIN or token', () => {
  it('after organizer and judge logins (PIN and judge card), a sheet PUT, a staff socket and a logout', async () => {
    const api = client(p.base);
    const org = await api('POST', '/api/auth/organizer', { password: PASSWORD });
    expect(org.status).toBe(200);
    secrets.push(org.body.token);
    // a wrong password and a wrong PIN are logged as failures, without the value tried
    expect((await api('POST', '/api/auth/organizer', { password: 'wrong-password-d41d8' })).status).toBe(401);
    secrets.push('wrong-password-d41d8');

    const file = hairContest('LOGS');
    expect((await api('POST', '/api/contests', file, org.body.token)).status).toBe(201);
    const pins = file.judges!.map((j) => String(j.pin));
    secrets.push(...pins);

    const byPin = await api('POST', '/api/auth/judge', { contest: 'LOGS', pin: pins[0] });
    expect(byPin.status).toBe(200);
    // the judge card's QR code names the judge: `/judge/#contest=…&judge=J6&pin=…`
    const card = await api('POST', '/api/auth/judge', { contest: 'LOGS', judge: 'J6', pin: pins[5] });
    expect(card.status).toBe(200);
    secrets.push(byPin.body.token, card.body.token);
    expect((await api('POST', '/api/auth/judge', { contest: 'LOGS', judge: 'J2', pin: '987650' })).status).toBe(401);
    secrets.push('987650');
    // a link with the PIN in the query instead of the fragment: the value is not logged either
    expect((await fetch(`${p.base}/judge/?contest=LOGS&judge=J2&pin=${pins[1]}`)).status).toBeLessThan(500);
    // and neither are an Authorization header or a cookie on any request
    await fetch(`${p.base}/api/contests/LOGS`, { headers: { authorization: `Bearer ${card.body.token}`, cookie: COOKIE } });

    const put = await api('PUT', '/api/contests/LOGS/events/hair/sheets/07', { requestId: randomUUID(), scores: { design: 35, technique: 25, finish: 25 } }, byPin.body.token);
    expect(put.status).toBe(200);

    // the chief's desk: a staff socket opened with the token, over both transports
    for (const transports of [['websocket'], ['polling']] as const) {
      const socket = io(`${p.base}${STAFF_NAMESPACE}`, { transports: [...transports], auth: { token: card.body.token }, reconnection: false, forceNew: true });
      const answer = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no answer on the staff socket')), 5000);
        socket.on('connect', () => socket.emit(STAFF.watch, { contest: 'LOGS', event: 'hair' }));
        socket.on(STAFF.watching, () => (clearTimeout(timer), resolve('watching')));
        socket.on(STAFF.error, (e: { message: string }) => (clearTimeout(timer), resolve(`error ${e.message}`)));
      });
      expect(answer).toBe('watching');
      socket.close();
    }

    const out = await api('POST', '/api/auth/logout', undefined, card.body.token);
    expect(out.status).toBe(204);
    expect((await api('GET', '/api/contests/LOGS/events/hair/sheets', undefined, card.body.token)).status).toBe(401);
    // the last lines reach the pipe
    await new Promise((r) => setTimeout(r, 300));

    const log = p.stdout() + p.stderr();
    expect(log.length).toBeGreaterThan(1000);
    const found = secrets.filter((s) => log.includes(s));
    expect(found).toEqual([]);
    // PINs are six digits: not even as part of a longer number (a token, a timestamp) would be allowed to match them by chance
    for (const pin of pins) expect(new RegExp(`(?<!\\d)${pin}(?!\\d)`).test(log), `PIN ${pin}`).toBe(false);
  });

  it('writes one JSON line per request with its id, route, status and latency', async () => {
    const id = 'trace-7d1e9a';
    await fetch(`${p.base}/api/contests/LOGS/events/hair/standings`, { headers: { 'x-request-id': id } });
    // an id that could forge log lines or fill the disk is replaced by a generated one
    const forged = await fetch(`${p.base}/api/contests/LOGS`, { headers: { 'x-request-id': '<script> {"level":"fatal"} '.repeat(20) } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 200));

    const lines = logLines();
    const standings = lines.find((l) => l.requestId === id);
    expect(standings).toMatchObject({ level: 'info', method: 'GET', route: '/api/contests/:code/events/:event/standings', status: 200 });
    expect(typeof standings!.latencyMs).toBe('number');
    expect(typeof standings!.time).toBe('string');

    const sheet = lines.find((l) => l.route === '/api/contests/:code/events/:event/sheets/:station' && l.method === 'PUT');
    expect(sheet).toMatchObject({ status: 200 });
    expect(sheet!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    // no request line carries headers or a body
    for (const l of lines.filter((x) => x.route)) {
      expect(l).not.toHaveProperty('req');
      expect(l).not.toHaveProperty('headers');
      expect(l).not.toHaveProperty('body');
    }
  });
});
