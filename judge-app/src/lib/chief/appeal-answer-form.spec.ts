import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import { AppealAnswerForm } from './appeal-answer-form.svelte';

describe('AppealAnswerForm', () => {
  it('asks for a decision and a written answer before sending', async () => {
    const decideAppeal = vi.fn().mockResolvedValue({ ok: true });
    const f = new AppealAnswerForm('3');
    expect(await f.submit({ decideAppeal })).toBe(false);
    expect(f.issue).toBe('outcome');
    f.outcome = 'rejected';
    expect(f.issue).toBe('empty');
    f.answer = 'x'.repeat(1001);
    expect(f.issue).toBe('tooLong');
    f.answer = ' 经复核评分无误 ';
    expect(await f.submit({ decideAppeal })).toBe(true);
    expect(decideAppeal).toHaveBeenCalledWith('3', 'rejected', ' 经复核评分无误 ');
  });

  it('keeps the server refusal to show it', async () => {
    const error = new ApiError('http', 409, { statusCode: 409, error: 'Conflict', message: 'event hair is finalized' });
    const f = new AppealAnswerForm('1');
    f.outcome = 'upheld';
    f.answer = '复核成立';
    expect(await f.submit({ decideAppeal: vi.fn().mockResolvedValue({ ok: false, error }) })).toBe(false);
    expect(f.error).toBe(error);
  });
});
