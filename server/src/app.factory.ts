import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { bearerOf } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { OrganizerPassword } from './auth/organizer-password';
import { DomainError } from './common/domain-error';
import { toErrorBody } from './common/http-error.filter';
import type { AppConfig } from './config/config';
import { securityHeaders } from './http/security-headers';
import { createHttpLogger, createRootLogger } from './logging/logger';
import { PinoNestLogger } from './logging/nest-logger';
import { LiveIoAdapter } from './live/io-adapter';
import { serveApp } from './static/serve-app';

/** Largest JSON body: a contest file of a few thousand contestants fits with room to spare. */
export const BODY_LIMIT = '1mb';
/** A spreadsheet of several thousand contestants. */
export const IMPORT_LIMIT = '10mb';

export interface CreateAppOptions {
  /**
   * where log lines go; by default stdout (JSON, or readable text at a terminal). Request lines
   * and Nest's own lines follow it.
   */
  logDestination?: DestinationStream;
}

/** Builds the whole product: API, live feed and the built apps, one process, one port. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const root = createRootLogger(config, options.logDestination);
  const httpLogger = createHttpLogger(root);
  // the request line is written by httpLogger, mounted first below; Nest's own logs go to the same logger
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), {
    bodyParser: false,
    bufferLogs: true,
    // socket.io attaches to this same server, so the live feed is encrypted with the API
    ...(config.tls ? { httpsOptions: { cert: config.tls.cert, key: config.tls.key } } : {}),
  });
  app.useLogger(new PinoNestLogger(root));
  // false, a hop count or the proxies' addresses (AppConfig never yields `true`)
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(httpLogger);
  app.use(securityHeaders(Boolean(config.tls)));
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
  // main.ts stops the process on SIGTERM/SIGINT (lifecycle/graceful-shutdown.ts); tests call app.close()
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
