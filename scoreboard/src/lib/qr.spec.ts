import { describe, expect, it } from 'vitest';
import { qrPath } from './qr';

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
