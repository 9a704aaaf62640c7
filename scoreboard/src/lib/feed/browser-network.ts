import type { NetworkEvents } from './live-feed.svelte';

/** The browser's online/offline signal, when there is a browser. */
export function browserNetwork(): NetworkEvents | undefined {
  if (typeof window === 'undefined' || typeof navigator === 'undefined') return undefined;
  return {
    get onLine() {
      return navigator.onLine;
    },
    addEventListener: (type, fn) => window.addEventListener(type, fn),
    removeEventListener: (type, fn) => window.removeEventListener(type, fn),
  };
}
