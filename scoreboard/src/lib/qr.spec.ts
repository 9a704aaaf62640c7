import { describe, expect, it } from 'vitest';
import { phoneBase, qrPath } from './qr';

describe('qrPath', () => {
  it('draws the finder patterns inside the quiet zone', () => {
    const { size, d } = qrPath('https://venue.local/board/?contest=BG2024&view=phone', 2);
    // Version sizes are 17 + 4v modules; plus two 2-module margins.
    expect((size - 4 - 17) % 4).toBe(0);
    // First dark row: the top edge of the two upper finder patterns, seven modules each.
    expect(d.startsWith('M2 2h7v1h-7z')).toBe(true);
    expect(d).toContain(`M${size - 2 - 7} 2h7v1h-7z`);
  });

  it('encodes different texts differently', () => {
    expect(qrPath('a').d).not.toBe(qrPath('b').d);
  });
});

describe('phoneBase', () => {
  const set = (publicUrl: string) => ({ publicUrl, configured: true });
  const found = (publicUrl: string | null) => ({ publicUrl, configured: false });

  it('uses PUBLIC_URL wherever the board is opened', () => {
    expect(phoneBase(set('http://192.0.2.10:3000'), 'http://127.0.0.1:3000')).toBe('http://192.0.2.10:3000');
    expect(phoneBase(set('https://score.example/'), 'http://192.168.1.5:3000')).toBe('https://score.example');
  });

  it('on a loopback-opened board, uses the LAN address the server found', () => {
    expect(phoneBase(found('http://192.168.1.23:3000'), 'http://localhost:3000')).toBe('http://192.168.1.23:3000');
  });

  it('keeps the page’s own address when phones reach it (perhaps through a proxy)', () => {
    expect(phoneBase(found('http://192.168.1.23:3000'), 'https://score.example')).toBe('https://score.example');
    expect(phoneBase(null, 'http://192.168.1.5:3000')).toBe('http://192.168.1.5:3000');
  });

  it('gives no address at all rather than a loopback one', () => {
    for (const o of ['http://127.0.0.1:3000', 'http://localhost:3000', 'http://[::1]:3000']) {
      expect(phoneBase(null, o)).toBeNull();
      expect(phoneBase(found(null), o)).toBeNull();
    }
  });
});
