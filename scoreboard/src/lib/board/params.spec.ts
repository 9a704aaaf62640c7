import { describe, expect, it } from 'vitest';
import { DEFAULT_ROWS, DEFAULT_SECONDS, parseParams, phoneUrl } from './params';

describe('parseParams', () => {
  it('reads the projector defaults', () => {
    expect(parseParams('?contest=BG2024')).toEqual({
      contest: 'BG2024',
      view: 'auto',
      lang: 'zh-CN',
      rows: DEFAULT_ROWS,
      seconds: DEFAULT_SECONDS,
      events: null,
      teams: true,
    });
  });

  it('reads the phone view, English and the rotation settings', () => {
    const p = parseParams('?contest=BG2024&view=phone&lang=en&rows=15&seconds=8&events=hair,%20nail&teams=0');
    expect(p).toMatchObject({ view: 'phone', lang: 'en', rows: 15, seconds: 8, events: ['hair', 'nail'], teams: false });
  });

  it('keeps rows and seconds within sane limits', () => {
    expect(parseParams('?rows=1&seconds=0')).toMatchObject({ rows: 5, seconds: 3 });
    expect(parseParams('?rows=500&seconds=9999')).toMatchObject({ rows: 30, seconds: 300 });
    expect(parseParams('?rows=abc&seconds=')).toMatchObject({ rows: DEFAULT_ROWS, seconds: DEFAULT_SECONDS });
  });

  it('has no contest without the parameter', () => {
    expect(parseParams('').contest).toBeNull();
    expect(parseParams('?contest=%20').contest).toBeNull();
  });

  it('ignores an unknown view or language', () => {
    expect(parseParams('?view=tv&lang=fr')).toMatchObject({ view: 'auto', lang: 'zh-CN' });
  });
});

describe('phoneUrl', () => {
  it('points at the phone view of the same contest', () => {
    expect(phoneUrl('https://venue.local', '/board/', 'BG2024', 'zh-CN')).toBe('https://venue.local/board/?contest=BG2024&view=phone');
    expect(phoneUrl('https://venue.local', '/board/', 'BG 24', 'en')).toBe(
      'https://venue.local/board/?contest=BG+24&view=phone&lang=en',
    );
  });
});
