/**
 * What a judge card's QR code brings: `/judge/#contest=BG2024&judge=J1&pin=482913` (the PIN in the
 * fragment, which browsers never send to a server), or `/judge/?contest=BG2024` from cards printed
 * before the codes carried the judge and PIN.
 */
export interface CardLink {
  contest: string;
  judge: string | null;
  pin: string | null;
}

/** The card's sign-in in this address, or null when the address holds none. */
export function readCardLink(search: string, hash: string): CardLink | null {
  // app routes are "#/…"; anything else after "#" is a card's sign-in
  if (hash.length > 1 && !hash.startsWith('#/')) {
    const p = new URLSearchParams(hash.slice(1));
    const contest = p.get('contest')?.trim();
    if (contest) return { contest, judge: p.get('judge')?.trim() || null, pin: p.get('pin')?.trim() || null };
  }
  const contest = new URLSearchParams(search).get('contest')?.trim();
  return contest ? { contest, judge: null, pin: null } : null;
}

/** The address without the card's sign-in (a route in the fragment stays), for history.replaceState. */
export function withoutCardLink(pathname: string, hash: string): string {
  return pathname + (hash.startsWith('#/') ? hash : '');
}
