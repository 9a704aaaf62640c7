import type { SheetListItem } from '@skillscore/server/contracts';
import { describe, expect, it } from 'vitest';
import type { OutboxRecord } from '../outbox/types';
import { compareStations, progressOf } from './progress';
import { latestByStation, stationView, type StationState } from './station-view';

const item = (station: string, status: 'open' | 'submitted' = 'open', extra: Partial<SheetListItem> = {}): SheetListItem => ({
  station,
  status,
  scores: status === 'submitted' ? { design: 30 } : null,
  ...extra,
});

const record = (station: string, state: OutboxRecord['state'], extra: Partial<OutboxRecord> = {}): OutboxRecord => ({
  contest: 'BG2024',
  event: 'hair',
  judge: 'J1',
  station,
  scores: { design: 37.5 },
  requestId: `r-${station}-${state}`,
  state,
  createdAt: 100,
  attempts: 1,
  nextAttemptAt: 100,
  lastError: null,
  rejection: state === 'rejected' ? { status: 409, body: { statusCode: 409, error: 'Conflict', message: 'finalized' } } : null,
  receipt: state === 'confirmed' ? { station, judge: 'J1', status: 'submitted', scores: { design: 37.5 }, version: 1, submittedAt: '2024-05-01T06:00:00.000Z' } : null,
  confirmedAt: state === 'confirmed' ? 200 : null,
  dismissed: false,
  ...extra,
});

const states = (views: { state: StationState }[]) => views.map((v) => v.state);

describe('progressOf', () => {
  it('counts marked as confirmed plus waiting on the tablet', () => {
    const views = (['confirmed', 'confirmed', 'queued', 'sending', 'open', 'reopened', 'rejected'] as StationState[]).map((state) => ({ state }));
    expect(progressOf(views)).toEqual({ total: 7, marked: 4, confirmed: 2, pending: 2, rejected: 1, open: 2 });
  });

  it('is all zeros for an empty list', () => {
    expect(progressOf([])).toEqual({ total: 0, marked: 0, confirmed: 0, pending: 0, rejected: 0, open: 0 });
  });

  it('counts 23 of 48 for a half-marked event', () => {
    const views = Array.from({ length: 48 }, (_, i) => ({ state: (i < 21 ? 'confirmed' : i < 23 ? 'queued' : 'open') as StationState }));
    const p = progressOf(views);
    expect([p.marked, p.total, p.pending]).toEqual([23, 48, 2]);
  });
});

describe('stationView', () => {
  it('shows the server’s status when the tablet has nothing for the station', () => {
    expect(stationView(item('01'), undefined, 0).state).toBe('open');
    expect(stationView(item('01', 'submitted', { version: 1 }), undefined, 0)).toMatchObject({ state: 'confirmed', version: 1, scores: { design: 30 } });
    expect(stationView(item('01', 'open', { version: 1 }), undefined, 0).state).toBe('reopened');
  });

  it('carries the chief judge’s reason with a reopened sheet, and only then', () => {
    expect(stationView(item('01', 'open', { version: 1, reopenReason: '分差超出容差' }), undefined, 0)).toMatchObject({ state: 'reopened', reopenReason: '分差超出容差' });
    expect(stationView(item('01', 'submitted', { version: 2, reopenReason: '分差超出容差' }), undefined, 0).reopenReason).toBeNull();
  });

  it('shows a waiting submission over the server’s open status', () => {
    expect(stationView(item('01'), record('01', 'queued'), 500)).toMatchObject({ state: 'queued', scores: { design: 37.5 } });
    expect(stationView(item('01'), record('01', 'sending'), 500).state).toBe('sending');
  });

  it('shows a confirmation with its receipt until the list has caught up, then the list', () => {
    const rec = record('01', 'confirmed');
    expect(stationView(item('01'), rec, 150)).toMatchObject({ state: 'confirmed', version: 1, submittedAt: '2024-05-01T06:00:00.000Z' });
    expect(stationView(item('01', 'submitted', { version: 1 }), rec, 300).state).toBe('confirmed');
    // Fetched after the confirmation and open again: the chief judge reopened it.
    expect(stationView(item('01', 'open', { version: 1 }), rec, 300).state).toBe('reopened');
    expect(stationView(item('01', 'open', { version: 2 }), rec, 150).state).toBe('reopened');
  });

  it('shows a refusal until the judge puts it aside', () => {
    expect(stationView(item('01'), record('01', 'rejected'), 0).state).toBe('rejected');
    expect(stationView(item('01'), record('01', 'rejected', { dismissed: true }), 0).state).toBe('open');
    expect(stationView(item('01', 'submitted', { version: 1 }), record('01', 'rejected', { dismissed: true }), 0).state).toBe('confirmed');
  });

  it('merges a list with the newest record of each station of this judge and event only', () => {
    const records = [
      record('01', 'rejected', { createdAt: 1, dismissed: true }),
      record('01', 'queued', { createdAt: 2 }),
      record('02', 'confirmed', { judge: 'J2' }),
      record('03', 'queued', { event: 'nail' }),
    ];
    const latest = latestByStation(records, 'BG2024', 'hair', 'J1');
    expect([...latest.keys()]).toEqual(['01']);
    const views = [item('01'), item('02'), item('03')].map((i) => stationView(i, latest.get(i.station), 0));
    expect(states(views)).toEqual(['queued', 'open', 'open']);
  });
});

describe('compareStations', () => {
  it('orders numbers by value and keeps text stable', () => {
    expect(['10', '2', '01', 'B3', 'A12', 'A2'].sort(compareStations)).toEqual(['01', '2', '10', 'A2', 'A12', 'B3']);
  });
});
