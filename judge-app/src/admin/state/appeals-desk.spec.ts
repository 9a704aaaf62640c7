import { describe, expect, it, vi } from 'vitest';
import type { ConsoleApi } from '../api/console-api';
import { AppealsDesk, readMinutes } from './appeals-desk.svelte';

describe('appeals desk', () => {
  it('reads whole minutes from 0 to one week', () => {
    expect(readMinutes('60')).toBe(60);
    expect(readMinutes(' 0 ')).toBe(0);
    expect(readMinutes('10080')).toBe(10080);
    for (const bad of ['', '-1', '1.5', '10081', 'abc']) expect(readMinutes(bad)).toBeNull();
  });

  it('records an appeal only with station, grounds and filer, then reloads the register', async () => {
    const api = {
      fileAppeal: vi.fn().mockResolvedValue({ id: '1', status: 'open', filedAt: '2026-05-01T09:00:00Z' }),
      publication: vi.fn().mockResolvedValue({ event: 'hair', publishedAt: 'x', appealsClose: '2026-05-01T10:00:00Z', official: false, open: 1, final: true }),
      appeals: vi.fn().mockResolvedValue([]),
    } as unknown as ConsoleApi;
    const d = new AppealsDesk(api, 'BG', 'hair');
    expect(await d.file()).toBe(false);
    expect(d.formIssue).toBe('station');
    d.station = '07';
    d.reason = '评分偏低';
    expect(d.formIssue).toBe('filedBy');
    d.filedBy = '领队';
    expect(await d.file()).toBe(true);
    expect(api.fileAppeal).toHaveBeenCalledWith('BG', 'hair', { station: '07', reason: '评分偏低', filedBy: '领队' });
    expect(d.recorded).toBe('1');
    expect(d.windowOpen(Date.parse('2026-05-01T09:59:00Z'))).toBe(true);
    expect(d.windowOpen(Date.parse('2026-05-01T10:00:00Z'))).toBe(false);
  });
});
