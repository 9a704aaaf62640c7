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
  refuseNul(body);
  const r = schema.safeParse(body);
  if (!r.success) throw DomainError.invalid(zodProblems(r.error));
  return r.data;
}

/** A route's query string (Express gives an object, a repeated parameter as an array) against its strict schema. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  return parseBody(schema, query ?? {});
}

/** The most NUL problems one answer lists: a body full of them needs no longer report. */
const MAX_NUL_PROBLEMS = 20;

/**
 * Every place in a parsed JSON value (keys included) whose text holds a NUL character, which
 * PostgreSQL cannot store in a text column: refused with 400 on every database alike, before a
 * service sees the body. Walks with its own stack, so a deeply nested body cannot overflow it.
 */
export function nulProblems(value: unknown): Problem[] {
  // each place links to its parent, so a path is spelled out only for a problem: copying it at every level would cost depth² on a deep body
  type Place = { key: PropertyKey; parent: Place | null } | null;
  const named = (place: Place): string => {
    const keys: PropertyKey[] = [];
    for (let p = place; p; p = p.parent) keys.push(p.key);
    return pathOf(keys.reverse()) || 'body';
  };
  const problems: Problem[] = [];
  const stack: { value: unknown; place: Place }[] = [{ value, place: null }];
  while (stack.length && problems.length < MAX_NUL_PROBLEMS) {
    const { value: v, place } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) problems.push({ path: named(place), message: 'must not contain a NUL character (\\u0000)' });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], place: { key: i, parent: place } });
    } else if (typeof v === 'object' && v !== null) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i];
        if (k.includes('\u0000')) problems.push({ path: named(place), message: 'has a field name with a NUL character (\\u0000)' });
        else stack.push({ value: (v as Record<string, unknown>)[k], place: { key: k, parent: place } });
      }
    }
  }
  return problems;
}

export function refuseNul(value: unknown): void {
  const problems = nulProblems(value);
  if (problems.length) throw DomainError.invalid(problems);
}
