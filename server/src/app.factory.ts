import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppModule } from './app.module';
import { bearerOf } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { OrganizerPassword } from './auth/organizer-password';
import { DomainError } from './common/domain-error';
import { toErrorBody } from './common/http-error.filter';
import type { AppConfig } from './config/config';
import { LiveIoAdapter } from './live/io-adapter';
import { serveApp } from './static/serve-app';

/** Largest JSON body: a contest file of a few thousand contestants fits with room to spare. */
export const BODY_LIMIT = '1mb';
/** A spreadsheet of several thousand contestants. */
export const IMPORT_LIMIT = '10mb';

const LEVELS: Record<AppConfig['logLevel'], LogLevel[] | false> = {
  silent: false,
  error: ['error', 'fatal'],
  warn: ['error', 'fatal', 'warn'],
  log: ['error', 'fatal', 'warn', 'log'],
  debug: ['error', 'fatal', 'warn', 'log', 'debug', 'verbose'],
};

/** Builds the whole product: API, live feed and the built apps, one process, one port. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), {
    bodyParser: false,
    logger: LEVELS[config.logLevel],
    // socket.io attaches to this same server, so the live feed is encrypted with the API
    ...(config.tls ? { httpsOptions: { cert: config.tls.cert, key: config.tls.key } } : {}),
  });
  // false, a hop count or the proxies' addresses (AppConfig never yields `true`)
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  const io = new LiveIoAdapter(app);
  if (config.redisUrl) await io.connectToRedis(config.redisUrl);
  app.useWebSocketAdapter(io);
  // spreadsheets for the contestant import arrive as the raw file, read only for an organizer
  app.use(
    '/api/contests/:code/import',
    organizerBeforeBody(app.get(AuthService)),
    express.raw({ limit: IMPORT_LIMIT, type: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream', 'application/vnd.ms-excel'] }),
  );
  app.use(express.json({ limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] }));
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!err) return next();
    const body = toErrorBody(err);
    res.status(body.statusCode).json(body);
  });
  serveApp(app, '/judge', config.judgeAppDir);
  serveApp(app, '/board', config.scoreboardDir);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' && req.path === '/') return res.redirect(302, '/board/');
    next();
  });
  app.enableShutdownHooks();
  await app.get(OrganizerPassword).init();
  return app;
}

/**
 * Checks the organizer's token before a large body is read: without it anyone could make the
 * server take in ten megabytes per request before the route's guard turned them away. A refusal
 * closes the connection, so the rest of the upload is never read from the socket either.
 */
function organizerBeforeBody(auth: AuthService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST') return next();
    auth
      .verify(bearerOf(req))
      .then((who) => {
        if (who.kind !== 'organizer') throw DomainError.forbidden('organizer login required');
        next();
      })
      .catch((e: unknown) => {
        const body = toErrorBody(e);
        res.setHeader('Connection', 'close');
        res.status(body.statusCode).json(body);
      });
  };
}
