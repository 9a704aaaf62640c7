import { describe, expect, it } from 'vitest';
import { closeRedis } from './close-redis';

describe('closing a Redis client on the way out', () => {
  it('waits for a close Redis answers', async () => {
    let closed = false;
    await closeRedis(async () => {
      await new Promise((r) => setTimeout(r, 20));
      closed = true;
    }, 1000);
    expect(closed).toBe(true);
  });

  it('stops waiting for a close queued behind a lost connection', async () => {
    const started = Date.now();
    await closeRedis(() => new Promise(() => undefined), 50);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('takes a refused close as closed', async () => {
    await expect(closeRedis(() => Promise.reject(new Error('Disconnects client')), 50)).resolves.toBeUndefined();
  });
});
