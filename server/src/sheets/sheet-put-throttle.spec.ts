import { describe, expect, it, vi } from 'vitest';
import { DomainError, ErrorCode } from '../common/domain-error';
import type { AppConfig } from '../config/config';
import type { Transactor } from '../database/transactor';
import { SheetPutThrottle } from './sheet-put-throttle';
import type { SheetStoreRepository } from './sheet-store.repository';

const judge = (tokenId: number) => ({ kind: 'judge', tokenId, contestId: 1, judgeId: tokenId, judgeKey: `J${tokenId}`, judgeName: 'x' }) as const;

function throttle(burst: number, rate: number, stored: Set<string> = new Set()) {
  const replay = vi.fn(async (_em: unknown, _judgeId: number, requestId: string) => (stored.has(requestId) ? ({} as never) : null));
  const t = new SheetPutThrottle(
    { sheetPutBurst: burst, sheetPutRate: rate, redisUrl: undefined } as AppConfig,
    { manager: {} } as Transactor,
    { replay } as unknown as SheetStoreRepository,
  );
  return { t, replay };
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

describe('SheetPutThrottle', () => {
  it('allows the burst, then refuses with the seconds left in the window and the limit named', async () => {
    const { t, replay } = throttle(60, 5);
    for (let i = 0; i < 60; i++) await t.admit(judge(1), { requestId: `req-${i}-xxxxxxxx` });
    expect(replay).not.toHaveBeenCalled();
    const e = await refusal(t.admit(judge(1), { requestId: 'another-one' }));
    expect(e.code).toBe(ErrorCode.TooManyAttempts);
    expect(e.retryAfter).toBeGreaterThanOrEqual(1);
    expect(e.retryAfter).toBeLessThanOrEqual(12);
    expect(e.message).toContain('at most 60 in 12 seconds');
    await t.admit(judge(2), { requestId: 'someone-else' });
  });

  it('answers a stored requestId past the budget, and only then looks it up', async () => {
    const { t, replay } = throttle(2, 1, new Set(['stored-request']));
    await t.admit(judge(1), { requestId: 'first-request' });
    await t.admit(judge(1), { requestId: 'stored-request' });
    await t.admit(judge(1), { requestId: '  stored-request  ' });
    expect(replay).toHaveBeenCalledTimes(1);
    await refusal(t.admit(judge(1), { requestId: 'never-stored' }));
    await refusal(t.admit(judge(1), { scores: {} }));
  });

  it('a sustained rate above the burst widens the window to one second of it', async () => {
    const { t } = throttle(60, 1000);
    for (let i = 0; i < 1000; i++) await t.admit(judge(1), {});
    expect((await refusal(t.admit(judge(1), {}))).message).toContain('at most 1000 in 1 seconds');
  });
});
