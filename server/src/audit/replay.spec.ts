import { describe, expect, it } from 'vitest';
import type { EventFile } from '../contracts/contest-file';
import { unitsToNumber } from '../domain/scoring/decimal';
import { compareResults, eventSetup, TrailReplay, type ReplayRecord } from './replay';

const scheme: Omit<EventFile, 'entries'> = {
  key: 'hair',
  name: '美发',
  precision: 2,
  criteria: [
    { key: 'design', name: '造型设计', kind: 'judged', max: 40, step: 0.5 },
    { key: 'finish', name: '整体效果', kind: 'judged', max: 30, step: 0.5 },
  ],
  aggregate: { over: 'criterion', method: 'trimmed', trim: 1 },
  awards: [{ name: '一等奖', count: 1 }],
  panel: ['J1', 'J2', 'J3'].map((judge) => ({ judge })),
  chiefJudge: 'J9',
};

const entries = [
  { bib: 'A001', station: '07' },
  { bib: 'A002', station: '08' },
];

const create = (): ReplayRecord => ({
  action: 'contest.create',
  event: null,
  station: null,
  judge: null,
  before: null,
  after: { code: 'X', setup: { judges: ['J1', 'J2', 'J3', 'J9'], events: { hair: eventSetup(scheme, entries) } } },
});

const sheet = (station: string, judge: string, design: number, finish: number): ReplayRecord => ({
  action: 'sheet.submit',
  event: 'hair',
  station,
  judge,
  before: null,
  after: { version: 1, scores: { design, finish } },
});

const act = (action: string, station: string | null, extra: Partial<ReplayRecord>): ReplayRecord => ({ action, event: 'hair', station, judge: null, before: null, after: null, ...extra });

function replayOf(records: ReplayRecord[]): TrailReplay {
  const r = new TrailReplay();
  records.forEach((rec, i) => r.feed(rec, i + 1));
  return r;
}

const row = (r: TrailReplay, bib: string) => {
  const found = r.standings('hair')!.find((x) => x.bib === bib)!;
  return { rank: found.rank, total: unitsToNumber(found.total), complete: found.complete, status: found.status, award: found.award };
};

describe('the replay of a trail', () => {
  const marked = [create(), sheet('07', 'J1', 36, 27), sheet('07', 'J2', 38.5, 27), sheet('07', 'J3', 35, 26), sheet('08', 'J1', 30, 20), sheet('08', 'J2', 31, 21)];

  it('ranks from the sheets in the trail, completeness included', () => {
    const r = replayOf(marked);
    expect(r.problems).toEqual([]);
    expect(row(r, 'A001')).toEqual({ rank: 1, total: 63, complete: true, status: 'competing', award: '一等奖' });
    expect(row(r, 'A002')).toMatchObject({ rank: 2, complete: false });
  });

  it('a reopened sheet stops counting until it is submitted again; a withdrawn deduction is gone', () => {
    const r = replayOf([
      ...marked,
      sheet('08', 'J3', 30, 20),
      act('sheet.reopen', '07', { judge: 'J1', before: { status: 'submitted', version: 1 }, after: { status: 'open', version: 1 } }),
      act('deduction.add', '08', { after: { id: 5, points: 1.5 } }),
      act('deduction.add', '08', { after: { id: 6, points: 2 } }),
      act('deduction.void', '08', { before: { id: 6, points: 2, reason: '误扣' } }),
    ]);
    expect(row(r, 'A001')).toMatchObject({ complete: false });
    expect(r.standings('hair')!.find((x) => x.bib === 'A002')!.deductions).toBe(15_000);
    r.feed(sheet('07', 'J1', 40, 30));
    expect(row(r, 'A001')).toMatchObject({ complete: true, total: 65.5 });
  });

  it('a status takes the entry out of the ranking', () => {
    const r = replayOf([...marked, act('entry.status', '07', { after: { status: 'disqualified', reason: '违规' } })]);
    expect(row(r, 'A001')).toMatchObject({ rank: null, status: 'disqualified', award: null });
    expect(row(r, 'A002')).toMatchObject({ rank: 1 });
  });

  it('follows station draws and edits: sheets stay with the contestant, a removed entry or judge takes its marks along', () => {
    const drawn = [create(), act('stations.draw', null, { after: [{ bib: 'A001', station: '08' }, { bib: 'A002', station: '07' }] }), sheet('08', 'J1', 36, 27)];
    const r = replayOf(drawn);
    expect(r.inputs('hair')!.find((e) => e.bib === 'A001')!.sheets).toHaveLength(1);
    r.feed({ action: 'event.edit', event: 'hair', station: null, judge: null, before: {}, after: { setup: { events: { hair: eventSetup(scheme, [{ bib: 'A002', station: '07' }]) } } } });
    expect(r.inputs('hair')!.map((e) => e.bib)).toEqual(['A002']);
    r.feed({ action: 'event.edit', event: 'hair', station: null, judge: null, before: {}, after: { setup: { events: { hair: eventSetup(scheme, entries) } } } });
    expect(r.inputs('hair')!.find((e) => e.bib === 'A001')!.sheets).toEqual([]);
    r.feed(sheet('07', 'J2', 30, 20));
    r.feed({ action: 'contest.edit', event: null, station: null, judge: null, before: {}, after: { setup: { judges: ['J1', 'J3', 'J9'] } } });
    expect(r.inputs('hair')!.every((e) => e.sheets.length === 0)).toBe(true);
    r.feed({ action: 'import', event: null, station: null, judge: null, before: null, after: { setup: { entries: { hair: [['A001', '07'], ['A002', '08'], ['A003', '09']] } } } });
    expect(r.inputs('hair')!.map((e) => e.bib).sort()).toEqual(['A001', 'A002', 'A003']);
  });

  it('passes over records that do not touch results, and names those it cannot place', () => {
    const r = replayOf([create(), { action: 'login', event: null, station: null, judge: 'J1', before: null, after: { named: true } }, sheet('99', 'J1', 30, 20)]);
    expect(r.replayedFor('hair')).toBe(2);
    expect(r.problems).toEqual([expect.objectContaining({ position: 3, event: 'hair', message: expect.stringContaining('station 99') })]);
  });

  it('knows no event whose setup the trail lacks', () => {
    const r = replayOf([sheet('07', 'J1', 30, 20)]);
    expect(r.standings('hair')).toBeNull();
    expect(r.problems).toEqual([]);
  });
});

describe('comparing results', () => {
  const base = replayOf([create(), sheet('07', 'J1', 36, 27), sheet('08', 'J1', 30, 20)]).standings('hair')!;

  it('agrees with itself', () => {
    expect(compareResults(base, base)).toEqual([]);
  });

  it('names the entry and the field of each difference, with both numbers', () => {
    const other = replayOf([create(), sheet('07', 'J1', 36.5, 27), sheet('08', 'J1', 30, 20)]).standings('hair')!;
    expect(compareResults(base, other)).toEqual([
      { bib: 'A001', field: 'total', published: 63, recomputed: 63.5 },
      { bib: 'A001', field: 'parts.design', published: 36, recomputed: 36.5 },
    ]);
    expect(compareResults(base, other.slice(0, 1))).toContainEqual({ bib: 'A002', field: 'entry', published: '08', recomputed: null });
  });
});
