import { describe, expect, it } from 'vitest';
import { drawStations } from './draw';

describe('the station draw', () => {
  const bibs = Array.from({ length: 120 }, (_, i) => `B${i + 1}`);

  it('gives every contestant one station from 1..N, padded to the width of N', () => {
    const drawn = drawStations(bibs, 'seed');
    expect(drawn).toHaveLength(120);
    expect(new Set(drawn.map((d) => d.station))).toEqual(new Set(Array.from({ length: 120 }, (_, i) => String(i + 1).padStart(3, '0'))));
    expect(drawStations(['A', 'B'], 'x').every((d) => d.station.length === 2)).toBe(true);
  });

  it('is the same for the same seed whatever the order the bibs come in, and differs for another seed', () => {
    const a = drawStations(bibs, '2024-11-30 抽签');
    const b = drawStations([...bibs].reverse(), '2024-11-30 抽签');
    expect(b).toEqual(a);
    expect(drawStations(bibs, 'another')).not.toEqual(a);
  });

  it('actually shuffles', () => {
    const drawn = drawStations(bibs, 'seed');
    const inPlace = drawn.filter((d, i) => Number(d.station) === i + 1).length;
    expect(inPlace).toBeLessThan(10);
  });
});
