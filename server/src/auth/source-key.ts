import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key a login source is counted under: an IPv4 address as it is, an IPv6 address by its /64
 * prefix — one device usually holds a whole /64 and can pick a new address in it at will.
 */
export function sourceKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIPv4(address) || !isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros ("::" filled in). */
function expandIPv6(address: string): string[] {
  const plain = address.split('%')[0].toLowerCase();
  const [head, tail] = plain.includes('::') ? plain.split('::') : [plain, null];
  const groups = (s: string) => (s ? s.split(':') : []);
  const front = groups(head);
  const back = tail === null ? [] : groups(tail);
  const middle = tail === null ? [] : Array<string>(8 - front.length - back.length).fill('0');
  return [...front, ...middle, ...back].map((g) => g.replace(/^0+(?=.)/, ''));
}
