// The container's health probe: GET /api/health on this process's own port (over TLS when the
// server speaks it itself). Exit 0 when it answers 200 within four seconds, else 1.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

const tls = Boolean(process.env.TLS_CERT && process.env.TLS_KEY);
const port = Number(process.env.PORT || 3000);
// the certificate names the venue's address, not loopback: this probe only asks whether the process answers
const req = (tls ? httpsRequest : httpRequest)({ host: '127.0.0.1', port, path: '/api/health', timeout: 4000, rejectUnauthorized: false }, (res) => {
  res.resume();
  process.exit(res.statusCode === 200 ? 0 : 1);
});
req.on('timeout', () => req.destroy(new Error('timed out')));
req.on('error', () => process.exit(1));
req.end();
