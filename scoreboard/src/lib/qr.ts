import { create } from 'qrcode';

export interface QrPath {
  /** modules per side, quiet zone included */
  size: number;
  /** one SVG path drawing every dark module */
  d: string;
}

/** A QR code as a single SVG path, so it stays sharp at any projector scale. */
export function qrPath(text: string, margin = 2): QrPath {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let d = '';
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      // One rectangle per horizontal run keeps the path short.
      const from = x;
      while (x < n && modules.get(y, x)) x++;
      d += `M${from + margin} ${y + margin}h${x - from}v1h${from - x}z`;
    }
  }
  return { size: n + margin * 2, d };
}

/** True for an address only the computer showing the page can reach (127.x, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h.startsWith('127.');
}

/** What the server says about its reachable address (`GET /api/server`). */
export interface ReachableAddress {
  publicUrl: string | null;
  /** publicUrl is the PUBLIC_URL setting rather than an address found on the interfaces */
  configured: boolean;
}

/**
 * The base address a phone's QR code points at: PUBLIC_URL when set; else this page's own address
 * when phones can reach it (it may come through a reverse proxy the server cannot see); else, on
 * a loopback-opened page, the LAN address the server found; else null — no phone can reach
 * loopback, so the projector tells the organizer instead of showing a dead code.
 */
export function phoneBase(server: ReachableAddress | null | undefined, pageOrigin: string): string | null {
  const trim = (u: string) => u.replace(/\/+$/, '');
  if (server?.configured && server.publicUrl) return trim(server.publicUrl);
  if (!isLoopbackHost(new URL(pageOrigin).hostname)) return pageOrigin;
  return server?.publicUrl ? trim(server.publicUrl) : null;
}
