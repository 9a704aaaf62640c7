import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';

function directives(csp: string | null): Map<string, string[]> {
  return new Map((csp ?? '').split(';').filter(Boolean).map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name, values] as [string, string[]];
  }));
}

describe('security headers over plain HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every answer carries the Content-Security-Policy: scripts from this origin only, the live feed to this host', async () => {
    for (const path of ['/api/health', '/api/contests/NOPE', '/judge/', '/board/']) {
      const r = await fetch(`${t.base}${path}`);
      const csp = directives(r.headers.get('content-security-policy'));
      expect(csp.get('script-src'), path).toEqual(["'self'"]);
      expect(csp.get('default-src'), path).toEqual(["'self'"]);
      expect(csp.get('object-src')).not.toContain('*');
      const host = new URL(t.base).host;
      expect(csp.get('connect-src')).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
      expect(csp.get('img-src')).toEqual(expect.arrayContaining(["'self'", 'data:']));
      expect(csp.get('worker-src')).toEqual(["'self'"]);
      // over plain HTTP nothing may send the browser to an HTTPS port that does not exist
      expect(csp.has('upgrade-insecure-requests')).toBe(false);
      expect(r.headers.get('strict-transport-security')).toBeNull();
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('x-powered-by')).toBeNull();
      expect(r.headers.get('x-request-id')).toBeTruthy();
    }
  });

  it('a hashed script or style carries the plain headers but no policy, which only documents and workers read', async () => {
    // the built board, as `npm test` builds it before the suites
    const served = await startTestApp({ SCOREBOARD_DIR: resolve(__dirname, '..', '..', '..', 'scoreboard', 'dist') });
    try {
      const page = await fetch(`${served.base}/board/`);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      const assets = [...(await page.text()).matchAll(/(?:src|href)="(\/board\/assets\/[^"]+)"/g)].map((m) => m[1]);
      expect(assets.length).toBeGreaterThan(0);
      for (const path of assets) {
        const r = await fetch(`${served.base}${path}`);
        expect(r.status, path).toBe(200);
        expect(r.headers.get('content-security-policy'), path).toBeNull();
        expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      }
    } finally {
      await served.close();
    }
  });

  it('the public board may be framed (venue pages, broadcast wrappers); nothing else may', async () => {
    const judge = await fetch(`${t.base}/judge/`);
    expect(directives(judge.headers.get('content-security-policy')).get('frame-ancestors')).toEqual(["'self'"]);
    expect(judge.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const board = await fetch(`${t.base}/board/`);
    expect(directives(board.headers.get('content-security-policy')).get('frame-ancestors')).toEqual(['*']);
    expect(board.headers.get('x-frame-options')).toBeNull();
  });

  it('a forged Host header is not written into the policy', async () => {
    const { request } = await import('node:http');
    const csp = await new Promise<string>((resolve, reject) => {
      const url = new URL(`${t.base}/api/health`);
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers: { host: "evil.example; script-src *" } }, (res) => {
        res.resume();
        resolve(String(res.headers['content-security-policy']));
      });
      req.on('error', reject);
      req.end();
    });
    expect(csp).not.toContain('evil');
    expect(directives(csp).get('script-src')).toEqual(["'self'"]);
  });
});

describe('security headers over TLS', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'skillscore-hsts-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
    t = await startTestApp({ TLS_CERT: join(dir, 'c.pem'), TLS_KEY: join(dir, 'k.pem') });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends HSTS and upgrade-insecure-requests', async () => {
    const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
      httpsGet(`${t.base.replace('http://', 'https://')}/api/health`, { rejectUnauthorized: false }, (res) => {
        res.resume();
        resolve(res.headers);
      }).on('error', reject);
    });
    expect(String(headers['strict-transport-security'])).toMatch(/max-age=\d+/);
    expect(directives(String(headers['content-security-policy'])).has('upgrade-insecure-requests')).toBe(true);
  });
});
