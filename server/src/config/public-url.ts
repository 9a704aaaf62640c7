import { isIP } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { z } from 'zod';

/**
 * PUBLIC_URL: the address phones and tablets use to reach the server (QR codes, judge cards,
 * the start banner). An http(s) URL without query, fragment or credentials; a trailing slash is
 * dropped. A loopback address is accepted here because someone wrote it on purpose; the server
 * never picks one by itself.
 */
export function parsePublicUrl(raw: string | undefined, ctx: z.RefinementCtx): string | undefined {
  const value = raw?.trim() ?? '';
  if (value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be an http:// or https:// address, e.g. http://192.168.1.10:3000' });
    return z.NEVER;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    ctx.addIssue({ code: 'custom', message: `must start with http:// or https://, not ${url.protocol}//` });
    return z.NEVER;
  }
  if (url.search || url.hash || url.username || url.password) {
    ctx.addIssue({ code: 'custom', message: 'must be a plain address without user, query (?) or fragment (#)' });
    return z.NEVER;
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** True for an address only this computer can reach (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h.startsWith('127.') || h === '0:0:0:0:0:0:0:1' || h.startsWith('::ffff:127.');
}

const WILDCARD = new Set(['0.0.0.0', '::', '']);

/**
 * The IP addresses other devices can use to reach a server listening on `host`: the machine's
 * non-internal IPv4 addresses first (what a venue's Wi-Fi hands out), then global IPv6 ones.
 * Link-local IPv6 needs a zone a phone cannot type, so it is left out. A server bound to one
 * address is reachable only there; one bound to loopback has none.
 */
export function lanAddresses(host: string, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string[] {
  if (isLoopbackHost(host)) return [];
  if (!WILDCARD.has(host)) return isIP(host) ? [host] : [];
  const v4: string[] = [];
  const v6: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const a of list ?? []) {
      if (a.internal) continue;
      if (a.family === 'IPv4') v4.push(a.address);
      else if (!/^fe80:/i.test(a.address) && host !== '0.0.0.0') v6.push(a.address);
    }
  }
  return [...new Set([...v4, ...v6])];
}

/** `http://ADDRESS:PORT`, bracketing an IPv6 address. */
export function baseUrl(protocol: 'http' | 'https', address: string, port: number): string {
  return `${protocol}://${isIP(address) === 6 ? `[${address}]` : address}:${port}`;
}

export interface ReachableBases {
  /** where phones should go: PUBLIC_URL, else the first LAN address, else null (loopback only) */
  publicUrl: string | null;
  /** every address other devices can use, PUBLIC_URL first */
  addresses: string[];
  /** publicUrl is PUBLIC_URL, not an address found on the interfaces */
  configured: boolean;
}

export function reachableBases(publicUrl: string | undefined, protocol: 'http' | 'https', host: string, port: number, interfaces?: NodeJS.Dict<NetworkInterfaceInfo[]>): ReachableBases {
  const lan = lanAddresses(host, interfaces).map((a) => baseUrl(protocol, a, port));
  const addresses = publicUrl ? [publicUrl, ...lan.filter((a) => a !== publicUrl)] : lan;
  return { publicUrl: addresses[0] ?? null, addresses, configured: publicUrl !== undefined };
}
