import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession } from 'playwright-core';
import { io } from 'socket.io-client';
import type { ContestSummary } from '../src/contracts/standings';
import type { FeedSnapshot } from '../src/contracts/feed';
import { sleep } from './clock';
import { JsonHttp } from './json-http';
import { liveContest } from './live-fixture';
import { describeMachine } from './machine';
import { startBenchServer } from './server-process';
import { meteredWebSocket } from './skim-transport';
import { printTable } from './table';

/**
 * What a phone downloads from scanning the projector's QR code to a live board: the page, its
 * script and style, the REST calls the board makes, the socket.io handshake and the first
 * snapshot. Measured in headless Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH) through
 * the DevTools protocol, on the real server and the built scoreboard; without a browser only the
 * sizes measured from Node are printed.
 */

const REPO = resolve(__dirname, '..', '..');
const SCOREBOARD = join(REPO, 'scoreboard');
const DIST = join(SCOREBOARD, 'dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'bench-organizer-password';
/** the demo contest the server seeds with DEMO=1: three events of 100 entries, hairdressing fully marked */
const DEMO = 'BG2024';
/** the goal's case: one event of 300 entries, every sheet in */
const BIG = 'PHONE300';
const BIG_ENTRIES = 300;
const PHONE = { width: 390, height: 844 };
const SNAPSHOT_GOAL = 40 * 1024;
const KB = 1024;
const LIVE_TIMEOUT_MS = 20_000;
/** the page counts as loaded once nothing new was requested for this long after the board went live */
const QUIET_MS = 1500;

type Kind = 'HTML' | 'JS' | 'CSS' | 'board' | 'REST' | 'other';

interface Fetched {
  url: string;
  kind: Kind;
  status: number;
  encoding: string;
  /** bytes on the wire: response headers and body as sent (compressed when it was) */
  wire: number;
  /** the body after decompression */
  decoded: number;
  cached: boolean;
}

interface SocketTraffic {
  /** the HTTP upgrade: request line and headers sent, status line and headers received */
  handshakeSent: number;
  handshakeReceived: number;
  /** frames received before the snapshot (engine.io open, namespace connect) and sent (connect, watch), payload + frame header */
  framesReceived: number;
  framesSent: number;
  /** the snapshot frame, payload + frame header */
  snapshot: number;
  snapshotEvents: string[];
}

interface Visit {
  fetched: Fetched[];
  socket: SocketTraffic | null;
  rows: number;
  acceptEncoding: string;
}

export async function run(): Promise<void> {
  console.log(`Phone first load — ${describeMachine()}`);
  const build = prepareScoreboard();
  const server = await startBenchServer({ DEMO: '1', ORGANIZER_PASSWORD: PASSWORD, SCOREBOARD_DIR: DIST });
  const http = new JsonHttp(server.base);
  try {
    await markBigContest(http);
    console.log(`Server: ${server.base}, scoreboard ${build}; contests ${DEMO} (demo: 3 events × 100 entries, 美发 fully marked) and ${BIG} (1 event × ${BIG_ENTRIES} entries, every sheet in).\n`);

    const contests: { code: string; first: string }[] = [];
    for (const code of [DEMO, BIG]) {
      const summary = (await http.expect(200, 'GET', `/api/contests/${code}`)) as ContestSummary;
      contests.push({ code, first: summary.events[0].key });
    }

    const snapshots: string[][] = [['contest', 'watch', 'events', 'rows', 'snapshot as decoded', 'on the wire (TCP bytes read)']];
    const oneEvent = new Map<string, number>();
    for (const { code, first } of contests) {
      for (const w of [{ contest: code }, { contest: code, compact: true, events: [first] }]) {
        const s = await snapshotFrame(server.base, w);
        if ('events' in w) oneEvent.set(code, s.wire);
        snapshots.push([code, JSON.stringify(w), String(s.events), String(s.rows), formatBytes(s.bytes), formatBytes(s.wire)]);
      }
    }

    // the board as a phone reads it first: the same snapshot over HTTP, compressed
    const boards: string[][] = [['contest', 'GET', 'rows', 'identity', 'gzip', 'br']];
    const oneEventHttp = new Map<string, number>();
    for (const { code, first } of contests) {
      const path = `/api/contests/${code}/snapshot?events=${first}`;
      const [identity, gzip, br] = await Promise.all(['identity', 'gzip', 'br'].map((e) => rawGet(`${server.base}${path}`, e)));
      const board = JSON.parse(identity.body.toString('utf8')) as FeedSnapshot;
      oneEventHttp.set(code, gzip.body.length);
      boards.push([code, path.replace(/^\/api\/contests\/[^/]+/, '…'), String(board.events.reduce((n, e) => n + e.rows.length, 0)), formatBytes(identity.body.length), formatBytes(gzip.body.length), formatBytes(br.body.length)]);
    }

    const assets = await assetSizes(server.base);

    if (!existsSync(CHROMIUM)) console.log(`No browser at ${CHROMIUM} (set CHROMIUM_PATH): only the sizes measured from Node follow.\n`);
    else {
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      try {
        for (const { code } of contests) {
          const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 3, locale: 'zh-CN' });
          try {
            const url = `${server.base}/board/?contest=${code}&view=phone`;
            const first = await visit(context, url);
            const again = await visit(context, url);
            printVisit(code, url, first, again);
          } finally {
            await context.close();
          }
        }
        const times: string[][] = [['contest', 'profile', 'runs', 'time to a live board: min / median / max']];
        for (const { code } of contests) {
          const url = `${server.base}/board/?contest=${code}&view=phone`;
          for (const profile of PROFILES) {
            const runs: number[] = [];
            for (let i = 0; i < TIMED_RUNS; i++) runs.push(await timedVisit(browser, url, profile));
            runs.sort((a, b) => a - b);
            times.push([code, profile.name, String(runs.length), runs.length ? `${fmtMs(runs[0])} / ${fmtMs(runs[Math.floor(runs.length / 2)])} / ${fmtMs(runs.at(-1)!)}` : '–']);
          }
        }
        console.log('Time from navigation to a live board with rows on screen, empty cache, throttled through the DevTools protocol:');
        printTable(times);
        console.log();
      } finally {
        await browser.close();
      }
    }

    console.log('The board’s files, as the server sends them for each Accept-Encoding (body bytes):');
    printTable([['file', 'identity', 'gzip', 'br'], ...assets.map((a) => [a.path, formatBytes(a.identity), formatBytes(a.gzip), formatBytes(a.br)])]);
    console.log();
    console.log('First snapshot, measured from Node (socket.io-client over WebSocket): the frame’s payload as decoded, and the bytes the TCP socket read for it (the feed sends nothing compressed):');
    printTable(snapshots);
    console.log();
    console.log('First board over HTTP, as the board reads it before it watches with `since` (body bytes; browsers ask for brotli over HTTPS and on localhost, gzip on a plain-http venue address):');
    printTable(boards);
    console.log();
    console.log(`Goal: one event's first snapshot under ${formatBytes(SNAPSHOT_GOAL)} on the wire (the board reads it over HTTP; gzip, the larger):`);
    for (const { code, first } of contests) {
      const bytes = oneEventHttp.get(code)!;
      console.log(`  ${code}, ${first}: ${formatBytes(bytes)} — ${bytes < SNAPSHOT_GOAL ? 'met' : 'missed'} (on the socket, uncompressed: ${formatBytes(oneEvent.get(code)!)})`);
    }
  } finally {
    http.close();
    await server.stop();
  }
}

/** Builds the scoreboard when its dist is missing or older than its sources (or the contracts it imports). */
function prepareScoreboard(): string {
  const index = join(DIST, 'index.html');
  const current = () => existsSync(index) && newest([join(SCOREBOARD, 'src'), join(SCOREBOARD, 'index.html'), join(REPO, 'server', 'src', 'contracts')]) <= statSync(index).mtimeMs;
  if (current()) return 'scoreboard/dist';
  const r = spawnSync('npm', ['run', 'build', '-w', 'scoreboard'], { cwd: REPO, stdio: 'ignore' });
  if (r.status !== 0 || !existsSync(index)) throw new Error('npm run build -w scoreboard failed');
  return 'scoreboard/dist, built now';
}

function newest(paths: string[]): number {
  let t = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const st = statSync(p);
    if (!st.isDirectory()) t = Math.max(t, st.mtimeMs);
    else t = Math.max(t, newest(readdirSync(p).map((n) => join(p, n))));
  }
  return t;
}

/** The goal's contest: one event of 300 entries with every judge's sheet in (rows as large as they get). */
async function markBigContest(http: JsonHttp): Promise<void> {
  const contest = liveContest(BIG, BIG_ENTRIES);
  const { token: org } = await http.expect(200, 'POST', '/api/auth/organizer', { password: PASSWORD });
  await http.expect(201, 'POST', '/api/contests', contest.file, org);
  const tokens = new Map<string, string>();
  for (const [judge, pin] of contest.pins) tokens.set(judge, (await http.expect(200, 'POST', '/api/auth/judge', { contest: BIG, pin })).token);
  let next = 0;
  const worker = async () => {
    while (next < contest.sheets.length) {
      const s = contest.sheets[next++];
      await http.expect(200, 'PUT', `/api/contests/${BIG}/events/hair/sheets/${s.station}`, { requestId: randomUUID(), scores: s.scores }, tokens.get(s.judge));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  // the feed publishes after its coalescing window; the snapshot should show the settled board
  await sleep(1000);
}

/** One watch from Node: the snapshot frame's bytes as received. */
async function snapshotFrame(base: string, watch: Record<string, unknown>): Promise<{ bytes: number; wire: number; events: number; rows: number }> {
  let frame: { bytes: number; text: string } | null = null;
  let tcp: { bytesRead: number } | null = null;
  let readBefore = 0;
  const socket = io(`${base}/live`, {
    transports: [meteredWebSocket(() => undefined, (text, bytes) => (frame = text.startsWith('42/live,["snapshot"') ? { bytes, text } : frame))],
    reconnection: false,
    forceNew: true,
  });
  try {
    const snapshot = await new Promise<FeedSnapshot>((resolveP, reject) => {
      const timer = setTimeout(() => reject(new Error(`no snapshot for ${JSON.stringify(watch)}`)), LIVE_TIMEOUT_MS);
      socket.on('connect', () => {
        // the TCP socket under the WebSocket: what it reads from here on is the snapshot as sent
        tcp = (socket.io.engine.transport as unknown as { ws?: { _socket?: { bytesRead: number } } }).ws?._socket ?? null;
        readBefore = tcp?.bytesRead ?? 0;
        socket.emit('watch', watch);
      });
      socket.on('connect_error', reject);
      socket.on('snapshot', (s: FeedSnapshot) => {
        clearTimeout(timer);
        resolveP(s);
      });
    });
    const f = frame as { bytes: number; text: string } | null;
    if (!f) throw new Error('snapshot frame not seen');
    await sleep(100);
    return {
      bytes: f.bytes,
      wire: tcp ? (tcp as { bytesRead: number }).bytesRead - readBefore : f.bytes,
      events: snapshot.events.length,
      rows: snapshot.events.reduce((n, e) => n + e.rows.length, 0),
    };
  } finally {
    socket.disconnect();
  }
}

/** The board's page, script and style, each fetched with every Accept-Encoding the server offers. */
async function assetSizes(base: string): Promise<{ path: string; identity: number; gzip: number; br: number }[]> {
  const html = (await rawGet(`${base}/board/`, 'identity')).body.toString('utf8');
  const paths = ['/board/', ...[...html.matchAll(/(?:src|href)="(\/board\/assets\/[^"]+)"/g)].map((m) => m[1])];
  const out = [];
  for (const path of paths) {
    const [identity, gzip, br] = await Promise.all(['identity', 'gzip', 'br'].map((e) => rawGet(`${base}${path}`, e)));
    for (const [r, e] of [
      [gzip, 'gzip'],
      [br, 'br'],
    ] as const) {
      if (r.encoding !== e) throw new Error(`${path}: asked for ${e}, got ${r.encoding || 'identity'}`);
    }
    out.push({ path, identity: identity.body.length, gzip: gzip.body.length, br: br.body.length });
  }
  return out;
}

function rawGet(url: string, encoding: string): Promise<{ body: Buffer; encoding: string }> {
  return new Promise((resolveP, reject) => {
    const req = request(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolveP({ body: Buffer.concat(chunks), encoding: String(res.headers['content-encoding'] ?? '') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** One page load in `context` (its cache carries over to the next visit), counted from the DevTools protocol's network events. */
async function visit(context: BrowserContext, url: string): Promise<Visit> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const requests = new Map<string, { url: string; type: string; status: number; encoding: string; wire: number; decoded: number; cached: boolean }>();
  let lastActivity = Date.now();
  let acceptEncoding = '';
  const socket: SocketTraffic = { handshakeSent: 0, handshakeReceived: 0, framesReceived: 0, framesSent: 0, snapshot: 0, snapshotEvents: [] };
  let sawSocket = false;
  listen(cdp, 'Network.requestWillBeSent', (e: { requestId: string; request: { url: string }; type: string }) => {
    lastActivity = Date.now();
    requests.set(e.requestId, { url: e.request.url, type: e.type, status: 0, encoding: '', wire: 0, decoded: 0, cached: false });
  });
  listen(cdp, 'Network.requestWillBeSentExtraInfo', (e: { headers: Record<string, string> }) => {
    acceptEncoding ||= header(e.headers, 'accept-encoding');
  });
  listen(cdp, 'Network.responseReceived', (e: { requestId: string; response: { status: number; headers: Record<string, string>; fromDiskCache?: boolean; fromServiceWorker?: boolean } }) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.status = e.response.status;
    r.encoding = header(e.response.headers, 'content-encoding');
    r.cached ||= !!e.response.fromDiskCache || !!e.response.fromServiceWorker;
  });
  listen(cdp, 'Network.requestServedFromCache', (e: { requestId: string }) => {
    const r = requests.get(e.requestId);
    if (r) r.cached = true;
  });
  listen(cdp, 'Network.dataReceived', (e: { requestId: string; dataLength: number }) => {
    const r = requests.get(e.requestId);
    if (r) r.decoded += e.dataLength;
  });
  listen(cdp, 'Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    lastActivity = Date.now();
    const r = requests.get(e.requestId);
    if (r) r.wire = e.encodedDataLength;
  });
  listen(cdp, 'Network.webSocketWillSendHandshakeRequest', (e: { request: { headers: Record<string, string> } }) => {
    sawSocket = true;
    // the request line is not in the event: "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
    socket.handshakeSent += 52 + headerBytes(e.request.headers);
  });
  listen(cdp, 'Network.webSocketHandshakeResponseReceived', (e: { response: { headers: Record<string, string>; headersText?: string; status: number; statusText: string } }) => {
    socket.handshakeReceived += e.response.headersText
      ? Buffer.byteLength(e.response.headersText)
      : Buffer.byteLength(`HTTP/1.1 ${e.response.status} ${e.response.statusText}\r\n`) + headerBytes(e.response.headers);
  });
  listen(cdp, 'Network.webSocketFrameReceived', (e: { response: { payloadData: string; opcode: number } }) => {
    lastActivity = Date.now();
    const payload = e.response.opcode === 2 ? Buffer.from(e.response.payloadData, 'base64').length : Buffer.byteLength(e.response.payloadData);
    const bytes = payload + frameHeader(payload, false);
    if (e.response.payloadData.startsWith('42/live,["snapshot"') && !socket.snapshot) {
      socket.snapshot = bytes;
      const s = JSON.parse(e.response.payloadData.slice('42/live,'.length)) as [string, FeedSnapshot];
      socket.snapshotEvents = s[1].events.map((x) => x.event);
    } else if (!socket.snapshot) socket.framesReceived += bytes;
  });
  listen(cdp, 'Network.webSocketFrameSent', (e: { response: { payloadData: string } }) => {
    if (socket.snapshot) return;
    const payload = Buffer.byteLength(e.response.payloadData);
    socket.framesSent += payload + frameHeader(payload, true);
  });
  await cdp.send('Network.enable');

  await page.goto(url);
  await page.waitForFunction(
    () => document.querySelector('[data-testid="connection"]')?.textContent?.trim() === '实时' && document.querySelectorAll('[data-testid="phone-row"]').length > 0,
    undefined,
    { timeout: LIVE_TIMEOUT_MS, polling: 50 },
  );
  const deadline = Date.now() + 10_000;
  const boardRead = () => [...requests.values()].some((r) => r.wire > 0 && new URL(r.url).pathname.endsWith('/snapshot'));
  while ((Date.now() - lastActivity < QUIET_MS || !(socket.snapshot || boardRead())) && Date.now() < deadline) await sleep(100);
  const rows = await page.locator('[data-testid="phone-row"]').count();
  await page.close();
  const fetched = [...requests.values()]
    .filter((r) => !r.url.startsWith('data:'))
    .map((r): Fetched => ({ url: r.url, kind: kindOf(r.url, r.type), status: r.status, encoding: r.encoding || 'identity', wire: r.wire, decoded: r.decoded, cached: r.cached }));
  return { fetched, socket: sawSocket ? socket : null, rows, acceptEncoding };
}

/** Network and CPU throttling of a phone: Lighthouse's mobile profile (slow 4G, a CPU four times slower), and congested venue Wi-Fi. */
interface Profile {
  name: string;
  latencyMs: number;
  downKbit: number;
  upKbit: number;
  cpuSlowdown: number;
}
const PROFILES: Profile[] = [
  { name: 'slow 4G (150 ms, 1.6 Mbit/s down, 750 kbit/s up), CPU ÷4', latencyMs: 150, downKbit: 1600, upKbit: 750, cpuSlowdown: 4 },
  { name: 'congested Wi-Fi (400 ms, 0.5 Mbit/s), CPU ÷4', latencyMs: 400, downKbit: 500, upKbit: 500, cpuSlowdown: 4 },
];
const TIMED_RUNS = 3;

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

/** One cold load under `profile`: ms from navigation to the board reading 实时 with rows on screen. */
async function timedVisit(browser: import('playwright-core').Browser, url: string, profile: Profile): Promise<number> {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 3, locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: profile.latencyMs,
      downloadThroughput: (profile.downKbit * 1000) / 8,
      uploadThroughput: (profile.upKbit * 1000) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuSlowdown });
    const started = Date.now();
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="connection"]')?.textContent?.trim() === '实时' && document.querySelectorAll('[data-testid="phone-row"]').length > 0,
      undefined,
      { timeout: 60_000, polling: 50 },
    );
    return Date.now() - started;
  } finally {
    await context.close();
  }
}

function listen<T>(cdp: CDPSession, event: string, fn: (e: T) => void): void {
  (cdp as unknown as { on(event: string, fn: (e: T) => void): void }).on(event, fn);
}

function kindOf(url: string, type: string): Kind {
  const path = new URL(url).pathname;
  if (type === 'Document') return 'HTML';
  if (/^\/api\/contests\/[^/]+\/snapshot$/.test(path)) return 'board';
  if (path.startsWith('/api/')) return 'REST';
  if (path.endsWith('.js')) return 'JS';
  if (path.endsWith('.css')) return 'CSS';
  return 'other';
}

function header(headers: Record<string, string>, name: string): string {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return '';
}

/** "Name: value\r\n" for each header, and the blank line that ends them. */
function headerBytes(headers: Record<string, string>): number {
  return Object.entries(headers).reduce((n, [k, v]) => n + Buffer.byteLength(`${k}: ${v}\r\n`), 2);
}

/** RFC 6455: 2 bytes, 4 with a 16-bit length, 10 with a 64-bit one; frames from the client add a 4-byte mask. */
function frameHeader(payload: number, masked: boolean): number {
  return (payload < 126 ? 2 : payload < 65536 ? 4 : 10) + (masked ? 4 : 0);
}

function printVisit(code: string, url: string, first: Visit, again: Visit): void {
  console.log(`${code}: ${url.replace(/^http:\/\/[^/]+/, '')} in Chromium at ${PHONE.width}×${PHONE.height}, ${first.rows} rows on screen; the browser sent Accept-Encoding: ${first.acceptEncoding || '?'}`);
  const rows: string[][] = [['what', 'requests', 'first visit: on the wire', 'body decoded', 'encoding', 'second visit: on the wire']];
  const kinds: Kind[] = ['HTML', 'JS', 'CSS', 'board', 'REST', 'other'];
  let total1 = 0;
  let total2 = 0;
  for (const kind of kinds) {
    const a = first.fetched.filter((f) => f.kind === kind);
    const b = again.fetched.filter((f) => f.kind === kind);
    if (!a.length && !b.length) continue;
    const wire = (xs: Fetched[]) => xs.reduce((n, f) => n + (f.cached ? 0 : f.wire), 0);
    total1 += wire(a);
    total2 += wire(b);
    const names = kind === 'REST' ? ` (${restNames(a)})` : '';
    rows.push([
      (kind === 'board' ? 'first board over HTTP (snapshot)' : kind) + names,
      String(a.length),
      formatBytes(wire(a)),
      formatBytes(a.reduce((n, f) => n + f.decoded, 0)),
      [...new Set(a.map((f) => f.encoding))].join(', '),
      b.length ? `${formatBytes(wire(b))}${b.some((f) => f.cached) ? ` (${b.filter((f) => f.cached).length} from cache)` : ''}${b.some((f) => f.status === 304) ? ` (${b.filter((f) => f.status === 304).length} × 304)` : ''}` : '–',
    ]);
  }
  for (const [label, pick] of [
    ['socket.io handshake (upgrade, open, connect, watch; received + sent)', (s: SocketTraffic) => s.handshakeReceived + s.framesReceived + s.handshakeSent + s.framesSent],
    [`snapshot on the socket${first.socket?.snapshotEvents.length ? ` (${first.socket.snapshotEvents.join(', ')})` : ': none, the board came over HTTP'}`, (s: SocketTraffic) => s.snapshot],
  ] as const) {
    const a = first.socket ? pick(first.socket) : NaN;
    const b = again.socket ? pick(again.socket) : NaN;
    total1 += a;
    total2 += b;
    rows.push([label, '1', formatBytes(a), '', 'none', formatBytes(b)]);
  }
  rows.push(['total', '', formatBytes(total1), '', '', formatBytes(total2)]);
  printTable(rows);
  console.log();
}

/** The REST paths called, relative to the contest's, with how often: "contest ×2, teams". */
function restNames(fetched: Fetched[]): string {
  const counts = new Map<string, number>();
  for (const f of fetched) {
    const path = new URL(f.url).pathname.replace(/^\/api\/contests\/[^/]+\/?/, '') || 'contest';
    counts.set(path, (counts.get(path) ?? 0) + 1);
  }
  return [...counts].map(([p, n]) => (n > 1 ? `${p} ×${n}` : p)).join(', ');
}

function formatBytes(n: number): string {
  if (Number.isNaN(n)) return '–';
  return n < KB ? `${n.toFixed(0)} B` : `${(n / KB).toFixed(1)} KB`;
}
