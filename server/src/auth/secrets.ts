import { createCipheriv, createDecipheriv, createHash, randomBytes, randomInt, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';

// on libuv's thread pool: a login's hash (about 12 ms for a PIN, 40 ms for the organizer password) must not stall the marks of everyone else
const scryptAsync = promisify(scrypt) as (password: string, salt: string, keylen: number, options: ScryptOptions) => Promise<Buffer>;

const PIN_COST: ScryptOptions = { N: 4096 };
const PASSWORD_COST: ScryptOptions = { N: 16384 };

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newSalt(): string {
  return randomBytes(16).toString('hex');
}

/** A random 6-digit PIN not in `taken`. */
export function newPin(taken: ReadonlySet<string>): string {
  for (;;) {
    const pin = String(randomInt(0, 1_000_000)).padStart(6, '0');
    if (!taken.has(pin)) return pin;
  }
}

/**
 * PIN hash with the contest's salt. One salt per contest lets a login hash once and look the
 * judge up by hash; the throttle on failed logins, not the hash, is what stops guessing.
 */
export function hashPin(pin: string, salt: string): string {
  return scryptSync(pin, salt, 32, PIN_COST).toString('hex');
}

/** hashPin off the event loop, for logins; the same output. */
export async function hashPinAsync(pin: string, salt: string): Promise<string> {
  return (await scryptAsync(pin, salt, 32, PIN_COST)).toString('hex');
}

/** Two hex hashes compared in constant time. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

export function hashPassword(password: string, salt = newSalt()): string {
  return `${salt}:${scryptSync(password, salt, 32, PASSWORD_COST).toString('hex')}`;
}

export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [salt, hash] = stored.split(':');
  const got = await scryptAsync(password, salt, 32, PASSWORD_COST);
  const want = Buffer.from(hash, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

/** AES-256-GCM with the server key, so a PIN can be shown on a reprinted judge card. */
export function seal(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return [iv, c.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

export function unseal(sealed: string, key: Buffer): string | null {
  try {
    const [iv, tag, body] = sealed.split('.').map((s) => Buffer.from(s, 'base64url'));
    const d = createDecipheriv('aes-256-gcm', key, iv);
    d.setAuthTag(tag);
    return Buffer.concat([d.update(body), d.final()]).toString('utf8');
  } catch {
    return null;
  }
}

export function newPassword(): string {
  // no look-alike characters: it is read off a terminal and typed on a tablet
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let s = '';
  for (let i = 0; i < 14; i++) s += alphabet[randomInt(0, alphabet.length)];
  return s;
}
