import { hkdfSync } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';

/** Express's `trust proxy` setting, in the forms the contract allows: never `true`. */
export type TrustProxy = false | number | string[];

export const MAX_PROXY_HOPS = 10;
/** proxy-addr's names for the private ranges, which Express accepts in the list */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
// a narrower prefix than these trusts a good part of the internet
const MIN_PREFIX: Record<4 | 6, number> = { 4: 8, 6: 16 };

const TRUST_PROXY_FORMS = `a number of reverse proxies (0–${MAX_PROXY_HOPS}) or a comma-separated list of proxy addresses or CIDR ranges`;

function proxyEntryProblem(entry: string): string | null {
  if (RANGE_NAMES.has(entry)) return null;
  const [addr, prefix, ...rest] = entry.split('/');
  const version = isIP(addr);
  if (!version || rest.length) return `"${entry.slice(0, 60)}" is not an IP address or CIDR range`;
  if (prefix === undefined) return null;
  const bits = version === 4 ? 32 : 128;
  const min = version === 4 ? MIN_PREFIX[4] : MIN_PREFIX[6];
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits) return `"${entry}" has a prefix outside 0–${bits}`;
  if (Number(prefix) < min) return `"${entry}" trusts too wide a range (a prefix of at least /${min})`;
  return null;
}

/**
 * TRUST_PROXY: unset (X-Forwarded-For ignored), a hop count, or the proxies' addresses. "true"
 * is refused: trusting every hop makes the left-most, client-written address the source.
 */
export function parseTrustProxy(raw: string | undefined, ctx: z.RefinementCtx): TrustProxy {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > MAX_PROXY_HOPS) {
      ctx.addIssue({ code: 'custom', message: `must be ${TRUST_PROXY_FORMS}; ${hops} hops is more than ${MAX_PROXY_HOPS}` });
      return z.NEVER;
    }
    return hops === 0 ? false : hops;
  }
  if (value === 'true' || value === '*') {
    ctx.addIssue({ code: 'custom', message: `must be ${TRUST_PROXY_FORMS}; "${value}" would trust every hop, so any client could choose its own address` });
    return z.NEVER;
  }
  const entries = value.split(',').map((s) => s.trim());
  const problems = entries.map((e) => (e === '' ? 'an empty entry' : proxyEntryProblem(e))).filter((p) => p !== null);
  if (problems.length) {
    ctx.addIssue({ code: 'custom', message: `must be ${TRUST_PROXY_FORMS}: ${problems.join('; ')}` });
    return z.NEVER;
  }
  return entries;
}

export const SECRET_KEY_HEX = 64;
export const MIN_PASSPHRASE = 16;
const MAX_PASSPHRASE = 1024;
// fixed, so every process given the same passphrase derives the same key
const HKDF_SALT = 'skillscore.secret-key.salt.v1';
const HKDF_INFO = 'skillscore.pin-seal.aes-256-gcm';

/**
 * SECRET_KEY: exactly 64 hex characters are the key itself; any other value of at least 16
 * characters is a passphrase the 32-byte key is derived from with HKDF-SHA-256. Anything
 * shorter is refused rather than stretched or padded into a guessable key.
 */
export function parseSecretKey(raw: string | undefined, ctx: z.RefinementCtx): Buffer | undefined {
  if (!raw) return undefined;
  if (/^[0-9a-fA-F]{64}$/.test(raw)) return Buffer.from(raw, 'hex');
  const length = [...raw].length;
  if (length < MIN_PASSPHRASE || length > MAX_PASSPHRASE) {
    ctx.addIssue({
      code: 'custom',
      message: `must be ${SECRET_KEY_HEX} hex characters (a 32-byte key) or a passphrase of ${MIN_PASSPHRASE}–${MAX_PASSPHRASE} characters (got ${length} characters)`,
    });
    return z.NEVER;
  }
  return Buffer.from(hkdfSync('sha256', Buffer.from(raw, 'utf8'), HKDF_SALT, HKDF_INFO, 32));
}
