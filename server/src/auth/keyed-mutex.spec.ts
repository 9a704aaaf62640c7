import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('KeyedMutex', () => {
  it('runs work of one key one at a time, in arrival order, and work of other keys alongside', async () => {
    const m = new KeyedMutex();
    const log: string[] = [];
    const job = (name: string, keys: string[]) =>
      m.run(keys, async () => {
        log.push(`${name}+`);
        await tick();
        log.push(`${name}-`);
      });
    await Promise.all([job('a1', ['a']), job('a2', ['a']), job('b', ['b'])]);
    expect(log.indexOf('a1-')).toBeLessThan(log.indexOf('a2+'));
    expect(log.indexOf('b+')).toBeLessThan(log.indexOf('a1-'));
    expect(m.size).toBe(0);
  });

  it('work holding several keys never deadlocks with work taking them in another order', async () => {
    const m = new KeyedMutex();
    let done = 0;
    await Promise.all(Array.from({ length: 20 }, (_, i) => m.run(i % 2 ? ['x', 'y'] : ['y', 'x'], async () => void (await tick(), done++))));
    expect(done).toBe(20);
    expect(m.size).toBe(0);
  });

  it('a failing holder lets the next one in', async () => {
    const m = new KeyedMutex();
    await expect(m.run(['k'], async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(m.run(['k'], async () => 1)).resolves.toBe(1);
    expect(m.size).toBe(0);
  });
});
