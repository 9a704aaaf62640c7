import type { BoardState, ChiefProgress } from '@skillscore/server/contracts';
import { describe, expect, it } from 'vitest';
import { FakeConsoleApi, httpError } from '../testing/fake-console-api';
import { describeValue } from './audit-trail.svelte';
import { BoardDesk } from './board-desk.svelte';
import { OrganizerSession } from './session.svelte';
import { summarize } from './progress-watch.svelte';
import { StationDraw } from './station-draw.svelte';

const state = (over: Partial<BoardState> = {}): BoardState => ({ event: 'hair', mode: 'provisional', frozen: true, final: true, revealed: 0, revealTotal: 5, ...over });

describe('BoardDesk', () => {
  it('keeps what each reveal step showed, newest first, and stops when everything is out', async () => {
    const api = new FakeConsoleApi()
      .on('freeze', state())
      .on('reveal', state({ revealed: 2, step: { award: null, bibs: ['A004', 'A005'] } }))
      .on('reveal', state({ revealed: 5, step: { award: '三等奖', bibs: ['A003', 'A002', 'A001'] } }));
    const desk = new BoardDesk(api.asApi(), 'BG2024', 'hair');
    await desk.freeze();
    expect(desk.canReveal).toBe(true);
    await desk.reveal('entry');
    await desk.reveal('tier');
    expect(api.calls.map((c) => c.args[2])).toEqual([undefined, 'entry', 'tier']);
    expect(desk.log).toEqual([
      { award: '三等奖', bibs: ['A003', 'A002', 'A001'], revealed: 5, total: 5 },
      { award: null, bibs: ['A004', 'A005'], revealed: 2, total: 5 },
    ]);
    expect(desk.remaining).toBe(0);
    expect(desk.canReveal).toBe(false);
  });

  it('a refused act leaves the state and shows why', async () => {
    const api = new FakeConsoleApi().on('reveal', httpError(409, 'freeze the board of event hair before revealing it'));
    const desk = new BoardDesk(api.asApi(), 'BG2024', 'hair');
    expect(await desk.reveal('entry')).toBe(false);
    expect(desk.error).toBeInstanceOf(Error);
    expect(desk.log).toEqual([]);
  });

  it('reopens with the reason, then reads the board again', async () => {
    const api = new FakeConsoleApi().on('reopenEvent', { event: 'hair', final: false }).on('board', state({ final: false }));
    const desk = new BoardDesk(api.asApi(), 'BG2024', 'hair');
    expect(await desk.reopen('  更正扣分  ')).toBe(true);
    expect(api.calls[0].args).toEqual(['BG2024', 'hair', '更正扣分']);
    expect(desk.state?.final).toBe(false);
  });
});

describe('StationDraw', () => {
  it('sends the seed typed in, or none, and shows the seed the server used', async () => {
    const api = new FakeConsoleApi().on('draw', { event: 'hair', seed: 'abc123', stations: [] }).on('draw', { event: 'hair', seed: 'f00d', stations: [] });
    const draw = new StationDraw(api.asApi(), 'BG2024', 'hair');
    draw.seed = ' abc123 ';
    await draw.draw();
    draw.seed = '';
    await draw.draw();
    expect(api.calls.map((c) => c.args[2])).toEqual(['abc123', undefined]);
    expect(draw.seed).toBe('f00d');
  });
});

describe('marking progress', () => {
  it('counts sheets, complete competing stations and alerts', () => {
    const p = {
      submitted: 7,
      expected: 10,
      final: false,
      alerts: [{}],
      stations: [
        { status: 'competing', complete: true },
        { status: 'competing', complete: false },
        { status: 'absent', complete: false },
      ],
    } as unknown as ChiefProgress;
    expect(summarize(p)).toEqual({ submitted: 7, expected: 10, complete: 1, competing: 2, alerts: 1, final: false });
  });
});

describe('audit values', () => {
  it('shows objects as key: value lines and long values shortened', () => {
    expect(describeValue(null)).toEqual([]);
    expect(describeValue({ version: 2, scores: { design: 37.5 } })).toEqual(['version: 2', 'scores: {"design":37.5}']);
    expect(describeValue('x')).toEqual(['x']);
    expect(describeValue([{ bib: 'A1', station: '07' }])).toEqual(['{"bib":"A1","station":"07"}']);
    expect(describeValue({ long: 'x'.repeat(300) })[0].length).toBeLessThan(175);
  });
});

describe('OrganizerSession', () => {
  function memory() {
    const data = new Map<string, string>();
    return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
  }

  it('is kept until it expires', () => {
    const store = memory();
    new OrganizerSession(store).signIn('tok', '2030-01-01T00:00:00Z');
    expect(new OrganizerSession(store, Date.parse('2029-12-31T00:00:00Z')).token).toBe('tok');
    expect(new OrganizerSession(store, Date.parse('2030-01-02T00:00:00Z')).token).toBeNull();
    expect(new OrganizerSession(store, Date.parse('2029-12-31T00:00:00Z')).token).toBeNull();
  });
});
