import type { KeyValue } from '../storage';

const KEY = 'skillscore.deviceId';

/** This browser's id on the fleet monitor: made once, kept across sign-ins and reloads. */
export function deviceId(store: KeyValue, random: () => string = () => crypto.randomUUID()): string {
  const known = store.getItem(KEY);
  if (known && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(known)) return known;
  const id = random();
  try {
    store.setItem(KEY, id);
  } catch {
    // storage refused: the id lives as long as the page
  }
  return id;
}
