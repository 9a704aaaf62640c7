import { execFileSync } from 'node:child_process';
import { hkdfSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfig, ConfigError } from './config';

const configOf = (env: Record<string, string>) => new AppConfig({ DATABASE_URL: 'sqlite::memory:', ...env });
const problemOf = (env: Record<string, string>): string => {
  try {
    configOf(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
};

describe('TRUST_PROXY', () => {
  it('unset, empty or 0: no proxy is trusted', () => {
    expect(configOf({}).trustProxy).toBe(false);
    expect(configOf({ TRUST_PROXY: '' }).trustProxy).toBe(false);
    expect(configOf({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
  });

  it('a number is that many proxies', () => {
    expect(configOf({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(configOf({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  it('a list of addresses and CIDR ranges is those proxies', () => {
    expect(configOf({ TRUST_PROXY: '10.0.0.5, 192.168.1.0/24,::1,fd00::/64,loopback' }).trustProxy).toEqual(['10.0.0.5', '192.168.1.0/24', '::1', 'fd00::/64', 'loopback']);
  });

  it('never trusts everything, and names the variable', () => {
    for (const v of ['true', '*', '0.0.0.0/0', '::/0', '10.0.0.0/4']) expect(problemOf({ TRUST_PROXY: v })).toMatch(/^Invalid configuration:\n {2}TRUST_PROXY: must be a number of reverse proxies/);
  });

  it('refuses what is not an address, a prefix out of range and too many hops', () => {
    expect(problemOf({ TRUST_PROXY: 'nginx' })).toContain('TRUST_PROXY: must be');
    expect(problemOf({ TRUST_PROXY: 'nginx' })).toContain('"nginx" is not an IP address');
    expect(problemOf({ TRUST_PROXY: '10.0.0.1/33' })).toContain('prefix outside 0–32');
    expect(problemOf({ TRUST_PROXY: '10.0.0.1,,10.0.0.2' })).toContain('an empty entry');
    expect(problemOf({ TRUST_PROXY: '11' })).toContain('11 hops is more than 10');
  });
});

describe('SECRET_KEY', () => {
  const hex = 'a1'.repeat(32);

  it('unset: the key file beside the database is used', () => {
    expect(configOf({}).secretKey).toBeUndefined();
  });

  it('64 hex characters are the key itself', () => {
    expect(configOf({ SECRET_KEY: hex }).secretKey).toEqual(Buffer.from(hex, 'hex'));
  });

  it('a passphrase of 16 characters or more gives a 32-byte key by HKDF, the same every time', () => {
    const a = configOf({ SECRET_KEY: 'correct horse battery' }).secretKey!;
    expect(a).toHaveLength(32);
    expect(configOf({ SECRET_KEY: 'correct horse battery' }).secretKey).toEqual(a);
    expect(configOf({ SECRET_KEY: 'correct horse batterY' }).secretKey).not.toEqual(a);
    expect(a).toEqual(Buffer.from(hkdfSync('sha256', 'correct horse battery', 'skillscore.secret-key.salt.v1', 'skillscore.pin-seal.aes-256-gcm', 32)));
    // a 63-character hex string is a passphrase, not a key padded with a zero
    expect(configOf({ SECRET_KEY: hex.slice(1) }).secretKey).not.toEqual(Buffer.from(`${hex.slice(1)}0`, 'hex'));
  });

  it('refuses a short value, naming the variable and the limit, never padding it', () => {
    const m = problemOf({ SECRET_KEY: 'abcd' });
    expect(m).toContain('SECRET_KEY: must be 64 hex characters');
    expect(m).toContain('passphrase of 16–1024 characters (got 4 characters)');
    // counted in characters, not bytes: fifteen Chinese characters are still too short
    expect(problemOf({ SECRET_KEY: '评'.repeat(15) })).toContain('got 15 characters');
    expect(configOf({ SECRET_KEY: '评'.repeat(16) }).secretKey).toHaveLength(32);
  });
});

describe('TLS_CERT and TLS_KEY', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'skillscore-tls-'));
    for (const name of ['a', 'b']) {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.crt`)], { stdio: 'ignore' });
    }
    writeFileSync(join(dir, 'junk.pem'), 'not a certificate\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('both set: the certificate and key are read at start', () => {
    const c = configOf({ TLS_CERT: join(dir, 'a.crt'), TLS_KEY: join(dir, 'a.key') });
    expect(c.tls?.cert.toString()).toContain('BEGIN CERTIFICATE');
    expect(c.tls?.key.toString()).toContain('PRIVATE KEY');
    expect(configOf({}).tls).toBeUndefined();
  });

  it('one without the other is refused, naming the missing one', () => {
    expect(problemOf({ TLS_CERT: join(dir, 'a.crt') })).toContain('TLS_KEY: TLS_CERT and TLS_KEY go together');
    expect(problemOf({ TLS_KEY: join(dir, 'a.key') })).toContain('TLS_CERT: TLS_CERT and TLS_KEY go together');
  });

  it('a missing file, a file that is not PEM and a key of another certificate are refused', () => {
    expect(problemOf({ TLS_CERT: join(dir, 'none.crt'), TLS_KEY: join(dir, 'a.key') })).toContain(`TLS_CERT: cannot read ${join(dir, 'none.crt')} (ENOENT)`);
    expect(problemOf({ TLS_CERT: join(dir, 'junk.pem'), TLS_KEY: join(dir, 'a.key') })).toContain('TLS_CERT: ');
    expect(problemOf({ TLS_CERT: join(dir, 'a.crt'), TLS_KEY: join(dir, 'junk.pem') })).toContain('TLS_KEY: ');
    expect(problemOf({ TLS_CERT: join(dir, 'a.crt'), TLS_KEY: join(dir, 'b.key') })).toContain('TLS_KEY: ');
  });
});

describe('ORGANIZER_PASSWORD', () => {
  it('is at most as long as the login accepts', () => {
    expect(problemOf({ ORGANIZER_PASSWORD: 'x'.repeat(201) })).toContain('ORGANIZER_PASSWORD: must be at most 200 characters');
  });
});

describe('LOG_LEVEL', () => {
  const base = { DATABASE_URL: 'sqlite::memory:' };
  it('takes Nest\u2019s level names, and pino\u2019s "info" for "log"', () => {
    expect(new AppConfig({ ...base }).logLevel).toBe('log');
    expect(new AppConfig({ ...base, LOG_LEVEL: 'info' }).logLevel).toBe('log');
    expect(new AppConfig({ ...base, LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(new AppConfig({ ...base, LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
  });
  it('refuses anything else, naming the allowed levels', () => {
    expect(() => new AppConfig({ ...base, LOG_LEVEL: 'verbose' })).toThrow(ConfigError);
    expect(() => new AppConfig({ ...base, LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL: must be one of error, warn, log \(or info\), debug, silent/);
  });
});
