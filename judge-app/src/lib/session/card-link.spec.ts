import { describe, expect, it } from 'vitest';
import { readCardLink, withoutCardLink } from './card-link';

describe('judge card links', () => {
  it('reads contest, judge and PIN from the fragment of a card QR code', () => {
    expect(readCardLink('', '#contest=BG2024&judge=J1&pin=482913')).toEqual({ contest: 'BG2024', judge: 'J1', pin: '482913' });
    expect(readCardLink('', '#contest=%E8%B5%9B1&judge=%E8%A3%81%E5%88%A41&pin=000123')).toEqual({ contest: '赛1', judge: '裁判1', pin: '000123' });
  });

  it('reads a card without a PIN, and the older ?contest= link', () => {
    expect(readCardLink('', '#contest=BG2024&judge=J1')).toEqual({ contest: 'BG2024', judge: 'J1', pin: null });
    expect(readCardLink('?contest=BG2024', '')).toEqual({ contest: 'BG2024', judge: null, pin: null });
  });

  it('leaves app routes and empty codes alone', () => {
    expect(readCardLink('', '#/events/hair')).toBeNull();
    expect(readCardLink('', '#/login')).toBeNull();
    expect(readCardLink('', '#contest=&pin=1')).toBeNull();
    expect(readCardLink('', '')).toBeNull();
  });

  it('clears the sign-in from the address and keeps a route', () => {
    expect(withoutCardLink('/judge/', '#contest=BG2024&judge=J1&pin=482913')).toBe('/judge/');
    expect(withoutCardLink('/judge/', '#/events/hair')).toBe('/judge/#/events/hair');
  });
});
