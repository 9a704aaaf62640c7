import { describe, expect, it } from 'vitest';
import type { OutboxRecord } from '../outbox/types';
import { stationView } from './station-view';

const record = (over: Partial<OutboxRecord>): OutboxRecord => ({
  contest: 'BG2024',
  event: 'hair',
  station: '07',
  judge: 'J1',
  scores: { design: 37 },
  requestId: 'r-1',
  state: 'queued',
  createdAt: 1,
  attempts: 0,
  nextAttemptAt: 0,
  lastError: null,
  rejection: null,
  receipt: null,
  confirmedAt: null,
  dismissed: false,
  ...over,
});

describe('stationView: remarks', () => {
  it('shows the remarks waiting on the tablet with the marks', () => {
    const v = stationView({ station: '07', status: 'open', scores: null, version: 0 }, record({ comments: { design: '轮廓清晰' } }), null);
    expect(v).toMatchObject({ state: 'queued', comments: { design: '轮廓清晰' } });
  });

  it('shows the stored remarks of a confirmed sheet, and the server’s once its list knows the sheet', () => {
    const confirmed = record({ state: 'confirmed', confirmedAt: 10, receipt: { station: '07', judge: 'J1', status: 'submitted', scores: { design: 37 }, version: 1, comments: { design: '轮廓清晰' } } });
    expect(stationView({ station: '07', status: 'open', scores: null, version: 0 }, confirmed, 5).comments).toEqual({ design: '轮廓清晰' });
    const reopened = stationView({ station: '07', status: 'open', scores: { design: 37 }, version: 1, comments: { design: '上一版' } }, confirmed, 20);
    expect(reopened).toMatchObject({ state: 'reopened', comments: { design: '上一版' } });
  });

  it('a sheet without remarks shows none', () => {
    expect(stationView({ station: '07', status: 'open', scores: null, version: 0 }, undefined, null).comments).toEqual({});
  });
});
