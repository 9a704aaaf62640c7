import type { Problem } from '../contracts/errors';
import { formatProblems } from '../domain/scoring/problems';

/**
 * Errors services throw. Each code maps once to an HTTP status (http-error.filter.ts) and to a
 * socket error (live gateway); services never throw transport exceptions.
 */
export enum ErrorCode {
  Validation = 'validation',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not-found',
  Conflict = 'conflict',
  TooManyAttempts = 'too-many-attempts',
  TooLarge = 'too-large',
  /** the server lacks something it needs (a font for PDF files) */
  Unavailable = 'unavailable',
}

export const HTTP_STATUS: Record<ErrorCode, { status: number; error: string }> = {
  [ErrorCode.Validation]: { status: 400, error: 'Bad Request' },
  [ErrorCode.Unauthenticated]: { status: 401, error: 'Unauthorized' },
  [ErrorCode.Forbidden]: { status: 403, error: 'Forbidden' },
  [ErrorCode.NotFound]: { status: 404, error: 'Not Found' },
  [ErrorCode.Conflict]: { status: 409, error: 'Conflict' },
  [ErrorCode.TooLarge]: { status: 413, error: 'Payload Too Large' },
  [ErrorCode.TooManyAttempts]: { status: 429, error: 'Too Many Requests' },
  [ErrorCode.Unavailable]: { status: 503, error: 'Service Unavailable' },
};

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems?: Problem[],
    /** seconds, for TooManyAttempts */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  static invalid(problems: Problem[]): DomainError {
    const head = problems.length === 1 ? '' : `${problems.length} problems: `;
    return new DomainError(ErrorCode.Validation, head + formatProblems(problems), problems);
  }
  static notFound(message: string): DomainError {
    return new DomainError(ErrorCode.NotFound, message);
  }
  static forbidden(message: string): DomainError {
    return new DomainError(ErrorCode.Forbidden, message);
  }
  static conflict(message: string): DomainError {
    return new DomainError(ErrorCode.Conflict, message);
  }
  static unauthenticated(message: string): DomainError {
    return new DomainError(ErrorCode.Unauthenticated, message);
  }
}
