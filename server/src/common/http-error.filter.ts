import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import type { ErrorBody } from '../contracts/errors';
import { DomainError, HTTP_STATUS } from './domain-error';

/** The one place errors become HTTP answers: `{ statusCode, error, message }`, plus problems for 400s. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) this.log.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    if (exception instanceof DomainError && exception.retryAfter) res.setHeader('Retry-After', String(exception.retryAfter));
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }
}

/** The longest stretch of someone's input an error repeats, and the longest message. */
export const ECHO_MAX = 64;
export const MESSAGE_MAX = 4000;
// quoted values are taken pair by pair from the left, so the text between two of them is never mistaken for one
const QUOTED = /"([^"]*)"/g;
const LONG_RUN = new RegExp(`[^\\s"]{${ECHO_MAX + 1},}`, 'g');

/**
 * Messages name the value they refuse (`contest "X" not found`), so a 900 KB key would come back
 * whole. Cut here, once for every error, REST and socket alike: a quoted value or an unbroken run
 * of characters longer than ECHO_MAX — no word of a message is that long — keeps its first
 * ECHO_MAX characters and an ellipsis, and the whole message at most MESSAGE_MAX.
 */
export function clipEcho(text: string): string {
  const cut = (s: string) => `${s.slice(0, ECHO_MAX)}…`;
  const out = text.replace(QUOTED, (quoted, inner: string) => (inner.length > ECHO_MAX ? `"${cut(inner)}"` : quoted)).replace(LONG_RUN, cut);
  return out.length > MESSAGE_MAX ? `${out.slice(0, MESSAGE_MAX)}…` : out;
}

function clipped(body: ErrorBody): ErrorBody {
  const { problems, ...rest } = body;
  return {
    ...rest,
    message: clipEcho(body.message),
    ...(problems ? { problems: problems.map((p) => ({ path: clipEcho(p.path), message: clipEcho(p.message) })) } : {}),
  };
}

export function toErrorBody(exception: unknown): ErrorBody {
  return clipped(errorBodyOf(exception));
}

function errorBodyOf(exception: unknown): ErrorBody {
  if (exception instanceof DomainError) {
    const { status, error } = HTTP_STATUS[exception.code];
    return { statusCode: status, error, message: exception.message, ...(exception.problems ? { problems: exception.problems } : {}) };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const r = exception.getResponse();
    const message = typeof r === 'string' ? r : Array.isArray((r as { message?: unknown }).message) ? ((r as { message: string[] }).message).join('; ') : String((r as { message?: unknown }).message ?? exception.message);
    return { statusCode: status, error: (r as { error?: string }).error ?? exception.name, message };
  }
  // body-parser errors carry their own status (400 malformed JSON, 413 too large, 415 charset)
  const e = exception as { status?: number; type?: string; message?: string; limit?: number };
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    if (e.type === 'entity.too.large') {
      return { statusCode: 413, error: 'Payload Too Large', message: `body: request body is larger than the limit of ${e.limit ?? 'the server'} bytes` };
    }
    if (e.type === 'entity.parse.failed') {
      return { statusCode: 400, error: 'Bad Request', message: `body: malformed JSON (${e.message})` };
    }
    return { statusCode: e.status, error: STATUS_CODES[e.status] ?? 'Bad Request', message: `body: ${e.message ?? 'cannot be read'}` };
  }
  return { statusCode: 500, error: 'Internal Server Error', message: 'internal error; the server log has the details' };
}
