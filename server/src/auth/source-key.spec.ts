import { describe, expect, it } from 'vitest';
import { sourceKey } from './source-key';

describe('sourceKey', () => {
  it('keeps an IPv4 address and unwraps an IPv4-mapped IPv6 one', () => {
    expect(sourceKey('192.168.1.20')).toBe('192.168.1.20');
    expect(sourceKey('::ffff:192.168.1.20')).toBe('192.168.1.20');
  });

  it('counts every address of one IPv6 /64 as one source', () => {
    const a = sourceKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd');
    expect(a).toBe('2001:db8:1:2::/64');
    expect(sourceKey('2001:0db8:0001:0002::1')).toBe(a);
    expect(sourceKey('2001:db8:1:2::ffff:1%eth0')).toBe(a);
    expect(sourceKey('2001:db8:1:3::1')).not.toBe(a);
    expect(sourceKey('::1')).toBe('0:0:0:0::/64');
  });

  it('passes anything else through (a socket without an address)', () => {
    expect(sourceKey('unknown')).toBe('unknown');
  });
});
