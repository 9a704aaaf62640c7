import { describe, expect, it } from 'vitest';
import { parseOverlayParams } from './overlay-params';

describe('overlay address', () => {
  it('reads contest, event and mode', () => {
    expect(parseOverlayParams('?contest=BG2024&event=hair&mode=ticker')).toEqual({ contest: 'BG2024', event: 'hair', mode: 'ticker', lang: 'zh-CN', rows: 10, hold: 12 });
  });

  it('falls back to the top list for an unknown mode and bounds rows and hold', () => {
    const p = parseOverlayParams('?contest=BG2024&event=hair&mode=bogus&rows=99&hold=1&lang=en-GB');
    expect(p.mode).toBe('top10');
    expect(p.rows).toBe(15);
    expect(p.hold).toBe(3);
    expect(p.lang).toBe('en');
  });

  it('leaves a missing contest or event null for the page to say so', () => {
    expect(parseOverlayParams('?mode=lower-third')).toMatchObject({ contest: null, event: null, mode: 'lower-third' });
  });
});
