import { randomUUID } from 'node:crypto';

/** A proxy's or client's id is kept only when it is short and plain, so it cannot forge log lines. */
const SANE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The X-Request-Id the caller sent when it is sane, else a fresh one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SANE_ID.test(value) ? value : randomUUID();
}
