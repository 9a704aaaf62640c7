import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleApi } from '../api/console-api';
import { JudgeCards } from './judge-cards.svelte';

const api = {} as ConsoleApi;
const answer = (body: unknown, ok = true) => (async () => ({ ok, json: async () => body }) as Response) as typeof fetch;

function openedAt(origin: string) {
  const url = new URL(origin);
  vi.stubGlobal('location', { origin: url.origin, hostname: url.hostname });
}

describe('JudgeCards address', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('never starts from a loopback address, and takes the one the server says tablets reach', async () => {
    openedAt('http://127.0.0.1:3000');
    const cards = new JudgeCards(api, 'BG2024');
    expect(cards.origin).toBe('');
    await cards.loadAddress(answer({ publicUrl: 'http://192.168.1.23:3000', addresses: ['http://192.168.1.23:3000'], configured: false }));
    expect(cards.origin).toBe('http://192.168.1.23:3000');
    expect(cards.cardsPath).toBe('judge-cards.pdf?origin=http%3A%2F%2F192.168.1.23%3A3000');
  });

  it('keeps what the organizer typed, and the page address when the server knows none', async () => {
    openedAt('http://192.168.1.5:3000');
    const typed = new JudgeCards(api, 'BG2024');
    expect(typed.origin).toBe('http://192.168.1.5:3000');
    typed.origin = 'https://score.example';
    await typed.loadAddress(answer({ publicUrl: 'http://192.0.2.10:3000', addresses: [], configured: true }));
    expect(typed.origin).toBe('https://score.example');

    // a found LAN address does not replace a reachable page address (it may come through a proxy)…
    const found = new JudgeCards(api, 'BG2024');
    await found.loadAddress(answer({ publicUrl: 'http://192.168.1.23:3000', addresses: ['http://192.168.1.23:3000'], configured: false }));
    expect(found.origin).toBe('http://192.168.1.5:3000');
    // …PUBLIC_URL does
    const configured = new JudgeCards(api, 'BG2024');
    await configured.loadAddress(answer({ publicUrl: 'http://192.0.2.10:3000', addresses: ['http://192.0.2.10:3000'], configured: true }));
    expect(configured.origin).toBe('http://192.0.2.10:3000');
  });
});
