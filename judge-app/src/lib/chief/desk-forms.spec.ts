import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import type { ActResult } from './chief-desk.svelte';
import { DeductionForm, ReasonForm, StatusForm } from './desk-forms.svelte';

const ok = async (): Promise<ActResult> => ({ ok: true });
const refused = async (): Promise<ActResult> => ({
  ok: false,
  error: new ApiError('http', 409, { statusCode: 409, error: 'Conflict', message: 'event hair is finalized' }),
});

describe('DeductionForm', () => {
  it('sends nothing until station, points and reason are right, and says what is missing', async () => {
    const addDeduction = vi.fn(ok);
    const f = new DeductionForm();
    expect(await f.submit({ addDeduction })).toBe(false);
    expect(f.tried).toBe(true);
    expect(f.parsed.issue).toBe('empty');
    expect(f.reasonIssue).toBe('empty');

    f.station = '08';
    f.points = '0';
    f.reason = '超时';
    expect(await f.submit({ addDeduction })).toBe(false);
    expect(f.parsed.issue).toBe('notPositive');
    expect(addDeduction).not.toHaveBeenCalled();
  });

  it('sends the points as a number and keeps the station for the next item', async () => {
    const addDeduction = vi.fn(ok);
    const f = new DeductionForm();
    f.station = '08';
    f.points = '１.5';
    f.reason = '超时';
    expect(await f.submit({ addDeduction })).toBe(true);
    expect(addDeduction).toHaveBeenCalledWith('08', 1.5, '超时');
    expect(f.last).toEqual({ station: '08', points: 1.5 });
    expect([f.station, f.points, f.reason, f.tried]).toEqual(['08', '', '', false]);
  });

  it('keeps what was typed and the server’s refusal when the act fails', async () => {
    const f = new DeductionForm();
    f.station = '08';
    f.points = '2';
    f.reason = '卫生不合格';
    expect(await f.submit({ addDeduction: refused })).toBe(false);
    expect(f.error?.status).toBe(409);
    expect([f.points, f.reason]).toEqual(['2', '卫生不合格']);
    expect(f.busy).toBe(false);
  });
});

describe('StatusForm', () => {
  it('needs a station and a reason, then sends the chosen status', async () => {
    const setStatus = vi.fn(ok);
    const f = new StatusForm();
    f.reason = '未到场检录';
    expect(await f.submit({ setStatus })).toBe(false);
    f.station = '11';
    f.status = 'disqualified';
    expect(await f.submit({ setStatus })).toBe(true);
    expect(setStatus).toHaveBeenCalledWith('11', 'disqualified', '未到场检录');
  });
});

describe('ReasonForm', () => {
  it('starts from a suggested reason and refuses an empty one', async () => {
    const act = vi.fn(ok);
    const f = new ReasonForm('分差超出容差，请复核');
    f.reason = '   ';
    expect(await f.submit(act)).toBe(false);
    expect(f.reasonIssue).toBe('empty');
    f.reason = '复核';
    expect(await f.submit(act)).toBe(true);
    expect(act).toHaveBeenCalledWith('复核');
  });
});
