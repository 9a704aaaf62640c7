import type { z } from 'zod';
import type { Problem } from '../contracts/errors';
import { DomainError } from './domain-error';

function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

/** Zod issues as problems named by field, every one of them. */
export function zodProblems(error: z.ZodError): Problem[] {
  return error.issues.map((i) => {
    let message = i.message;
    if (i.code === 'invalid_type') message = `must be ${i.expected}${'input' in i && i.input === undefined ? ' (missing)' : ''}`;
    else if (i.code === 'unrecognized_keys') message = `unknown field(s): ${i.keys.join(', ')}`;
    else if (i.code === 'invalid_value' && 'values' in i) message = `must be one of ${i.values.map((v) => JSON.stringify(v)).join(', ')}`;
    return { path: pathOf(i.path) || 'body', message };
  });
}

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  if (body === undefined || body === null || typeof body !== 'object') {
    throw DomainError.invalid([{ path: 'body', message: 'must be a JSON object (Content-Type: application/json)' }]);
  }
  const r = schema.safeParse(body);
  if (!r.success) throw DomainError.invalid(zodProblems(r.error));
  return r.data;
}
