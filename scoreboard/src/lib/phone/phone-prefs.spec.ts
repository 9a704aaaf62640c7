import { describe, expect, it } from 'vitest';
import type { ContestSummary } from '@skillscore/server/contracts';
import { openingEvent, PhonePrefs, type PrefStore } from './phone-prefs.svelte';

function memoryStore(): PrefStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const summary = (events: ContestSummary['events']): ContestSummary => ({ code: 'BG', title: 'T', venue: '', locale: 'zh-CN', events });

describe('openingEvent', () => {
  const events = summary([
    { key: 'hair', name: 'Hair', final: true, last: 90 },
    { key: 'nail', name: 'Nail', final: false, last: 40 },
    { key: 'makeup', name: 'Makeup', final: false, last: 75 },
  ]);

  it('opens on the unfinished event with the latest activity', () => {
    expect(openingEvent(events, null)).toBe('makeup');
  });

  it('prefers the event the spectator chose while the contest still has it', () => {
    expect(openingEvent(events, 'nail')).toBe('nail');
    expect(openingEvent(events, 'gone')).toBe('makeup');
  });

  it('falls back to the first event when every event is final or none has activity', () => {
    expect(openingEvent(summary([{ key: 'a', name: 'A', final: true, last: 1 }, { key: 'b', name: 'B', final: true, last: 9 }]), null)).toBe('a');
    expect(openingEvent(summary([{ key: 'a', name: 'A', final: false }, { key: 'b', name: 'B', final: false }]), null)).toBe('a');
    expect(openingEvent(summary([]), null)).toBeNull();
  });

  it('uses the remembered event before the summary arrives', () => {
    expect(openingEvent(null, 'nail')).toBe('nail');
    expect(openingEvent(null, null)).toBeNull();
  });
});

describe('PhonePrefs', () => {
  it('keeps the chosen event and the pinned union per contest, across instances', () => {
    const store = memoryStore();
    const a = new PhonePrefs('bg2024', store);
    a.chooseEvent('nail');
    a.pinUnion('第一职校');
    const again = new PhonePrefs('BG2024', store);
    expect(again.event).toBe('nail');
    expect(again.union).toBe('第一职校');
    expect(new PhonePrefs('OTHER', store).union).toBeNull();
    again.pinUnion(null);
    expect(new PhonePrefs('BG2024', store).union).toBeNull();
  });

  it('works without storage and when storage refuses writes', () => {
    const p = new PhonePrefs('BG', null);
    p.chooseEvent('x');
    expect(p.event).toBe('x');
    const refusing: PrefStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {},
    };
    const q = new PhonePrefs('BG', refusing);
    expect(q.union).toBeNull();
    q.pinUnion('X');
    expect(q.union).toBe('X');
  });
});
