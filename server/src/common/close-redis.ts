/** How long a stopping process waits for Redis to acknowledge a polite close. */
export const REDIS_CLOSE_MS = 2000;

/**
 * Closes a Redis client politely when Redis answers within `ms`; otherwise stops waiting. A client
 * that lost Redis queues the close until it reconnects, so a process stopping during a Redis
 * outage would otherwise hang; the process is going away, and its socket with it.
 */
export async function closeRedis(close: () => Promise<unknown>, ms = REDIS_CLOSE_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  try {
    await Promise.race([close().then(() => undefined, () => undefined), gaveUp]);
  } finally {
    clearTimeout(timer);
  }
}
