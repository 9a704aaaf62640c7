import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { AppModule } from './app.module';
import { OrganizerPassword } from './auth/organizer-password';
import { toErrorBody } from './common/http-error.filter';
import type { AppConfig } from './config/config';
import { LiveIoAdapter } from './live/io-adapter';

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
  });
  if (config.trustProxy) app.set('trust proxy', true);
  app.disable('x-powered-by');
  const io = new LiveIoAdapter(app);
  if (config.redisUrl) await io.connectToRedis(config.redisUrl);
  app.useWebSocketAdapter(io);
  // spreadsheets for the contestant import arrive as the raw file
  app.use(
    '/api/contests/:code/import',
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

function serveApp(app: NestExpressApplication, prefix: string, dir: string): void {
  if (!existsSync(dir)) {
    new Logger('static').warn(`${dir} is not built; ${prefix}/ will answer 404 (run npm run build)`);
    return;
  }
  app.use(
    prefix,
    express.static(dir, {
      index: 'index.html',
      setHeaders: (res, path) => {
        // hashed assets never change; the shell and the service worker must always be fresh
        if (/\/assets\//.test(path)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        else res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
}
