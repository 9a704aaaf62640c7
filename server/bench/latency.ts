import type { UpdateArrivals } from './watcher-fleet';

export interface Spread {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank p50, p99 and max of milliseconds; NaN when there are none. */
export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => (sorted.length ? sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] : NaN);
  return { count: sorted.length, p50: q(0.5), p99: q(0.99), max: sorted.length ? sorted[sorted.length - 1] : NaN };
}

export interface SentSheet {
  station: string;
  bib: string;
  /** wall-clock ms just before the PUT was written */
  sentAt: number;
  /** when the next sheet of the same station was sent (Infinity if none) */
  nextSentAt: number;
  status: number;
  /** when the reply was read: the judge's tablet shows "confirmed" then */
  repliedAt: number;
}

export interface SheetLatency {
  /** PUT sent → the update carrying the sheet's entry reached the last watcher */
  toLast: number[];
  /** … reached the first watcher */
  toFirst: number[];
  /** accepted sheets whose entry no update carried before the next sheet of its station (row unchanged) */
  unseen: number;
}

/**
 * For each accepted sheet, the first update that carries its entry and reached a watcher after
 * the PUT was sent (and before the station's next sheet was). Sheets of one station are a whole
 * round of stations apart, so that update is the one that published the sheet.
 */
export function sheetLatencies(sheets: readonly SentSheet[], updates: readonly UpdateArrivals[]): SheetLatency {
  const byBib = new Map<string, UpdateArrivals[]>();
  for (const u of updates) for (const b of u.bibs ?? []) (byBib.get(b) ?? byBib.set(b, []).get(b)!).push(u);
  const out: SheetLatency = { toLast: [], toFirst: [], unseen: 0 };
  for (const sheet of sheets) {
    if (sheet.status !== 200) continue;
    const hit = (byBib.get(sheet.bib) ?? []).find((u) => u.first >= sheet.sentAt && u.first < sheet.nextSentAt);
    if (!hit) {
      out.unseen++;
      continue;
    }
    out.toLast.push(hit.last - sheet.sentAt);
    out.toFirst.push(hit.first - sheet.sentAt);
  }
  return out;
}

export function formatLatency(ms: number): string {
  if (Number.isNaN(ms)) return '–';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(0)} ms`;
}
