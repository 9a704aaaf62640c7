/** One screen of the projector rotation. `start`/`end` index into the event's rows or the team rows. */
export type BoardPage =
  | { id: string; kind: 'event'; event: string; index: number; count: number; start: number; end: number }
  | { id: string; kind: 'teams'; index: number; count: number; start: number; end: number }
  /** the large "scan to follow" code, once per round */
  | { id: 'qr'; kind: 'qr'; index: 0; count: 1; start: 0; end: 0 };

export interface RotationSource {
  events: { key: string; rows: number }[];
  /** null: no team page */
  teamRows: number | null;
  pageSize: number;
  /** add the large-QR slide at the end of each round (when there is anything else to show) */
  qr?: boolean;
}

/** Splits `total` rows into pages of `size`; an empty list still gets one (empty) page. */
export function paginate(total: number, size: number): { start: number; end: number }[] {
  const per = Math.max(1, Math.floor(size));
  if (total <= 0) return [{ start: 0, end: 0 }];
  const pages: { start: number; end: number }[] = [];
  for (let start = 0; start < total; start += per) pages.push({ start, end: Math.min(total, start + per) });
  return pages;
}

export function buildPages(src: RotationSource): BoardPage[] {
  const pages: BoardPage[] = [];
  for (const ev of src.events) {
    const parts = paginate(ev.rows, src.pageSize);
    parts.forEach((p, index) =>
      pages.push({ id: `event:${ev.key}:${index}`, kind: 'event', event: ev.key, index, count: parts.length, ...p }),
    );
  }
  if (src.teamRows !== null && src.teamRows > 0) {
    const parts = paginate(src.teamRows, src.pageSize);
    parts.forEach((p, index) => pages.push({ id: `teams:${index}`, kind: 'teams', index, count: parts.length, ...p }));
  }
  // once a round, after the standings: a spectator who missed the corner code gets one readable across the hall
  if (src.qr && pages.length > 0) pages.push({ id: 'qr', kind: 'qr', index: 0, count: 1, start: 0, end: 0 });
  return pages;
}

function group(page: BoardPage): string {
  return page.kind === 'event' ? `event:${page.event}` : page.kind;
}

/**
 * The page that `id` names now. When the data shrank and that page is gone, the last remaining page
 * of the same event (or teams) stands in, so the board does not jump to an unrelated event.
 */
export function resolvePage(pages: readonly BoardPage[], id: string | null): BoardPage | null {
  if (pages.length === 0) return null;
  if (id === null) return pages[0];
  const exact = pages.find((p) => p.id === id);
  if (exact) return exact;
  const g = id.replace(/:\d+$/, '');
  const same = pages.filter((p) => group(p) === g);
  return same.length ? same[same.length - 1] : pages[0];
}

export function stepPage(pages: readonly BoardPage[], id: string | null, step: 1 | -1): BoardPage | null {
  const current = resolvePage(pages, id);
  if (!current) return null;
  const i = pages.indexOf(current);
  return pages[(i + step + pages.length) % pages.length];
}
