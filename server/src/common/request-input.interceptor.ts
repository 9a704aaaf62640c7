import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import type { Problem } from '../contracts/errors';
import { DomainError } from './domain-error';
import { refuseNul } from './parse-body';

/** The longest key a path may carry: contest codes, event, judge and criterion keys, bibs and stations are all shorter. */
export const ROUTE_KEY_MAX = 64;

// control characters: never part of a key, and NUL cannot even be stored in PostgreSQL
const CONTROL = /\p{Cc}/u;

/**
 * Checks every HTTP request's route parameters, query and JSON body before a controller sees
 * them, so no service looks up, stores or echoes what no key can be: a route key longer than
 * ROUTE_KEY_MAX or holding a control character, a query parameter given twice
 * (`?event=a&event=b` arrives as an array), a NUL anywhere in a JSON body. Each route's own
 * schema then checks the shape. Socket messages are left to their gateway's schema, which
 * answers on the event its clients listen to (a pipe would answer with Nest's own `exception`).
 */
@Injectable()
export class RequestInputInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() === 'http') {
      const req = ctx.switchToHttp().getRequest<Request>();
      for (const [name, value] of Object.entries(req.params ?? {})) checkRouteKey(name, value);
      checkQuery(undefined, req.query);
      if (req.body !== undefined && !Buffer.isBuffer(req.body)) refuseNul(req.body);
    }
    return next.handle();
  }
}

function checkRouteKey(name: string, value: unknown): void {
  if (typeof value !== 'string') return;
  if (value.length > ROUTE_KEY_MAX) throw DomainError.invalid([{ path: name, message: `at most ${ROUTE_KEY_MAX} characters` }]);
  if (CONTROL.test(value)) throw DomainError.invalid([{ path: name, message: 'must not contain control characters' }]);
}

/** `name` is set for `@Query('name')`, unset for the whole query object. */
function checkQuery(name: string | undefined, value: unknown): void {
  const entries: [string, unknown][] = name !== undefined ? [[name, value]] : value && typeof value === 'object' ? Object.entries(value) : [];
  const problems: Problem[] = [];
  for (const [k, v] of entries) {
    if (Array.isArray(v)) problems.push({ path: k, message: 'is given more than once; give each query parameter once' });
    else if (typeof v === 'string' && CONTROL.test(v)) problems.push({ path: k, message: 'must not contain control characters' });
  }
  if (problems.length) throw DomainError.invalid(problems);
}
