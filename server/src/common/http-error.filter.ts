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

export function toErrorBody(exception: unknown): ErrorBody {
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
