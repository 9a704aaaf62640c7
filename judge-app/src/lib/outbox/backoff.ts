export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** 0..1: the share of each delay that is randomized, so a room of tablets does not retry in step */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, capMs: 30_000, jitter: 0.2 };

/** Delay before attempt number `failures + 1`, after `failures` failed attempts (failures ≥ 1). */
export function backoffDelay(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  const spread = exp * policy.jitter;
  return Math.round(Math.min(policy.capMs, exp - spread + 2 * spread * random()));
}
