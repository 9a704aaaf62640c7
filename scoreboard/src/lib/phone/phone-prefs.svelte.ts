import type { ContestSummary } from '@skillscore/server/contracts';

/** The part of `localStorage` the phone uses; private browsing or a full quota must not break the board. */
export type PrefStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function browserStore(): PrefStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * What a spectator chose on this phone, per contest: the event last opened and "my union" (an
 * organization whose entries are highlighted). Kept in the browser so a reload or a later visit
 * opens where they left off.
 */
export class PhonePrefs {
  /** the event the spectator last chose; null until they choose one */
  event = $state<string | null>(null);
  /** the pinned organization */
  union = $state<string | null>(null);

  private readonly store: PrefStore | null;
  private readonly prefix: string;

  constructor(contest: string, store: PrefStore | null) {
    this.store = store;
    // codes are case-insensitive: BG2024 and bg2024 are one contest
    this.prefix = `skillscore.board.${contest.toUpperCase()}.`;
    this.event = this.read('event');
    this.union = this.read('union');
  }

  chooseEvent(key: string): void {
    this.event = key;
    this.write('event', key);
  }

  pinUnion(organization: string | null): void {
    this.union = organization;
    this.write('union', organization);
  }

  private read(name: string): string | null {
    try {
      return this.store?.getItem(this.prefix + name) || null;
    } catch {
      return null;
    }
  }

  private write(name: string, value: string | null): void {
    try {
      if (value === null) this.store?.removeItem(this.prefix + name);
      else this.store?.setItem(this.prefix + name, value);
    } catch {
      // storage full or refused: the choice holds for this visit only
    }
  }
}

/**
 * The event a phone opens on: the one the spectator chose before (while the contest still has it),
 * else the unfinished event with the latest feed activity, else the first.
 */
export function openingEvent(summary: ContestSummary | null, remembered: string | null): string | null {
  if (!summary) return remembered;
  const events = summary.events;
  if (remembered && events.some((e) => e.key === remembered)) return remembered;
  let best: (typeof events)[number] | null = null;
  for (const e of events) {
    if (e.final) continue;
    if (!best || (e.last ?? 0) > (best.last ?? 0)) best = e;
  }
  return (best ?? events[0])?.key ?? null;
}
