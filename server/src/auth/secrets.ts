import { createCipheriv, createDecipheriv, createHash, randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';

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
  return scryptSync(pin, salt, 32, { N: 4096 }).toString('hex');
}

export function hashPassword(password: string, salt = newSalt()): string {
  return `${salt}:${scryptSync(password, salt, 32, { N: 16384 }).toString('hex')}`;
}

export function passwordMatches(password: string, stored: string): boolean {
  const [salt, hash] = stored.split(':');
  const got = scryptSync(password, salt, 32, { N: 16384 });
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
