import type { createAdapter } from '@socket.io/redis-adapter';
import type { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import type PDFDocument from 'pdfkit';
import type QRCode from 'qrcode';
import type { createClient } from 'redis';

/**
 * Libraries that only some requests need, loaded on first use instead of at start-up: together
 * they hold 30–40 MB of resident memory (exceljs ~29 MB, pdfkit ~25 MB, redis ~22 MB, qrcode ~8 MB)
 * that a server which only takes marks and feeds boards never uses.
 */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

export const loadExcelJs = once((): Promise<typeof ExcelJS> => import('exceljs').then((m) => m.default));
export const loadPdfKit = once((): Promise<typeof PDFDocument> => import('pdfkit').then((m) => m.default));
export const loadQrCode = once((): Promise<typeof QRCode> => import('qrcode').then((m) => m.default));
export const loadCsvParse = once((): Promise<typeof parse> => import('csv-parse/sync').then((m) => m.parse));
/** only a server with REDIS_URL uses these */
export const loadRedis = once(
  (): Promise<{ createAdapter: typeof createAdapter; createClient: typeof createClient }> =>
    Promise.all([import('@socket.io/redis-adapter'), import('redis')]).then(([a, r]) => ({ createAdapter: a.createAdapter, createClient: r.createClient })),
);
