/**
 * Registers the service worker that keeps the app shell available offline. Browsers allow it
 * only on https or localhost; on a plain-http venue network the app still works online and the
 * outbox still keeps every sheet, only a reload without network cannot show the app.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const base = import.meta.env.BASE_URL;
  addEventListener('load', () => {
    navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch(() => {
      // not a secure context or blocked: the app runs without the offline shell
    });
  });
}
