import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { IncomingMessage } from 'node:http';
import helmet from 'helmet';

/** A Host header that may be written into a policy: a name or address and a port, nothing else. */
const SANE_HOST = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;

function sameHostSockets(req: IncomingMessage): string {
  const host = req.headers.host;
  // 'self' already covers ws/wss of the same host in current browsers; older tablets need them named
  return host && SANE_HOST.test(host) ? `ws://${host} wss://${host}` : "'self'";
}

/**
 * Everything the built apps load comes from this origin: scripts only as files (no inline script,
 * no eval), styles also as the style attributes Svelte sets, images also as data: (QR codes) and
 * blob:, the live feed over socket.io (polling and WebSocket to the same host), the judge app's
 * service worker. The organizer console opens exported PDFs from blob: URLs.
 */
function directives(framing: string, tls: boolean): Record<string, Iterable<string | ((req: IncomingMessage) => string)>> {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", sameHostSockets],
    workerSrc: ["'self'"],
    manifestSrc: ["'self'"],
    frameSrc: ["'self'", 'blob:'],
    objectSrc: ["'self'", 'blob:'],
    mediaSrc: ["'self'", 'blob:', 'data:'],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: [framing],
    ...(tls ? { upgradeInsecureRequests: [] } : {}),
  };
}

/**
 * helmet's headers with this product's Content-Security-Policy. HSTS only when this process
 * speaks TLS itself: over plain HTTP on a venue LAN it would be ignored at best, and
 * upgrade-insecure-requests would send the tablets to an HTTPS port that does not exist.
 * The public scoreboard may be framed (a venue's web page, a broadcast graphics wrapper);
 * nothing else may.
 */
export function securityHeaders(tls: boolean): RequestHandler {
  const common = {
    strictTransportSecurity: tls ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
    // the phones and tablets send no credentials but the bearer token; referrers would carry page addresses to nowhere useful
    referrerPolicy: { policy: 'no-referrer' as const },
    crossOriginEmbedderPolicy: false,
  };
  const app = helmet({
    ...common,
    contentSecurityPolicy: { useDefaults: false, directives: directives("'self'", tls) },
    xFrameOptions: { action: 'sameorigin' },
  });
  const board = helmet({
    ...common,
    contentSecurityPolicy: { useDefaults: false, directives: directives('*', tls) },
    xFrameOptions: false,
  });
  // A policy governs a document or a worker: a hashed script or style under assets/ is neither,
  // and a phone loading the board cold would otherwise download it once a file.
  const asset = helmet({ ...common, contentSecurityPolicy: false, xFrameOptions: false });
  return (req: Request, res: Response, next: NextFunction) => {
    const onBoard = req.path === '/board' || req.path.startsWith('/board/');
    if ((onBoard || req.path.startsWith('/judge/')) && req.path.includes('/assets/')) return asset(req, res, next);
    return (onBoard ? board : app)(req, res, next);
  };
}
