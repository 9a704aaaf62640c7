import type { ContestSummary, EventStandings, StandingsRow } from '@skillscore/server/contracts';
import { displayDecimals } from '../format';

/** One event as the board shows it: standings plus the names that make it readable. */
export interface BoardEvent {
  key: string;
  name: string;
  final: boolean;
  frozen: boolean;
  rows: StandingsRow[];
  criteria: { key: string; name: string }[];
  awards?: string[];
  decimals: number;
  /** competing entries */
  competing: number;
  /** competing entries with every mark in */
  complete: number;
}

/** Criterion names from the standings when the server sends them, else the part keys in first-seen order. */
export function criteriaOf(e: EventStandings): { key: string; name: string }[] {
  const named = new Map((e.criteria ?? []).map((c) => [c.key, c.name]));
  const keys: string[] = (e.criteria ?? []).map((c) => c.key);
  for (const r of e.rows) for (const k of Object.keys(r.parts)) if (!keys.includes(k)) keys.push(k);
  return keys.map((key) => ({ key, name: named.get(key) ?? key }));
}

/**
 * Events in the contest's order (the summary's when known), named by the summary or the standings.
 * Final/frozen come from the live feed only: the summary is read once and may be stale.
 */
export function boardEvents(standings: readonly EventStandings[], summary: ContestSummary | null): BoardEvent[] {
  const order = summary?.events.map((e) => e.key) ?? [];
  const rank = (key: string) => {
    const i = order.indexOf(key);
    return i < 0 ? order.length : i;
  };
  return [...standings]
    .sort((a, b) => rank(a.event) - rank(b.event))
    .map((e) => {
      const s = summary?.events.find((x) => x.key === e.event);
      const competing = e.rows.filter((r) => r.status === 'competing');
      return {
        key: e.event,
        name: s?.name ?? e.name ?? e.event,
        final: e.final,
        frozen: e.frozen,
        rows: e.rows,
        criteria: criteriaOf(e),
        awards: e.awards,
        decimals: e.precision ?? displayDecimals(e.rows),
        competing: competing.length,
        complete: competing.filter((r) => r.complete).length,
      };
    });
}

/** Restricts and orders events by the board's `events=` parameter. */
export function selectEvents(events: readonly BoardEvent[], only: readonly string[] | null): BoardEvent[] {
  if (!only) return [...events];
  return only.map((k) => events.find((e) => e.key === k)).filter((e): e is BoardEvent => e !== undefined);
}

/** bib → contestant name, across events (a contestant can enter several). */
export function namesByBib(standings: readonly EventStandings[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of standings) for (const r of e.rows) names.set(r.bib, r.name);
  return names;
}
