import type { Request, Response } from 'express';
import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import pretty from 'pino-pretty';
import type { AppConfig } from '../config/config';
import { requestIdFrom } from './request-id';
import { safeUrl } from './safe-url';

/** LOG_LEVEL (Nest's names, kept for existing deployments) to pino's levels. */
export const PINO_LEVEL: Record<AppConfig['logLevel'], LevelWithSilent> = {
  silent: 'silent',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
};

/**
 * Fields never written whatever a caller passes to the logger. Request lines are built from a
 * short list of fields (method, route, status, latency) and never carry headers or bodies; this
 * is the second line of defence for a log call elsewhere that passes a whole object.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'req.body',
  'body',
  'password',
  'pin',
  'token',
  'authorization',
  '*.password',
  '*.pin',
  '*.token',
  '*.authorization',
];

/**
 * JSON lines for a service manager, a container or a file; readable text for a person at a
 * terminal. Writes are synchronous so the last lines before a crash or an exit are not lost.
 */
export function defaultLogDestination(): DestinationStream {
  if (process.stdout.isTTY) {
    return pretty({
      colorize: true,
      singleLine: true,
      translateTime: 'SYS:HH:MM:ss.l',
      // the message already says method, route, status and latency
      ignore: 'pid,hostname,context,method,route,url,status,latencyMs',
      messageFormat: '{if context}[{context}] {end}{msg}',
      sync: true,
    });
  }
  return pino.destination({ dest: 1, sync: true });
}

/** The process's logger; a given destination (a file, a test's stream) gets JSON lines. */
export function createRootLogger(config: Pick<AppConfig, 'logLevel'>, destination?: DestinationStream): Logger {
  const json = destination !== undefined || !process.stdout.isTTY;
  return pino(
    {
      level: PINO_LEVEL[config.logLevel],
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // a label reads better than 30 in a JSON log; the terminal printer wants pino's numbers
      ...(json ? { formatters: { level: (label: string) => ({ level: label }) } } : {}),
      base: { pid: process.pid },
    },
    destination ?? defaultLogDestination(),
  );
}

/** The route pattern Express matched (`/api/contests/:code/…`), else the path without its query. */
function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return pattern;
  const url = req.originalUrl ?? req.url;
  const q = url.indexOf('?');
  return safeUrl(q < 0 ? url : url.slice(0, q));
}

const PROBES = new Set(['/api/health', '/api/ready']);

/** pino-http's stand-in error for a 5xx answer that threw nothing: the status already says it. */
function isStatusOnly(err: Error): boolean {
  return err.message.startsWith('failed with status code');
}

/**
 * One line per request when it ends: request id, method, route, status and latency; never a
 * header, a cookie or a body. The request id is the caller's X-Request-Id when sane (a proxy's),
 * else generated, and is sent back in X-Request-Id so a person can quote it.
 */
export function createHttpLogger(root: Logger): HttpLogger<Request, Response> {
  return pinoHttp<Request, Response>({
    logger: root,
    genReqId: (req, res) => {
      const id = requestIdFrom(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId', responseTime: 'latencyMs' },
    // logs made while handling a request carry its id, not the request object
    quietReqLogger: true,
    quietResLogger: true,
    serializers: {
      req: (req: { method?: string; url?: string }) => ({ method: req.method, url: safeUrl(req.url) }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (req, res, err) => {
      // load balancers poll these every few seconds; a not-ready answer is news, not a fault
      if (PROBES.has(req.path)) return res.statusCode < 400 ? 'debug' : 'warn';
      if (err || res.statusCode >= 500) return 'error';
      return 'info';
    },
    customSuccessObject: (req, res, value) => ({
      method: req.method,
      route: routeOf(req),
      url: safeUrl(req.originalUrl ?? req.url),
      status: res.statusCode,
      latencyMs: (value as { latencyMs?: number }).latencyMs,
      ip: req.ip,
    }),
    customErrorObject: (req, res, err, value) => ({
      method: req.method,
      route: routeOf(req),
      url: safeUrl(req.originalUrl ?? req.url),
      status: res.statusCode,
      latencyMs: (value as { latencyMs?: number }).latencyMs,
      ip: req.ip,
      ...(isStatusOnly(err) ? {} : { err: err.message }),
    }),
    customSuccessMessage: (req, res, ms) => `${req.method} ${routeOf(req)} ${res.statusCode} ${ms}ms`,
    customErrorMessage: (req, res, err) => `${req.method} ${routeOf(req)} ${res.statusCode || '-'}${isStatusOnly(err) ? '' : ` (${err.message})`}`,
  });
}
