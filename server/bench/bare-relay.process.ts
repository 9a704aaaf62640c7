/**
 * The floor for the live feed: a bare socket.io server (same version and options as the
 * product's feed, no database, no scoring) that fans out whatever JSON it is POSTed, as an
 * `update`, to the watchers of one contest. Forked by live-feed.bench.ts, which POSTs the messages
 * its watchers received from the server, in the form they watched (whole rows or compact); replies
 * with its port.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Server } from 'socket.io';

const http = createServer(onRequest);
const io = new Server(http, { perMessageDeflate: false, httpCompression: false, pingInterval: 10_000, pingTimeout: 8_000, cors: { origin: true } });
const live = io.of('/live');

live.on('connection', (socket) => {
  socket.on('watch', (w: { contest?: unknown }) => {
    const contest = typeof w?.contest === 'string' ? w.contest : '';
    void socket.join(`contest:${contest}`);
    socket.emit('snapshot', { seq: 0, contest, events: [] });
  });
});

/** POST /emit/CODE with an update's JSON: parsed, then sent to everyone watching CODE. */
function onRequest(req: IncomingMessage, res: ServerResponse): void {
  const m = /^\/emit\/([^/]+)$/.exec(req.url ?? '');
  if (req.method !== 'POST' || !m) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const update: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    live.to(`contest:${decodeURIComponent(m[1])}`).emit('update', update);
    res.writeHead(204).end();
  });
}

http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('disconnect', () => process.exit(0));
