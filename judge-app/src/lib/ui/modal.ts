import './modal.css';

/** Whether this browser has modal `<dialog>`s (Chrome 37+, Safari 15.4+). */
export function hasNativeModal(): boolean {
  return typeof HTMLDialogElement === 'function' && typeof HTMLDialogElement.prototype.showModal === 'function';
}

/**
 * Opens a `<dialog>` as a modal. Where `showModal()` is missing (iOS before 15.4, older Android
 * WebViews) the dialog is shown as a fixed overlay instead — the component renders it with a scrim —
 * with what the native modal gives: focus moved in and kept inside, Escape cancels, focus
 * returned on close. Returns the function that closes it.
 */
export function openModal(el: HTMLElement, oncancel: () => void): () => void {
  const native = el as HTMLDialogElement;
  if (hasNativeModal()) {
    native.showModal();
    return () => native.open && native.close();
  }

  const before = document.activeElement as HTMLElement | null;
  el.setAttribute('open', '');
  el.setAttribute('role', 'dialog');
  el.setAttribute('aria-modal', 'true');
  const focusables = () =>
    [...el.querySelectorAll<HTMLElement>('button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])')].filter(
      (n) => !(n as HTMLButtonElement).disabled,
    );
  (el.querySelector<HTMLElement>('[autofocus]') ?? focusables()[0] ?? el).focus();

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' || e.key === 'Esc') {
      e.preventDefault();
      oncancel();
    } else if (e.key === 'Tab') {
      const list = focusables();
      if (!list.length) return e.preventDefault();
      const first = list[0]!;
      const last = list[list.length - 1]!;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };
  // focus that escapes (a tap behind the overlay, a screen reader) is brought back in
  const onFocus = (e: FocusEvent) => {
    if (e.target instanceof Node && !el.contains(e.target)) (focusables()[0] ?? el).focus();
  };
  document.addEventListener('keydown', onKey, true);
  document.addEventListener('focusin', onFocus, true);
  return () => {
    document.removeEventListener('keydown', onKey, true);
    document.removeEventListener('focusin', onFocus, true);
    el.removeAttribute('open');
    before?.focus?.();
  };
}
