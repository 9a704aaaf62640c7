/** localStorage that never throws: private mode, a full disk or a missing API only lose the copy. */
export interface KeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const memory = new Map<string, string>();
const fallback: KeyValue = {
  getItem: (k) => memory.get(k) ?? null,
  setItem: (k, v) => void memory.set(k, v),
  removeItem: (k) => void memory.delete(k),
};

export function browserStorage(): KeyValue {
  try {
    if (typeof localStorage !== 'undefined') return localStorage;
  } catch {
    // access denied
  }
  return fallback;
}

export function readJson<T>(store: KeyValue, key: string): T | null {
  try {
    const s = store.getItem(key);
    return s === null ? null : (JSON.parse(s) as T);
  } catch {
    return null;
  }
}

export function writeJson(store: KeyValue, key: string, value: unknown): void {
  try {
    store.setItem(key, JSON.stringify(value));
  } catch {
    // quota: the server copy is still the truth
  }
}

export function remove(store: KeyValue, key: string): void {
  try {
    store.removeItem(key);
  } catch {
    // ignore
  }
}
