import { describe, expect, it } from 'vitest';
import { hrefOf, parseHash, type Route } from './router.svelte';

describe('hash routes', () => {
  it.each<[string, Route]>([
    ['#/login', { name: 'login' }],
    ['#/', { name: 'events' }],
    ['', { name: 'events' }],
    ['#/events/hair', { name: 'event', event: 'hair' }],
    ['#/events/hair/stations/07', { name: 'sheet', event: 'hair', station: '07' }],
    ['#/events/hair/desk', { name: 'desk', event: 'hair' }],
    ['#/events/%E7%BE%8E%E5%8F%91/stations/A%2F1', { name: 'sheet', event: '美发', station: 'A/1' }],
  ])('reads %j', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it('gives null for an unknown address', () => {
    expect(parseHash('#/nowhere')).toBeNull();
    expect(parseHash('#/events/hair/stations')).toBeNull();
  });

  it('writes what it reads', () => {
    const routes: Route[] = [{ name: 'login' }, { name: 'events' }, { name: 'event', event: '美发' }, { name: 'sheet', event: 'hair', station: 'A/1' }, { name: 'desk', event: '美发' }];
    for (const r of routes) expect(parseHash(hrefOf(r))).toEqual(r);
  });
});
