import { createHash } from 'node:crypto';

/**
 * The station draw: bibs sorted, then shuffled by a generator seeded from the seed text, so the
 * same seed and the same contestants always give the same stations (anyone can check the draw).
 * Stations are 1..N, zero-padded to the width of N (at least two digits).
 */
export function drawStations(bibs: readonly string[], seed: string): { bib: string; station: string }[] {
  const sorted = [...bibs].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const h = createHash('sha256').update(seed).digest();
  let s = h.readUInt32LE(0) ^ h.readUInt32LE(4);
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const numbers = sorted.map((_, i) => i + 1);
  for (let i = numbers.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [numbers[i], numbers[j]] = [numbers[j], numbers[i]];
  }
  const width = Math.max(2, String(sorted.length).length);
  return sorted.map((bib, i) => ({ bib, station: String(numbers[i]).padStart(width, '0') }));
}
