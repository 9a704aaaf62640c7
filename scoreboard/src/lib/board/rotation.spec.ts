import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildPages, paginate, resolvePage, stepPage, type BoardPage } from './rotation';
import { Rotator } from './rotator.svelte';

describe('paginate', () => {
  it('cuts 300 entries into 25 pages of 12', () => {
    const pages = paginate(300, 12);
    expect(pages).toHaveLength(25);
    expect(pages[0]).toEqual({ start: 0, end: 12 });
    expect(pages[24]).toEqual({ start: 288, end: 300 });
  });

  it('keeps a short last page', () => {
    expect(paginate(31, 15)).toEqual([
      { start: 0, end: 15 },
      { start: 15, end: 30 },
      { start: 30, end: 31 },
    ]);
  });

  it('gives an empty list one empty page', () => {
    expect(paginate(0, 12)).toEqual([{ start: 0, end: 0 }]);
  });
});

describe('buildPages', () => {
  const src = { events: [{ key: 'hair', rows: 30 }, { key: 'nail', rows: 5 }], teamRows: 14, pageSize: 12 };

  it('lists every event page in order, then the team pages', () => {
    const ids = buildPages(src).map((p) => p.id);
    expect(ids).toEqual(['event:hair:0', 'event:hair:1', 'event:hair:2', 'event:nail:0', 'teams:0', 'teams:1']);
    const last = buildPages(src)[2];
    expect(last).toMatchObject({ kind: 'event', index: 2, count: 3, start: 24, end: 30 });
  });

  it('ends each round with the large-QR slide when asked', () => {
    const pages = buildPages({ ...src, qr: true });
    expect(pages.map((p) => p.id)).toEqual(['event:hair:0', 'event:hair:1', 'event:hair:2', 'event:nail:0', 'teams:0', 'teams:1', 'qr']);
    expect(pages.filter((p) => p.kind === 'qr')).toHaveLength(1);
    expect(buildPages({ events: [], teamRows: null, pageSize: 12, qr: true })).toEqual([]);
  });

  it('steps into the QR slide and from it back to the first page', () => {
    const pages = buildPages({ ...src, qr: true });
    expect(stepPage(pages, 'teams:1', 1)?.id).toBe('qr');
    expect(stepPage(pages, 'qr', 1)?.id).toBe('event:hair:0');
    expect(stepPage(pages, 'event:hair:0', -1)?.id).toBe('qr');
    // turning the slide off while it shows falls back to the first page, not a stale id
    expect(resolvePage(buildPages(src), 'qr')?.id).toBe('event:hair:0');
  });

  it('leaves teams out when there is no team table', () => {
    expect(buildPages({ ...src, teamRows: null }).some((p) => p.kind === 'teams')).toBe(false);
    expect(buildPages({ ...src, teamRows: 0 }).some((p) => p.kind === 'teams')).toBe(false);
  });
});

describe('resolvePage and stepPage', () => {
  const pages = buildPages({ events: [{ key: 'hair', rows: 30 }, { key: 'nail', rows: 5 }], teamRows: 3, pageSize: 12 });

  it('starts at the first page', () => {
    expect(resolvePage(pages, null)?.id).toBe('event:hair:0');
  });

  it('falls back to the last page of the same event when that event shrank', () => {
    expect(resolvePage(pages, 'event:hair:7')?.id).toBe('event:hair:2');
    expect(resolvePage(pages, 'teams:4')?.id).toBe('teams:0');
  });

  it('falls back to the first page when the event is gone', () => {
    expect(resolvePage(pages, 'event:beauty:0')?.id).toBe('event:hair:0');
  });

  it('steps forward and backward and wraps around', () => {
    expect(stepPage(pages, 'event:hair:2', 1)?.id).toBe('event:nail:0');
    expect(stepPage(pages, 'teams:0', 1)?.id).toBe('event:hair:0');
    expect(stepPage(pages, 'event:hair:0', -1)?.id).toBe('teams:0');
  });

  it('has nothing to show without pages', () => {
    expect(resolvePage([], 'x')).toBeNull();
    expect(stepPage([], null, 1)).toBeNull();
  });
});

describe('Rotator', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  let pages: BoardPage[] = [];
  const make = () => new Rotator(() => pages, 10);

  it('turns a page every period and loops', () => {
    pages = buildPages({ events: [{ key: 'hair', rows: 25 }], teamRows: 2, pageSize: 12 });
    const r = make();
    r.start();
    expect(r.current?.id).toBe('event:hair:0');
    vi.advanceTimersByTime(10_000);
    expect(r.current?.id).toBe('event:hair:1');
    vi.advanceTimersByTime(20_000);
    expect(r.current?.id).toBe('teams:0');
    vi.advanceTimersByTime(10_000);
    expect(r.current?.id).toBe('event:hair:0');
    r.stop();
    vi.advanceTimersByTime(60_000);
    expect(r.current?.id).toBe('event:hair:0');
  });

  it('holds the page while paused', () => {
    pages = buildPages({ events: [{ key: 'hair', rows: 25 }], teamRows: null, pageSize: 12 });
    const r = make();
    r.start();
    r.togglePause();
    vi.advanceTimersByTime(60_000);
    expect(r.current?.id).toBe('event:hair:0');
    r.togglePause();
    vi.advanceTimersByTime(10_000);
    expect(r.current?.id).toBe('event:hair:1');
    r.stop();
  });

  it('gives a manually chosen page its full time', () => {
    pages = buildPages({ events: [{ key: 'hair', rows: 40 }], teamRows: null, pageSize: 12 });
    const r = make();
    r.start();
    vi.advanceTimersByTime(9_000);
    r.step(1);
    expect(r.current?.id).toBe('event:hair:1');
    vi.advanceTimersByTime(9_000);
    expect(r.current?.id).toBe('event:hair:1');
    vi.advanceTimersByTime(1_000);
    expect(r.current?.id).toBe('event:hair:2');
    r.stop();
  });

  it('follows the pages when the data changes under it', () => {
    pages = buildPages({ events: [{ key: 'hair', rows: 40 }], teamRows: null, pageSize: 12 });
    const r = make();
    r.step(1);
    r.step(1);
    r.step(1);
    expect(r.current?.id).toBe('event:hair:3');
    pages = buildPages({ events: [{ key: 'hair', rows: 20 }], teamRows: null, pageSize: 12 });
    expect(r.current?.id).toBe('event:hair:1');
  });
});
