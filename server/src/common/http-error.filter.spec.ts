import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error';
import { clipEcho, toErrorBody } from './http-error.filter';

describe('errors never echo long input', () => {
  it('cuts a long quoted value to 64 characters and an ellipsis, and leaves short ones whole', () => {
    const long = 'X'.repeat(900_000);
    expect(clipEcho(`contest "${long}" not found`)).toBe(`contest "${'X'.repeat(64)}…" not found`);
    expect(clipEcho('contest "BG2024" not found')).toBe('contest "BG2024" not found');
    expect(clipEcho(`unknown event "${'词 '.repeat(100)}"`).length).toBeLessThan(100);
  });

  it('pairs quotes from the left: the text between two short values is not taken for one', () => {
    const message = `contestants[2].bib: duplicate bib "A001"; events[0].criteria[0].max: must be greater than 0 (got 0); events[0].chiefJudge: unknown judge "J9"`;
    expect(clipEcho(message)).toBe(message);
  });

  it('cuts an unquoted run of more than 64 characters (a path, a key) and caps the whole message', () => {
    expect(clipEcho(`Cannot GET /api/${'R'.repeat(5000)}`)).toBe(`Cannot GET ${`/api/${'R'.repeat(5000)}`.slice(0, 64)}…`);
    expect(clipEcho('word '.repeat(2000)).length).toBeLessThanOrEqual(4001);
  });

  it('applies to every error body, problems included', () => {
    const body = toErrorBody(DomainError.invalid([{ path: `scores.${'k'.repeat(1000)}`, message: `unknown criterion "${'k'.repeat(1000)}"` }]));
    expect(JSON.stringify(body).length).toBeLessThan(400);
    expect(body.problems![0].path).toHaveLength(65);
  });
});
