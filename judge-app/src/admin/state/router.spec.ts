import { describe, expect, it } from 'vitest';
import { hrefOf, parseHash, TABS, type Route } from './router.svelte';

describe('console routes', () => {
  it('every route survives a round trip through the address', () => {
    const routes: Route[] = [{ name: 'contests' }, { name: 'new' }, { name: 'login' }, ...TABS.map((tab) => ({ name: 'contest' as const, code: 'BG-2024', tab }))];
    for (const r of routes) expect(parseHash(hrefOf(r))).toEqual(r);
  });

  it('codes are encoded; unknown addresses show the contests; an unknown tab the overview', () => {
    expect(hrefOf({ name: 'contest', code: 'A/B', tab: 'audit' })).toBe('#/c/A%2FB/audit');
    expect(parseHash('#/c/A%2FB/audit')).toEqual({ name: 'contest', code: 'A/B', tab: 'audit' });
    expect(parseHash('#/nothing/here')).toEqual({ name: 'contests' });
    expect(parseHash('')).toEqual({ name: 'contests' });
    expect(parseHash('#/c/BG2024/bogus')).toEqual({ name: 'contest', code: 'BG2024', tab: 'overview' });
  });
});
