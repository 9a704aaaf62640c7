import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import expressStaticGzip from 'express-static-gzip';
import { existsSync } from 'node:fs';

/**
 * Serves one built app. The builds put a brotli and a gzip copy beside every script, style and
 * page, and those are sent to browsers that accept them: a phone opening the board from the QR
 * code downloads about a quarter of the bytes. Hashed assets never change, so they are cached for
 * a year; the shell and the service worker must always be fresh.
 */
export function serveApp(app: NestExpressApplication, prefix: string, dir: string): void {
  if (!existsSync(dir)) {
    new Logger('static').warn(`${dir} is not built; ${prefix}/ will answer 404 (run npm run build)`);
    return;
  }
  app.use(
    prefix,
    expressStaticGzip(dir, {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: 'index.html',
      serveStatic: {
        setHeaders: (res, path) => {
          if (/\/assets\//.test(path)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
          else res.setHeader('Cache-Control', 'no-cache');
        },
      },
    }),
  );
}
